/**
 * HubSpot streams: incremental reads through the CRM search endpoint, sorted by modification
 * date, oldest first.
 *
 * The search endpoints refuse to page past 10,000 results for one query. So a read is cut into
 * windows: when a window is about to reach the cap, the next one starts at the modification date
 * of the last record read (GTE, so records sharing that instant are read again and Odoo answers
 * `unchanged` for them). If a whole window shares one instant (a bulk import), a tie pass walks
 * that instant by `hs_object_id` before moving past it.
 *
 * Each stream also lists its archived records (`readDeleted`) for reconciliation; search never
 * returns them.
 */
import type { z } from "zod";
import { parseDateTime } from "../primitives";
import type { MappedRecord, SourcePage, StreamDefinition } from "../source";
import { topLevelId } from "../source";
import { SEARCH_PAGE_MAX, SEARCH_RESULT_CAP, type HubSpotClient, type SearchFilter, type SearchRequest } from "./client";
import { archivedSince } from "./archived";
import { HUBSPOT_MAPPING_VERSION, mapCompany, mapContact, mapDeal } from "./mapper";
import { COMPANY_PROPERTIES, CONTACT_PROPERTIES, DEAL_PROPERTIES, companySchema, contactSchema, dealSchema } from "./schemas";

/** How the HubSpot streams read. */
export interface HubSpotStreamSettings {
  /** Records per search page, at most 200. */
  pageSize: number;
  /** How far before the stored cursor a read starts again, in ms: search indexing lags writes. */
  lookbackMs: number;
}

/** What one search-backed stream needs to know about its object type. */
interface SearchSpec<Raw> {
  name: "companies" | "contacts" | "deals";
  modifiedProperty: string;
  properties: readonly string[];
  schema: z.ZodType<Raw>;
  map: (record: Raw) => MappedRecord;
  /** Override to complete a page's raw records before validation (the deals' associations). */
  enrich?: (records: unknown[]) => Promise<unknown[]>;
}

/** A raw record's property, leniently: it has not been validated yet. */
function rawProperty(raw: unknown, property: string): unknown {
  if (typeof raw !== "object" || raw === null) return undefined;
  const properties = (raw as { properties?: unknown }).properties;
  return typeof properties === "object" && properties !== null ? (properties as Record<string, unknown>)[property] : undefined;
}

/** The latest modification instant among raw records, in ms; `null` when none is readable. */
export function latestModified(records: readonly unknown[], property: string): number | null {
  let latest: number | null = null;
  for (const raw of records) {
    const value = rawProperty(raw, property);
    const date = typeof value === "string" ? parseDateTime(value) : null;
    if (date !== null && (latest === null || date.getTime() > latest)) latest = date.getTime();
  }
  return latest;
}

/**
 * Pages of `objectType` modified at or after `since` (ms), oldest first, across as many
 * windows as the 10,000-result cap requires. Each page comes with the latest instant read so far.
 */
export async function* searchModifiedSince(
  client: HubSpotClient,
  objectType: string,
  modifiedProperty: string,
  properties: readonly string[],
  since: number | null,
  pageSize: number,
  until: number | null = null,
): AsyncIterable<{ results: unknown[]; latest: number | null }> {
  const limit = Math.min(Math.max(1, pageSize), SEARCH_PAGE_MAX);
  let lower = since;
  let tie: { at: number; afterId: string } | null = null;
  let after: string | undefined;
  let readInWindow = 0;
  let windowFirst: number | null = null;
  let latest = since;
  for (;;) {
    const filters: SearchFilter[] = tie
      ? [
          { propertyName: modifiedProperty, operator: "EQ", value: String(tie.at) },
          { propertyName: "hs_object_id", operator: "GT", value: tie.afterId },
        ]
      : [
          ...(lower === null ? [] : [{ propertyName: modifiedProperty, operator: "GTE" as const, value: String(lower) }]),
          ...(until === null ? [] : [{ propertyName: modifiedProperty, operator: "LT" as const, value: String(until) }]),
        ];
    const request: SearchRequest = {
      filters,
      sorts: [{ propertyName: tie ? "hs_object_id" : modifiedProperty, direction: "ASCENDING" }],
      properties: [...properties, ...(properties.includes(modifiedProperty) ? [] : [modifiedProperty])],
      limit,
      after,
    };
    const page = await client.search(objectType, request);
    const pageLatest = latestModified(page.results, modifiedProperty);
    if (readInWindow === 0) windowFirst = latestModified(page.results.slice(0, 1), modifiedProperty);
    if (pageLatest !== null && (latest === null || pageLatest > latest)) latest = pageLatest;
    yield { results: page.results, latest };
    readInWindow += page.results.length;
    const next = page.paging?.next?.after;
    if (next === undefined || page.results.length === 0) {
      if (!tie) return;
      // The instant is exhausted: carry on strictly after it.
      lower = tie.at + 1;
      tie = null;
    } else if (readInWindow + limit <= SEARCH_RESULT_CAP) {
      after = next;
      continue;
    } else if (tie) {
      tie = { at: tie.at, afterId: topLevelId(page.results.at(-1)) ?? tie.afterId };
    } else if (pageLatest !== null && pageLatest !== windowFirst) {
      lower = pageLatest;
    } else {
      // The whole window shares one instant: moving `lower` would not move the window.
      tie = { at: pageLatest ?? lower ?? 0, afterId: "0" };
    }
    after = undefined;
    readInWindow = 0;
  }
}

