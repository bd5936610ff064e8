/**
 * LinkedIn Ads records → canonical values. Pure. Campaigns become `utm.campaign` records; each
 * element of the daily, campaign-pivoted `adAnalytics` becomes one `ops.campaign.spend` line
 * whose external id is "<campaign id>:<day>", as Google Ads' are, so that re-reading a day
 * replaces that day's line instead of adding to it.
 */
import { MappingError } from "../../errors";
import type { MappedRecord } from "../source";
import type { AnalyticsRow, Campaign } from "./schemas";

export const LINKEDIN_MAPPING_VERSION = 1;

/** LinkedIn campaign status → the `campaigns` stream's status (only "removed" archives the campaign). */
export const CAMPAIGN_STATUS_MAP: Readonly<Record<Campaign["status"], string>> = {
  ACTIVE: "enabled",
  PAUSED: "paused",
  DRAFT: "paused",
  COMPLETED: "paused",
  ARCHIVED: "removed",
  CANCELED: "removed",
  PENDING_DELETION: "removed",
  REMOVED: "removed",
};

const CAMPAIGN_URN = /^urn:li:sponsoredCampaign:(\d{1,19})$/;

/** "urn:li:sponsoredCampaign:123" → "123", or `null` for any other URN. */
export function campaignIdOfUrn(urn: string): string | null {
  return CAMPAIGN_URN.exec(urn)?.[1] ?? null;
}

/** A campaign → `campaigns` values. */
export function mapCampaign(campaign: Campaign): MappedRecord {
  const modified = campaign.changeAuditStamps?.lastModified?.time;
  return {
    externalId: campaign.id,
    values: { name: campaign.name, status: CAMPAIGN_STATUS_MAP[campaign.status] },
    modifiedAt: modified === undefined ? null : new Date(modified),
  };
}

/** A `{year, month, day}` → "YYYY-MM-DD"; `null` for a day the calendar does not have. */
export function isoDayOf(date: { year: number; month: number; day: number }): string | null {
  const utc = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (utc.getUTCMonth() !== date.month - 1 || utc.getUTCDate() !== date.day) return null;
  return utc.toISOString().slice(0, 10);
}

/**
 * A daily analytics element → `campaign_spend` values. Throws `MappingError` for an element that
 * is not one campaign's one day (another pivot, or a range of days), which would be wrong spend.
 */
export function mapSpend(row: AnalyticsRow): MappedRecord {
  const urn = row.pivotValues[0] ?? "";
  const campaign = campaignIdOfUrn(urn);
  if (campaign === null) {
    throw new MappingError(`the row is pivoted by "${urn}", not by a campaign: ask adAnalytics with pivot=CAMPAIGN`);
  }
  const start = isoDayOf(row.dateRange.start);
  const end = row.dateRange.end ? isoDayOf(row.dateRange.end) : start;
  if (start === null || end === null) throw new MappingError("the row's dateRange is not a calendar day");
  if (start !== end) {
    throw new MappingError(`the row covers ${start} to ${end}, not one day: ask adAnalytics with timeGranularity=DAILY`);
  }
  return {
    externalId: `${campaign}:${start}`,
    values: {
      campaign_external_id: campaign,
      date: start,
      channel: "linkedin_ads",
      amount: row.costInLocalCurrency,
      clicks: row.clicks,
      impressions: row.impressions,
    },
    modifiedAt: null,
  };
}
