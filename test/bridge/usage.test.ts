/** `ops-bridge --help` (sync_bridge/src/usage.ts), built from the connectors' descriptors. */
import { USAGE } from "../../sync_bridge/src/usage";

describe("--help", () => {
  it("documents the sync commands, options and secrets in --help", () => {
    for (const text of [
      "sync <source>",
      "replay",
      "status",
      "--stream <name>",
      "--since <date>",
      "--dead",
      "HUBSPOT_ACCESS_TOKEN",
      "WOOCOMMERCE_CONSUMER_KEY",
      "LINKEDIN_ACCESS_TOKEN",
      "SHOPIFY_ACCESS_TOKEN",
    ]) {
      expect(USAGE).toContain(text);
    }
  });
});
