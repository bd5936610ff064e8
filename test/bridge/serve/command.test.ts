import { parseCliArgs } from "../../../sync_bridge/src/args";
import { main } from "../../../sync_bridge/src/cli";

const ODOO = { ODOO_URL: "http://127.0.0.1:8069", ODOO_DB: "ops", ODOO_API_KEY: "k" };

describe("ops-bridge serve's command line", () => {
  it("reads --port and --host, and refuses them elsewhere or malformed", () => {
    expect(parseCliArgs(["serve", "--port", "9000", "--host", "0.0.0.0"])).toMatchObject({
      command: "serve",
      port: 9000,
      host: "0.0.0.0",
    });
    expect(parseCliArgs(["serve"])).toMatchObject({ port: undefined, host: undefined });
    expect(() => parseCliArgs(["serve", "--port", "http"])).toThrow('--port must be a port number, got "http"');
    expect(() => parseCliArgs(["serve", "--port", "70000"])).toThrow("--port must be at most 65535");
    expect(() => parseCliArgs(["sync", "hubspot", "--port", "9000"])).toThrow("--port only applies to serve");
  });

  it("exits 2 and names the variables when no signing secret is set", async () => {
    const err: string[] = [];
    const code = await main(["serve", "--port", "0"], { stdout: () => undefined, stderr: (text) => err.push(text), env: ODOO });
    expect(code).toBe(2);
    expect(err.join("\n")).toMatch(
      /no webhook secret is set[\s\S]*HUBSPOT_CLIENT_SECRET, SHOPIFY_WEBHOOK_SECRET, WOOCOMMERCE_WEBHOOK_SECRET/,
    );
  });
});
