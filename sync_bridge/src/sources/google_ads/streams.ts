/**
 * Google Ads streams. `campaigns` reads every campaign each run (a few hundred rows at most).
 * `campaign_spend` reads daily metrics from the cursor's day minus a look-back (Google keeps
 * adjusting the last days' costs for invalid clicks), up to today; each searchStream batch is a
 * page whose cursor is the last day it holds, rows being ordered by day.
 */
import { isoDay } from "../primitives";
import type { SourcePage, StreamDefinition } from "../source";
import type { GoogleAdsClient } from "./client";
import { GOOGLE_ADS_MAPPING_VERSION, mapCampaign, mapSpend } from "./mapper";
import { campaignRowSchema, spendRowSchema } from "./schemas";

export interface GoogleAdsStreamSettings {
  /** Days re-read before the cursor's day, e.g. 3. */
  lookbackDays: number;
  /** Days read on the first sync, when there is no cursor yet, e.g. 30. */
  initialDays: number;
  /** The clock; tests pin it. */
  now: () => Date;
}

export const CAMPAIGNS_QUERY = "SELECT campaign.id, campaign.name, campaign.status FROM campaign ORDER BY campaign.id";

/** The GAQL of daily spend between two days, inclusive. */
export function spendQuery(from: string, to: string): string {
  return (
    "SELECT campaign.id, segments.date, metrics.cost_micros, metrics.clicks, metrics.impressions " +
    `FROM campaign WHERE segments.date BETWEEN '${from}' AND '${to}' ORDER BY segments.date, campaign.id`
  );
}

/** `day` shifted by `days` (negative: earlier). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDay(date);
}

/** The id of a raw row's campaign, leniently. */
function rawCampaignId(raw: unknown): string | null {
  const campaign = typeof raw === "object" && raw !== null ? (raw as { campaign?: { id?: unknown } }).campaign : undefined;
  const id = campaign?.id;
  return typeof id === "string" && /^\d{1,19}$/.test(id) ? id : null;
}

/** The last well-formed `segments.date` of a batch. */
function lastDay(rows: readonly unknown[]): string | undefined {
  for (let index = rows.length - 1; index >= 0; index -= 1) {
    const value = (rows[index] as { segments?: { date?: unknown } } | null)?.segments?.date;
    if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  }
  return undefined;
}

/** The Google Ads streams in dependency order: campaigns, then their daily spend. */
export function googleAdsStreams(client: GoogleAdsClient, settings: GoogleAdsStreamSettings): StreamDefinition[] {
  const campaigns: StreamDefinition = {
    name: "campaigns",
    mappingVersion: GOOGLE_ADS_MAPPING_VERSION,
    schema: campaignRowSchema,
    map: mapCampaign as StreamDefinition["map"],
    externalIdOf: rawCampaignId,
    async *read(): AsyncIterable<SourcePage> {
      for (const batch of await client.searchStream(CAMPAIGNS_QUERY)) yield { records: batch.results };
    },
  };
  const spend: StreamDefinition = {
    name: "campaign_spend",
    mappingVersion: GOOGLE_ADS_MAPPING_VERSION,
    schema: spendRowSchema,
    map: mapSpend as StreamDefinition["map"],
    externalIdOf: (raw) => {
      const id = rawCampaignId(raw);
      const date = lastDay([raw]);
      return id && date ? `${id}:${date}` : id;
    },
    async *read({ since }): AsyncIterable<SourcePage> {
      const today = isoDay(settings.now());
      const from = since === null ? addDays(today, -settings.initialDays) : addDays(since.slice(0, 10), -settings.lookbackDays);
      for (const batch of await client.searchStream(spendQuery(from, today))) {
        yield { records: batch.results, cursor: lastDay(batch.results) };
      }
    },
  };
  return [campaigns, spend];
}
