/**
 * Salesforce streams: one SOQL query per stream and run, incremental on `SystemModstamp` (which,
 * unlike `LastModifiedDate`, also moves when automation or the system touches a record), ordered
 * by `SystemModstamp, Id` and read page by page through `nextRecordsUrl`. Each page's cursor is
 * the latest `SystemModstamp` it holds. Deletions are read with `queryAll` and `IsDeleted = true`
 * (deleted records stay visible there while they are in the recycle bin, 15 days).
 *
 * Quirks handled here: `SystemModstamp` arrives as "2024-05-01T09:30:00.000+0000", while a SOQL
 * datetime literal is written unquoted, to the second, e.g. `2024-05-01T09:30:00Z`; the cursor is
 * stored as ISO-8601 UTC and turned back into a literal, rounded down to the second, so that the
 * next read (`>=`) starts with the records of that very second.
 */
import type { z } from "zod";
import { parseDateTime } from "../primitives";
import type { MappedRecord, ReadOptions, SourcePage, StreamDefinition } from "../source";
import type { SalesforceClient } from "./client";
import { SALESFORCE_MAPPING_VERSION, mapAccount, mapContact, mapLead, mapOpportunity } from "./mapper";
import {
  ACCOUNT_FIELDS,
  CONTACT_FIELDS,
  LEAD_FIELDS,
  MULTI_CURRENCY_FIELD,
  OPPORTUNITY_FIELDS,
  accountSchema,
  contactSchema,
  leadSchema,
  opportunitySchema,
  salesforceId,
  type QueryPage,
} from "./schemas";

export interface SalesforceStreamSettings {
  /** How far before the stored cursor a read starts again, in ms: a long transaction commits late. */
  lookbackMs: number;
  /** Whether the org has multiple currencies, so that Opportunities have a `CurrencyIsoCode`. */
  multiCurrency: boolean;
}

/** What one stream reads: its sObject, fields, schema and mapper. */
interface ObjectSpec<Raw> {
  name: "companies" | "contacts" | "leads" | "deals";
  sobject: "Account" | "Contact" | "Lead" | "Opportunity";
  fields: readonly string[];
  schema: z.ZodType<Raw>;
  map: (record: Raw) => MappedRecord;
}

/** A SOQL datetime literal for an instant: UTC, to the second, unquoted ("2024-05-01T09:30:00Z"). */
export function soqlDateTime(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}Z`;
}

/** The lower bound of a read: the cursor minus the look-back, or `null` for a full read. */
function lowerBound(since: string | null, lookbackMs: number): string | null {
  if (since === null) return null;
  const date = parseDateTime(since);
  return date === null ? null : soqlDateTime(new Date(date.getTime() - lookbackMs));
}

/** The SOQL of a stream's read since `lower` (inclusive), oldest change first. */
export function changedQuery(sobject: string, fields: readonly string[], lower: string | null): string {
  const where = lower === null ? "" : ` WHERE SystemModstamp >= ${lower}`;
  return `SELECT ${fields.join(", ")} FROM ${sobject}${where} ORDER BY SystemModstamp, Id`;
}

/** The SOQL of the records deleted since `lower`, for `queryAll`. */
export function deletedQuery(sobject: string, lower: string | null): string {
  const since = lower === null ? "" : ` AND SystemModstamp >= ${lower}`;
  return `SELECT Id, SystemModstamp FROM ${sobject} WHERE IsDeleted = true${since} ORDER BY SystemModstamp, Id`;
}

/** A raw record's id: its `Id`, else the last segment of `attributes.url`; `null` when neither is an id. */
export function rawId(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null) return null;
  const record = raw as { Id?: unknown; attributes?: { url?: unknown } };
  const fromUrl = typeof record.attributes?.url === "string" ? record.attributes.url.split("/").at(-1) : undefined;
  for (const candidate of [record.Id, fromUrl]) {
    if (salesforceId.safeParse(candidate).success) return candidate as string;
  }
  return null;
}

/** The latest `SystemModstamp` of raw records, as ISO-8601 UTC; `undefined` when none is readable. */
export function latestModstamp(records: readonly unknown[]): string | undefined {
  let latest: number | undefined;
  for (const raw of records) {
    const value = typeof raw === "object" && raw !== null ? (raw as { SystemModstamp?: unknown }).SystemModstamp : undefined;
    const date = typeof value === "string" ? parseDateTime(value) : null;
    if (date !== null && (latest === undefined || date.getTime() > latest)) latest = date.getTime();
  }
  return latest === undefined ? undefined : new Date(latest).toISOString();
}

/** Every page of a query, following `nextRecordsUrl` until `done`. */
export async function* queryPages(client: SalesforceClient, soql: string, all = false): AsyncIterable<QueryPage> {
  let page = await client.query(soql, all);
  yield page;
  while (!page.done && page.nextRecordsUrl !== undefined) {
    page = await client.next(page.nextRecordsUrl);
    yield page;
  }
}

function objectStream<Raw>(
  client: SalesforceClient,
  settings: SalesforceStreamSettings,
  spec: ObjectSpec<Raw>,
): StreamDefinition<Raw> {
  return {
    name: spec.name,
    mappingVersion: SALESFORCE_MAPPING_VERSION,
    schema: spec.schema,
    map: spec.map,
    externalIdOf: rawId,
    async *read({ since }: ReadOptions): AsyncIterable<SourcePage> {
      const soql = changedQuery(spec.sobject, spec.fields, lowerBound(since, settings.lookbackMs));
      for await (const page of queryPages(client, soql)) {
        yield { records: page.records, cursor: latestModstamp(page.records) };
      }
    },
    async *readDeleted({ since }: ReadOptions): AsyncIterable<readonly string[]> {
      for await (const page of queryPages(client, deletedQuery(spec.sobject, lowerBound(since, settings.lookbackMs)), true)) {
        yield page.records.map(rawId).filter((id): id is string => id !== null);
      }
    },
  };
}

/** The Salesforce streams in dependency order: accounts, contacts (→ account), leads, opportunities (→ both). */
export function salesforceStreams(client: SalesforceClient, settings: SalesforceStreamSettings): StreamDefinition[] {
  return [
    objectStream(client, settings, {
      name: "companies",
      sobject: "Account",
      fields: ACCOUNT_FIELDS,
      schema: accountSchema,
      map: mapAccount,
    }),
    objectStream(client, settings, {
      name: "contacts",
      sobject: "Contact",
      fields: CONTACT_FIELDS,
      schema: contactSchema,
      map: mapContact,
    }),
    objectStream(client, settings, { name: "leads", sobject: "Lead", fields: LEAD_FIELDS, schema: leadSchema, map: mapLead }),
    objectStream(client, settings, {
      name: "deals",
      sobject: "Opportunity",
      fields: settings.multiCurrency ? [...OPPORTUNITY_FIELDS, MULTI_CURRENCY_FIELD] : OPPORTUNITY_FIELDS,
      schema: opportunitySchema,
      map: mapOpportunity,
    }),
  ] as StreamDefinition[];
}
