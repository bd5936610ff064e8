/**
 * LinkedIn Marketing API payloads (versioned `/rest/…` endpoints, Rest.li protocol 2.0.0), as the
 * Marketing docs show them: search finders answer `{elements, metadata: {nextPageToken}}` (cursor
 * paging since 202401, the token absent on the last page); `adAnalytics` answers `{elements,
 * paging}` without paging support, each element carrying `pivotValues` (URNs), a `dateRange` of
 * `{year, month, day}` objects and the metrics asked for in `fields` (`costInLocalCurrency` is a
 * decimal string such as "19.91833"; counts are numbers).
 */
import { z } from "zod";
import { decimal, text } from "../primitives";

/** A LinkedIn numeric id (a `long`), sent as a number; URNs carry it as text. */
const linkedInId = z.union([
  z.number().int().positive().max(Number.MAX_SAFE_INTEGER).transform(String),
  z.string().regex(/^\d{1,19}$/, "is not a LinkedIn id"),
]);

/** The envelope of a search finder; elements are validated one by one. */
export const searchPageSchema = z.object({
  elements: z.array(z.unknown()),
  metadata: z.looseObject({ nextPageToken: z.string().min(1).max(2000).nullish() }).optional(),
});
export type SearchPage = z.output<typeof searchPageSchema>;

/** The envelope of `adAnalytics` (no paging); elements are validated one by one. */
export const analyticsPageSchema = z.object({ elements: z.array(z.unknown()).default([]) });

/** An ad account of `GET /rest/adAccounts?q=search`. */
export const adAccountSchema = z.looseObject({
  id: linkedInId,
  name: text(255).optional(),
  currency: z.string().optional(),
  status: z.string().optional(),
});
export type AdAccount = z.output<typeof adAccountSchema>;

export const CAMPAIGN_STATUSES = [
  "ACTIVE",
  "PAUSED",
  "ARCHIVED",
  "COMPLETED",
  "CANCELED",
  "DRAFT",
  "PENDING_DELETION",
  "REMOVED",
] as const;

/** A campaign of `GET /rest/adAccounts/{id}/adCampaigns?q=search`. */
export const campaignSchema = z.object({
  id: linkedInId,
  name: text(255).min(1, "is empty"),
  status: z.enum(CAMPAIGN_STATUSES),
  account: text(200).optional(),
  changeAuditStamps: z
    .looseObject({ lastModified: z.looseObject({ time: z.number().int().nonnegative() }).optional() })
    .optional(),
});
export type Campaign = z.output<typeof campaignSchema>;

/** A calendar day as LinkedIn's `Date` object. */
const dateObject = z.object({
  year: z.number().int().min(2000).max(2200),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
});

/** A count LinkedIn left out (no activity) reads as zero. */
const count = z.number().int().nonnegative().max(1e15).default(0);

/** One `adAnalytics` element of the daily, campaign-pivoted query. */
export const analyticsRowSchema = z.object({
  pivotValues: z.array(text(200)).min(1, "has no pivot value"),
  dateRange: z.object({ start: dateObject, end: dateObject.optional() }),
  costInLocalCurrency: decimal.default(0),
  clicks: count,
  impressions: count,
});
export type AnalyticsRow = z.output<typeof analyticsRowSchema>;

/** LinkedIn's error body: `{status, serviceErrorCode?, code?, message}`. */
export const errorBodySchema = z.looseObject({
  message: z.string(),
  status: z.number().optional(),
  code: z.string().optional(),
  serviceErrorCode: z.number().optional(),
});
