/**
 * Google Ads rows → canonical values, and the spend query
 * (sync_bridge/src/sources/google_ads/mapper.ts).
 */
import { mapSpend } from "../../../../sync_bridge/src/sources/google_ads/mapper";
import { spendRowSchema } from "../../../../sync_bridge/src/sources/google_ads/schemas";
import { spendQuery } from "../../../../sync_bridge/src/sources/google_ads/streams";

describe("Google Ads mapping (pure)", () => {
  it("converts micros to currency and keys a spend line by campaign and day", () => {
    const row = spendRowSchema.parse({
      campaign: { id: "42" },
      segments: { date: "2025-03-01" },
      metrics: { costMicros: "12340000", clicks: "7", impressions: "1500" },
    });
    expect(mapSpend(row)).toEqual({
      externalId: "42:2025-03-01",
      values: {
        campaign_external_id: "42",
        date: "2025-03-01",
        channel: "google_ads",
        amount: 12.34,
        clicks: 7,
        impressions: 1500,
      },
      modifiedAt: null,
    });
  });

  it("reads metrics proto3 left out as zero", () => {
    const row = spendRowSchema.parse({ campaign: { id: "42" }, segments: { date: "2025-03-01" } });
    expect(mapSpend(row).values).toMatchObject({ amount: 0, clicks: 0, impressions: 0 });
  });

  it("asks for the days between two dates, ordered by day", () => {
    expect(spendQuery("2025-03-01", "2025-03-05")).toBe(
      "SELECT campaign.id, segments.date, metrics.cost_micros, metrics.clicks, metrics.impressions FROM campaign WHERE segments.date BETWEEN '2025-03-01' AND '2025-03-05' ORDER BY segments.date, campaign.id",
    );
  });
});
