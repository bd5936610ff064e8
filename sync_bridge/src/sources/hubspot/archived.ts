/**
 * HubSpot's archived (deleted) records, for reconciliation: `GET /crm/v3/objects/{object}
 * ?archived=true` lists them page by page (`paging.next.after`, an opaque token sent back as
 * received), each with its `archivedAt`. The list cannot be filtered by date, so every page is
 * read and the ids archived before `since` are left out here.
 */
import { parseDateTime } from "../primitives";
import { topLevelId } from "../source";
import type { HubSpotClient } from "./client";

/** `archivedAt` of a raw record in ms; `null` when it has none or it is not a date. */
function archivedAt(raw: unknown): number | null {
  const value = typeof raw === "object" && raw !== null ? (raw as { archivedAt?: unknown }).archivedAt : undefined;
  return typeof value === "string" ? (parseDateTime(value)?.getTime() ?? null) : null;
}

/**
 * The ids of `objectType` records archived at or after `since` (every archived one when `null`),
 * page by page. A record whose `archivedAt` is missing or unreadable is archived all the same, so
 * it is always reported: reconciliation archiving an already archived Odoo record changes nothing.
 */
export async function* archivedSince(client: HubSpotClient, objectType: string, since: string | null): AsyncIterable<string[]> {
  const from = since === null ? null : Date.parse(since);
  if (from !== null && Number.isNaN(from)) throw new TypeError(`archivedSince: "${since}" is not a date`);
  let after: string | undefined;
  do {
    const page = await client.archived(objectType, after);
    const ids: string[] = [];
    for (const raw of page.results) {
      const id = topLevelId(raw);
      const at = archivedAt(raw);
      if (id !== null && (from === null || at === null || at >= from)) ids.push(id);
    }
    if (ids.length > 0) yield ids;
    after = page.paging?.next?.after;
  } while (after !== undefined && after !== "");
}
