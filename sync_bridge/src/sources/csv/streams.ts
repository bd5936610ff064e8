/**
 * CSV streams: one export file per stream in a directory, read in pages of rows. A file is a
 * snapshot, so the cursor is "sha256:<content hash>:<rows done>": a run killed half-way resumes
 * at the next row of the same file, a new export starts from its first row, and a file already
 * read to the end is skipped (`--full` reads it again; Odoo then answers `unchanged`).
 */
import type { z } from "zod";
import { mapCampaign, mapSpend } from "../google_ads/mapper";
import { mapCompany, mapContact } from "../hubspot/mapper";
import type { MappedRecord, SourcePage, StreamDefinition, StreamKind } from "../source";
import { mapCustomer, mapOrder, type OdooOrderState } from "../woocommerce/mapper";
import { CsvExportFiles } from "./client";
import { mapCsvDeal, type DealLabelSettings } from "./mapper";
import { csvRecords } from "./parse";
import { campaignRow, companyRow, contactRow, customerRow, dealRow, orderRow, spendRow } from "./schemas";

export const CSV_MAPPING_VERSION = 1;

export interface CsvStreamSettings {
  /** The directory holding `<stream>.csv` files. */
  directory: string;
  /** Rows per page (and so per Odoo batch). */
  pageSize: number;
  labels: DealLabelSettings;
  orderStates: Readonly<Record<string, OdooOrderState>>;
}

/** What one CSV stream reads. */
interface CsvSpec {
  name: StreamKind;
  /** Columns that identify the header row (and must be there). */
  columns: readonly string[];
  idColumn: string;
  schema: z.ZodType;
  map: (record: never) => MappedRecord;
}

function specs(settings: CsvStreamSettings): CsvSpec[] {
  return [
    { name: "companies", columns: ["Record ID", "Company name"], idColumn: "Record ID", schema: companyRow, map: mapCompany },
    { name: "contacts", columns: ["Record ID", "Email"], idColumn: "Record ID", schema: contactRow, map: mapContact },
    {
      name: "deals",
      columns: ["Record ID", "Deal Name", "Deal Stage"],
      idColumn: "Record ID",
      schema: dealRow,
      map: (deal) => mapCsvDeal(deal, settings.labels),
    },
    { name: "campaigns", columns: ["Campaign", "Campaign ID"], idColumn: "Campaign ID", schema: campaignRow, map: mapCampaign },
    { name: "campaign_spend", columns: ["Day", "Campaign ID", "Cost"], idColumn: "Campaign ID", schema: spendRow, map: mapSpend },
    { name: "customers", columns: ["customer_id", "user_email"], idColumn: "customer_id", schema: customerRow, map: mapCustomer },
    {
      name: "orders",
      columns: ["order_id", "status", "order_date"],
      idColumn: "order_id",
      schema: orderRow,
      map: (order) => mapOrder(order, settings.orderStates),
    },
  ];
}

/** A CSV cursor, or `null` when `value` is not one (no cursor yet, or a `--since` date). */
export function parseCsvCursor(value: string | null): { hash: string; rows: number } | null {
  const match = value === null ? null : /^sha256:([0-9a-f]{16}):(\d+)$/.exec(value);
  return match ? { hash: match[1] as string, rows: Number(match[2]) } : null;
}

function streamFor(spec: CsvSpec, settings: CsvStreamSettings, files: CsvExportFiles): StreamDefinition {
  return {
    name: spec.name,
    mappingVersion: CSV_MAPPING_VERSION,
    schema: spec.schema,
    map: spec.map as StreamDefinition["map"],
    // A new export (another hash) always moves the cursor; the same one only to a later row.
    isAfter(candidate, current) {
      const next = parseCsvCursor(candidate);
      const now = parseCsvCursor(current);
      return next === null || now === null || next.hash !== now.hash || next.rows > now.rows;
    },
    externalIdOf(raw) {
      const id = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>)[spec.idColumn] : undefined;
      return typeof id === "string" && /^[A-Za-z0-9._:-]{1,64}$/.test(id.trim()) ? id.trim() : null;
    },
    async *read({ since }): AsyncIterable<SourcePage> {
      const { fileName, text, hash } = files.load(spec.name);
      const records = csvRecords(text, spec.columns, fileName);
      const resume = parseCsvCursor(since);
      const start = resume?.hash === hash ? Math.min(resume.rows, records.length) : 0;
      if (start > 0 && start >= records.length) {
        yield { records: [], note: `${fileName} is unchanged since the last sync (--full reads it again)` };
        return;
      }
      if (start > 0) yield { records: [], note: `${fileName}: resuming after row ${start} of ${records.length}` };
      const size = Math.max(1, settings.pageSize);
      for (let index = start; index < records.length; index += size) {
        const end = Math.min(index + size, records.length);
        yield { records: records.slice(index, end), cursor: `sha256:${hash}:${end}` };
      }
    },
  };
}

/** The CSV streams whose file exists in the directory (all with `includeMissing`), in dependency order. */
export function csvStreams(
  settings: CsvStreamSettings,
  files = new CsvExportFiles(settings.directory),
  includeMissing = false,
): StreamDefinition[] {
  return specs(settings)
    .filter((spec) => includeMissing || files.has(spec.name))
    .map((spec) => streamFor(spec, settings, files));
}
