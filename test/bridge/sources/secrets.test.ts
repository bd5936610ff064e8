/**
 * Reading the connectors' secrets from the environment (sync_bridge/src/sources/secrets.ts and
 * each connector's secrets.ts).
 */
import { googleAdsSecrets } from "../../../sync_bridge/src/sources/google_ads/secrets";
import { hubspotSecrets } from "../../../sync_bridge/src/sources/hubspot/secrets";
import { wooCommerceSecrets } from "../../../sync_bridge/src/sources/woocommerce/secrets";
import { configError } from "../support/config_error";

describe("secrets from the environment", () => {
  it("reads each vendor's variables and names the missing ones", () => {
    expect(hubspotSecrets({ HUBSPOT_ACCESS_TOKEN: "pat" })).toBe("pat");
    expect(wooCommerceSecrets({ WOOCOMMERCE_CONSUMER_KEY: "ck", WOOCOMMERCE_CONSUMER_SECRET: "cs" })).toEqual({
      key: "ck",
      secret: "cs",
    });
    const woo = configError(() => wooCommerceSecrets({ WOOCOMMERCE_CONSUMER_KEY: "ck", WOOCOMMERCE_CONSUMER_SECRET: "  " }));
    expect(woo.message).toContain("✖ is not set\n  → at WOOCOMMERCE_CONSUMER_SECRET");
    expect(woo.hint).toBe("Set WOOCOMMERCE_CONSUMER_SECRET in the environment or in the file passed with --env-file.");
  });

  it("accepts a Google access token, or the three OAuth refresh variables", () => {
    expect(googleAdsSecrets({ GOOGLE_ADS_DEVELOPER_TOKEN: "d", GOOGLE_ADS_ACCESS_TOKEN: "a" })).toEqual({
      developerToken: "d",
      accessToken: "a",
    });
    expect(
      googleAdsSecrets({
        GOOGLE_ADS_DEVELOPER_TOKEN: "d",
        GOOGLE_ADS_CLIENT_ID: "i",
        GOOGLE_ADS_CLIENT_SECRET: "s",
        GOOGLE_ADS_REFRESH_TOKEN: "r",
      }),
    ).toMatchObject({ refreshToken: "r" });
    const error = configError(() => googleAdsSecrets({ GOOGLE_ADS_DEVELOPER_TOKEN: "d", GOOGLE_ADS_CLIENT_ID: "i" }));
    expect(error.message).toContain("→ at GOOGLE_ADS_CLIENT_SECRET");
    expect(error.message).toContain("→ at GOOGLE_ADS_REFRESH_TOKEN");
  });
});
