/**
 * LinkedIn Ads streams. `campaigns` reads every campaign of every account each run (cursor pages
 * of `adCampaigns` search). `campaign_spend` reads daily `adAnalytics` pivoted by campaign, from
 * the cursor's day minus a look-back (LinkedIn settles the last days' figures late) up to today,
 * in windows of days and batches of campaigns that keep each answer well under LinkedIn's 15,000
 * elements and its URL length; a window's last batch carries the window's last day as cursor.
 */
import { isoDay } from "../primitives";
import type { SourcePage, StreamDefinition } from "../source";
import { topLevelId } from "../source";
import type { LinkedInClient } from "./client";
import { LINKEDIN_MAPPING_VERSION, campaignIdOfUrn, isoDayOf, mapCampaign, mapSpend } from "./mapper";
import { adAccountSchema, analyticsRowSchema, campaignSchema, type SearchPage } from "./schemas";

export interface LinkedInStreamSettings {
  /** The ad accounts to read; every active account the token reaches when empty. */
  accountIds: readonly string[];
  /** Days re-read before the cursor's day, e.g. 3. */
  lookbackDays: number;
  /** Days read on the first sync, when there is no cursor yet, e.g. 30. */
  initialDays: number;
  /** Days per `adAnalytics` call, e.g. 30. */
  daysPerCall: number;
  /** Campaigns per `adAnalytics` call, e.g. 20. */
  campaignsPerCall: number;
  /** The clock; tests pin it. */
  now: () => Date;
}

/** `day` moved by `days` (negative: earlier). */
export function shiftDay(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

/** Every page of a search finder, following `metadata.nextPageToken` until LinkedIn leaves it out. */
async function* searchPages(read: (pageToken?: string) => Promise<SearchPage>): AsyncIterable<unknown[]> {
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await read(token);
    yield page.elements;
    token = page.metadata?.nextPageToken ?? undefined;
    // A token handed out twice would loop for ever: stop at the first repeat.
    if (token !== undefined && seen.has(token)) break;
    if (token !== undefined) seen.add(token);
  } while (token !== undefined && token !== "");
}

/** The ids of the accounts to read: the configured ones, or every active account of the token. */
async function accountIds(client: LinkedInClient, configured: readonly string[]): Promise<string[]> {
  if (configured.length > 0) return [...configured];
  const ids: string[] = [];
  for await (const elements of searchPages((token) => client.adAccounts(token))) {
    for (const element of elements) {
      const parsed = adAccountSchema.safeParse(element);
      if (parsed.success) ids.push(parsed.data.id);
    }
  }
  return ids;
}

/** The campaign id of a raw campaign, leniently (for the dead-letter queue). */
function rawCampaignId(raw: unknown): string | null {
  return topLevelId(raw);
}

/** The "<campaign>:<day>" of a raw analytics element, leniently. */
function rawSpendId(raw: unknown): string | null {
  const row = typeof raw === "object" && raw !== null ? (raw as { pivotValues?: unknown; dateRange?: unknown }) : {};
  const urn = Array.isArray(row.pivotValues) && typeof row.pivotValues[0] === "string" ? row.pivotValues[0] : "";
  const campaign = campaignIdOfUrn(urn);
  const start = (row.dateRange as { start?: unknown } | undefined)?.start;
  const day =
    typeof start === "object" && start !== null ? isoDayOf(start as { year: number; month: number; day: number }) : null;
  return campaign && day ? `${campaign}:${day}` : campaign;
}

/** Each account's campaign pages: the raw campaigns, as the search finder returns them. */
async function* campaignPages(
  client: LinkedInClient,
  configured: readonly string[],
): AsyncIterable<{ account: string; elements: unknown[] }> {
  for (const account of await accountIds(client, configured)) {
    for await (const elements of searchPages((token) => client.adCampaigns(account, token))) yield { account, elements };
  }
}

/** Splits `items` into runs of at most `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

/** The LinkedIn Ads streams in dependency order: campaigns, then their daily spend. */
export function linkedInStreams(client: LinkedInClient, settings: LinkedInStreamSettings): StreamDefinition[] {
  const campaigns: StreamDefinition = {
    name: "campaigns",
    mappingVersion: LINKEDIN_MAPPING_VERSION,
    schema: campaignSchema,
    map: mapCampaign as StreamDefinition["map"],
    externalIdOf: rawCampaignId,
    async *read(): AsyncIterable<SourcePage> {
      for await (const { elements } of campaignPages(client, settings.accountIds)) yield { records: elements };
    },
  };
  const spend: StreamDefinition = {
    name: "campaign_spend",
    mappingVersion: LINKEDIN_MAPPING_VERSION,
    schema: analyticsRowSchema,
    map: mapSpend as StreamDefinition["map"],
    externalIdOf: rawSpendId,
    async *read({ since }): AsyncIterable<SourcePage> {
      const today = isoDay(settings.now());
      const from = since === null ? shiftDay(today, -settings.initialDays) : shiftDay(since.slice(0, 10), -settings.lookbackDays);
      // Campaign ids per account: one analytics call never mixes two accounts.
      const byAccount = new Map<string, string[]>();
      for await (const { account, elements } of campaignPages(client, settings.accountIds)) {
        const ids = byAccount.get(account) ?? [];
        for (const element of elements) {
          const id = rawCampaignId(element);
          if (id !== null && /^\d+$/.test(id)) ids.push(id);
        }
        byAccount.set(account, ids);
      }
      const batches = [...byAccount.values()].flatMap((ids) => chunks(ids, Math.max(1, settings.campaignsPerCall)));
      if (batches.length === 0) {
        yield { records: [], cursor: today, note: "no LinkedIn campaign to read spend for" };
        return;
      }
      for (let start = from; start <= today; start = shiftDay(start, settings.daysPerCall)) {
        const last = shiftDay(start, settings.daysPerCall - 1);
        const end = last < today ? last : today;
        for (const [index, batch] of batches.entries()) {
          const records = await client.dailyCampaignAnalytics(batch, start, end);
          yield { records, cursor: index === batches.length - 1 ? end : undefined };
        }
      }
    },
  };
  return [campaigns, spend];
}
