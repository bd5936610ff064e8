/**
 * Google Ads rows → canonical values. Pure. Campaigns become `utm.campaign` records; each
 * (campaign, day) becomes one `ops.campaign.spend` line whose external id is "<campaign>:<day>",
 * so re-reading a day replaces that day's line instead of adding to it.
 */
import type { MappedRecord } from "../source";
import type { CampaignRow, SpendRow } from "./schemas";

export const GOOGLE_ADS_MAPPING_VERSION = 1;

/** Micros (millionths of the account currency) → currency units. */
export function fromMicros(micros: number): number {
  return micros / 1_000_000;
}

/** A campaign row → `campaigns` values. */
export function mapCampaign(row: CampaignRow): MappedRecord {
  return {
    externalId: row.campaign.id,
    values: { name: row.campaign.name, status: row.campaign.status.toLowerCase() },
    modifiedAt: null,
  };
}

/**
 * A daily spend row → `campaign_spend` values. The amount is in the Ads account's currency,
 * which the bridge assumes is the company's (Odoo stores spend in company currency).
 */
export function mapSpend(row: SpendRow): MappedRecord {
  const campaign = row.campaign.id;
  const date = row.segments.date;
  return {
    externalId: `${campaign}:${date}`,
    values: {
      campaign_external_id: campaign,
      date,
      channel: "google_ads",
      amount: fromMicros(row.metrics.costMicros),
      clicks: row.metrics.clicks,
      impressions: row.metrics.impressions,
    },
    modifiedAt: null,
  };
}