/** A stream backed by the search endpoint. */
function searchStream<Raw>(client: HubSpotClient, settings: HubSpotStreamSettings, spec: SearchSpec<Raw>): StreamDefinition<Raw> {
  return {
    name: spec.name,
    mappingVersion: HUBSPOT_MAPPING_VERSION,
    schema: spec.schema,
    map: spec.map,
    externalIdOf: (raw) => topLevelId(raw),
    windowed: true,
    async *read({ since, until }): AsyncIterable<SourcePage> {
      const start = since === null ? null : Date.parse(since) - settings.lookbackMs;
      const end = until ? Date.parse(until) : null;
      const pages = searchModifiedSince(client, spec.name, spec.modifiedProperty, spec.properties, start, settings.pageSize, end);
      for await (const { results, latest } of pages) {
        const records = spec.enrich ? await spec.enrich(results) : results;
        yield { records, cursor: latest === null ? undefined : new Date(latest).toISOString() };
      }
    },
    async readByIds(ids) {
      const properties = [
        ...spec.properties,
        ...(spec.properties.includes(spec.modifiedProperty) ? [] : [spec.modifiedProperty]),
      ];
      const results: unknown[] = [];
      // HubSpot's batch read takes at most 100 ids.
      for (let start = 0; start < ids.length; start += 100) {
        results.push(...(await client.batchRead(spec.name, ids.slice(start, start + 100), properties)));
      }
      return spec.enrich ? await spec.enrich(results) : results;
    },
    readDeleted: ({ since }) => archivedSince(client, spec.name, since),
  };
}

/** Adds `associations: {companies, contacts}` to each raw deal, read in two batch calls. */
async function withDealAssociations(client: HubSpotClient, deals: unknown[]): Promise<unknown[]> {
  const ids = deals.map((deal) => topLevelId(deal)).filter((id): id is string => id !== null);
  const [companies, contacts] = await Promise.all([
    client.associations("deals→companies", ids),
    client.associations("deals→contacts", ids),
  ]);
  return deals.map((deal) => {
    const id = topLevelId(deal);
    if (id === null || typeof deal !== "object" || deal === null) return deal;
    return { ...deal, associations: { companies: companies.get(id)?.ids ?? [], contacts: contacts.get(id)?.ids ?? [] } };
  });
}

/**
 * Adds `associations: {companies}` to each raw contact whose `associatedcompanyid` is empty: its
 * primary company from the v4 associations (or its only company when none is marked primary),
 * all read in one batch call per page; none when every contact of the page names its company.
 */
async function withContactCompanies(client: HubSpotClient, contacts: unknown[]): Promise<unknown[]> {
  const missing = contacts
    .filter((contact) => {
      const company = rawProperty(contact, "associatedcompanyid");
      return company === undefined || company === null || (typeof company === "string" && company.trim() === "");
    })
    .map((contact) => topLevelId(contact))
    .filter((id): id is string => id !== null);
  const associated = await client.associations("contacts→companies", missing);
  return contacts.map((contact) => {
    const id = topLevelId(contact);
    const found = id === null ? undefined : associated.get(id);
    if (found === undefined || typeof contact !== "object" || contact === null) return contact;
    const company = found.primary ?? (found.ids.length === 1 ? found.ids[0] : undefined);
    return { ...contact, associations: { companies: company === undefined ? [] : [company] } };
  });
}

/** The HubSpot streams in dependency order: companies, contacts (→ company), deals (→ both). */
export function hubspotStreams(client: HubSpotClient, settings: HubSpotStreamSettings): StreamDefinition[] {
  return [
    searchStream(client, settings, {
      name: "companies",
      modifiedProperty: "hs_lastmodifieddate",
      properties: COMPANY_PROPERTIES,
      schema: companySchema,
      map: mapCompany,
    }),
    searchStream(client, settings, {
      name: "contacts",
      modifiedProperty: "lastmodifieddate",
      properties: CONTACT_PROPERTIES,
      schema: contactSchema,
      map: mapContact,
      enrich: (contacts) => withContactCompanies(client, contacts),
    }),
    searchStream(client, settings, {
      name: "deals",
      modifiedProperty: "hs_lastmodifieddate",
      properties: DEAL_PROPERTIES,
      schema: dealSchema,
      map: mapDeal,
      enrich: (deals) => withDealAssociations(client, deals),
    }),
  ] as StreamDefinition[];
}
