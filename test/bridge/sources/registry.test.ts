/**
 * The connectors' registry (sync_bridge/src/sources/registry.ts): what derives from the
 * descriptors, and that each descriptor's declared streams and secrets agree with what it builds.
 */
import { createSource } from "../../../sync_bridge/src/sources";
import { SOURCE_NAMES, SOURCE_STREAMS, SOURCES, STREAM_KINDS } from "../../../sync_bridge/src/sources/registry";
import { parseSyncSettings } from "../../../sync_bridge/src/sync_config";

describe("the registry", () => {
  it("lists the sources and their streams in run order", () => {
    expect(SOURCE_NAMES).toEqual(["csv", "hubspot", "google_ads", "woocommerce", "linkedin_ads", "salesforce", "shopify"]);
    expect(STREAM_KINDS).toEqual([
      "companies",
      "contacts",
      "deals",
      "campaigns",
      "campaign_spend",
      "customers",
      "orders",
      "products",
      "leads",
    ]);
    expect(SOURCE_STREAMS).toEqual({
      csv: ["companies", "contacts", "deals", "campaigns", "campaign_spend", "customers", "orders"],
      hubspot: ["companies", "contacts", "deals"],
      google_ads: ["campaigns", "campaign_spend"],
      woocommerce: ["products", "customers", "orders"],
      linkedin_ads: ["campaigns", "campaign_spend"],
      salesforce: ["companies", "contacts", "leads", "deals"],
      shopify: ["customers", "orders"],
    });
  });

  it("builds, offline, exactly the streams each descriptor declares, with its placeholders as secrets", () => {
    const settings = parseSyncSettings({}, "/anywhere");
    for (const descriptor of SOURCES) {
      const source = createSource(descriptor.name, settings, { env: {}, offline: true });
      expect({ name: source.name, streams: source.streams.map((stream) => stream.name) }).toEqual({
        name: descriptor.name,
        streams: [...descriptor.streams],
      });
      if (descriptor.secrets) {
        expect(Object.keys(descriptor.secrets.offline).every((name) => descriptor.secrets?.names.includes(name))).toBe(true);
        expect(() => descriptor.secrets?.read(descriptor.secrets.offline)).not.toThrow();
      }
    }
  });
});
