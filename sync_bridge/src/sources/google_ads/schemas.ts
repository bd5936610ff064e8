/**
 * Google Ads API payloads of `POST /{version}/customers/{id}/googleAds:searchStream` (REST,
 * proto3 JSON): an array of `SearchGoogleAdsStreamResponse` batches, each with `results[]`
 * (`GoogleAdsRow`: `campaign`, `metrics`, `segments` in camelCase), `fieldMask` and `requestId`.
 * int64 values (ids, `costMicros`, clicks, impressions) are JSON strings, and proto3 leaves out
 * fields at their default, so a day without clicks has no `clicks` at all.
 */
import { z } from "zod";
import { day, int64Counter, text } from "../primitives";

/** The stream's envelope; rows are validated one by one. */
export const searchStreamSchema = z.array(
  z.object({
    results: z.array(z.unknown()).default([]),
    fieldMask: z.string().optional(),
    requestId: z.string().optional(),
  }),
);
export type SearchStreamBatch = z.output<typeof searchStreamSchema>[number];

/** A campaign id: int64, as a string in JSON. */
const campaignId = z.union([
  z.string().regex(/^\d{1,19}$/, "is not a campaign id"),
  z.number().int().nonnegative().transform(String),
]);

export const CAMPAIGN_STATUSES = ["ENABLED", "PAUSED", "REMOVED", "UNKNOWN", "UNSPECIFIED"] as const;

/** A row of `SELECT campaign.id, campaign.name, campaign.status FROM campaign`. */
export const campaignRowSchema = z.object({
  campaign: z.object({
    resourceName: text(200).optional(),
    id: campaignId,
    name: text(255).min(1, "is empty"),
    status: z.enum(CAMPAIGN_STATUSES).default("UNSPECIFIED"),
  }),
});
export type CampaignRow = z.output<typeof campaignRowSchema>;

/** A row of the daily spend query: campaign, day, cost in micros, clicks and impressions. */
export const spendRowSchema = z.object({
  campaign: z.object({ resourceName: text(200).optional(), id: campaignId }),
  segments: z.object({ date: day }),
  metrics: z
    .object({
      costMicros: int64Counter.default(0),
      clicks: int64Counter.default(0),
      impressions: int64Counter.default(0),
    })
    .prefault({}),
});
export type SpendRow = z.output<typeof spendRowSchema>;

/** OAuth token endpoint answer. */
export const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive().default(3600),
  token_type: z.string().optional(),
});
