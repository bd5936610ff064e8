/**
 * LinkedIn Ads payloads → canonical values, on the Marketing API documentation's own samples
 * (sync_bridge/src/sources/linkedin_ads/mapper.ts, schemas.ts).
 */
import { MappingError } from "../../../../sync_bridge/src/errors";
import { restliDate } from "../../../../sync_bridge/src/sources/linkedin_ads/client";
import { mapCampaign, mapSpend } from "../../../../sync_bridge/src/sources/linkedin_ads/mapper";
import {
  adAccountSchema,
  analyticsPageSchema,
  analyticsRowSchema,
  campaignSchema,
  searchPageSchema,
} from "../../../../sync_bridge/src/sources/linkedin_ads/schemas";
import { linkedInDoc } from "../../fixtures/linkedin_ads/linkedin_fake";

describe("LinkedIn Ads mapping (pure)", () => {
  it("maps the documented campaign to a campaigns record keyed by its id", () => {
    const campaign = campaignSchema.parse(linkedInDoc("campaign.json"));
    expect(mapCampaign(campaign)).toEqual({
      externalId: "141049524",
      values: { name: "Campaign Sponsored update B", status: "enabled" },
      modifiedAt: new Date(1530119777000),
    });
  });

  it("reads the documented ad account and the search finders' cursor envelope", () => {
    expect(adAccountSchema.parse(linkedInDoc("ad_account.json")).id).toBe("123456");
    const page = searchPageSchema.parse(linkedInDoc("campaign_groups_search.json"));
    expect(page.elements).toHaveLength(2);
    expect(page.metadata?.nextPageToken).toBe("DgGerr1iVQreCJVjDOW_rcp63nueBDipsS4DJpvJo");
  });

  it("keys a daily campaign row by campaign and day, with the cost string as the amount", () => {
    const row = analyticsRowSchema.parse({
      pivotValues: ["urn:li:sponsoredCampaign:145282384"],
      dateRange: { start: { month: 5, year: 2024, day: 29 }, end: { month: 5, year: 2024, day: 29 } },
      costInLocalCurrency: "19.91833",
      impressions: 165,
    });
    expect(mapSpend(row)).toEqual({
      externalId: "145282384:2024-05-29",
      values: {
        campaign_external_id: "145282384",
        date: "2024-05-29",
        channel: "linkedin_ads",
        amount: 19.91833,
        clicks: 0,
        impressions: 165,
      },
      modifiedAt: null,
    });
  });

  it("validates the documented daily sample but refuses its rows: they are pivoted by company, not campaign", () => {
    const page = analyticsPageSchema.parse(linkedInDoc("analytics_daily_fields.json"));
    const rows = page.elements.map((element) => analyticsRowSchema.parse(element));
    expect(rows.map((row) => row.costInLocalCurrency)).toEqual([0, 19.91833]);
    expect(() => mapSpend(rows[0] as never)).toThrow(MappingError);
    expect(() => mapSpend(rows[0] as never)).toThrow(
      'the row is pivoted by "urn:li:organization:1111", not by a campaign: ask adAnalytics with pivot=CAMPAIGN',
    );
  });

  it("refuses the documented statistics sample: one campaign's total over many days is not a day's spend", () => {
    const page = analyticsPageSchema.parse(linkedInDoc("statistics_campaign.json"));
    const row = analyticsRowSchema.parse(page.elements[0]);
    expect(() => mapSpend(row)).toThrow(
      "the row covers 2024-01-01 to 2025-05-23, not one day: ask adAnalytics with timeGranularity=DAILY",
    );
  });

  it("refuses a day the calendar does not have and a cost that is not an amount", () => {
    const row = analyticsRowSchema.parse({
      pivotValues: ["urn:li:sponsoredCampaign:1"],
      dateRange: { start: { year: 2025, month: 2, day: 30 } },
    });
    expect(() => mapSpend(row)).toThrow("the row's dateRange is not a calendar day");
    const bad = analyticsRowSchema.safeParse({
      pivotValues: ["urn:li:sponsoredCampaign:1"],
      dateRange: { start: { year: 2025, month: 2, day: 3 } },
      costInLocalCurrency: "twelve",
    });
    expect(bad.success).toBe(false);
  });

  it("writes Rest.li dates without zero padding", () => {
    expect(restliDate("2025-03-09")).toBe("(year:2025,month:3,day:9)");
  });
});
