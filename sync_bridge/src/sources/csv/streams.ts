/**
 * CSV streams: one export file per stream in a directory (`<stream>.csv`), read in pages of
 * rows. Which vendor and report a file is comes from its header (`layout.ts`, the tables in
 * `vendors/`). A file is a snapshot, so the cursor is "sha256:<content hash>:<rows done>": a run
 * killed half-way resumes at the next row of the same file, a new export starts from its first
 * row, and a file already read to the end is skipped (`--full` reads it again; Odoo then answers
 * `unchanged`). A file none of whose rows can be synced fails its stream with the first reasons.
 */
import { z } from "zod";
import { FatalAPIError, MappingError } from "../../errors";
import type { MappedRecord, SourcePage, StreamDefinition, StreamKind } from "../source";
import type { OdooOrderState } from "../woocommerce/mapper";
import { CsvExportFiles } from "./client";
import type { CsvLayout, LayoutStream } from "./layout";
import type { DealLabelSettings } from "./mapper";
import { exportRecords, type CsvRecord } from "./records";
import { googleAdsLayouts } from "./vendors/google_ads";
import { hubspotLayouts } from "./vendors/hubspot";
import { woocommerceLayouts } from "./vendors/woocommerce";

export const CSV_MAPPING_VERSION = 2;

export interface CsvStreamSettings {
  /** The directory holding `<stream>.csv` files. */
  directory: string;
  /** Rows per page (and so per Odoo batch). */
  pageSize: number;
  labels: DealLabelSettings;
  orderStates: Readonly<Record<string, OdooOrderState>>;
}

/** The streams, in dependency order. */
const STREAMS: readonly StreamKind[] = ["companies", "contacts", "deals", "campaigns", "campaign_spend", "customers", "orders"];

/** Every export layout the CSV source reads. */
export function csvLayouts(settings: CsvStreamSettings): CsvLayout[] {
  return [...hubspotLayouts(settings.labels), ...googleAdsLayouts, ...woocommerceLayouts(settings.orderStates)];
}

/** A validated row and the layout that read it. */
interface LayoutRow {
  layout: string;
  value: unknown;
}

/**
 * The layout of a row: the one its `_layout` names, or, for a payload queued before rows carried
 * it (a replay), the first of the stream's layouts whose signature columns are all in the row.
 */
function layoutOf(
  row: Record<string, unknown>,
  byId: ReadonlyMap<string, LayoutStream>,
  layouts: readonly CsvLayout[],
): string | undefined {
  if (typeof row._layout === "string") return row._layout;
  const keys = Object.keys(row);
  return layouts.find((layout) => byId.has(layout.id) && layout.signature.every((column) => keys.includes(column)))?.id;
}

/** Validates a row with the schema of its layout, keeping zod's paths. */
function dispatchSchema(byId: ReadonlyMap<string, LayoutStream>, layouts: readonly CsvLayout[]): z.ZodType<LayoutRow> {
  return z.looseObject({}).transform((row, ctx): LayoutRow => {
    const layout = layoutOf(row, byId, layouts);
    const target = layout === undefined ? undefined : byId.get(layout);
    if (layout === undefined || target === undefined) {
      ctx.addIssue({ code: "custom", message: "is not a row of an export the bridge knows (no known header columns)" });
      return z.NEVER;
    }
    const parsed = target.schema.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return { layout, value: parsed.data };
  });
}

/** A CSV cursor, or `null` when `value` is not one (no cursor yet, or a `--since` date). */
export function parseCsvCursor(value: string | null): { hash: string; rows: number } | null {
  const match = value === null ? null : /^sha256:([0-9a-f]{16}):(\d+)$/.exec(value);
  return match ? { hash: match[1] as string, rows: Number(match[2]) } : null;
}

/** The last row of each id, in the order of their last rows. */
function lastOfEach(records: CsvRecord[], idColumn: string): CsvRecord[] {
  const last = new Map<string, number>();
  records.forEach((record, index) => last.set(record[idColumn]?.trim() ?? `#${index}`, index));
  return records.filter((record, index) => last.get(record[idColumn]?.trim() ?? `#${index}`) === index);
}

/** Why a row cannot be synced, or `null` when it can. */
function rowProblem(stream: StreamDefinition<LayoutRow>, record: CsvRecord): string | null {
  const parsed = stream.schema.safeParse(record);
  if (!parsed.success) {
    return parsed.error.issues
      .slice(0, 2)
      .map((issue) => `${issue.path.map(String).join(".") || "row"} ${issue.message}`)
      .join(", ");
  }
  try {
    stream.map(parsed.data);
    return null;
  } catch (error) {
    if (error instanceof MappingError) return error.message;
    throw error;
  }
}

/** Throws `FatalAPIError` with the first reasons when no row of the file can be synced. */
function requireOneReadable(stream: StreamDefinition<LayoutRow>, fileName: string, records: CsvRecord[], idColumn: string): void {
  const reasons: string[] = [];
  for (const [index, record] of records.entries()) {
    const problem = rowProblem(stream, record);
    if (problem === null) return;
    if (reasons.length < 3) reasons.push(`row ${index + 1} (${idColumn} ${JSON.stringify(record[idColumn] ?? "")}): ${problem}`);
  }
  if (records.length === 0) return;
  throw new FatalAPIError(
    `${fileName}: none of its ${records.length} rows can be synced, so none was sent to Odoo; first reasons: ${reasons.join("; ")}`,
  );
}

function streamFor(
  name: StreamKind,
  layouts: readonly CsvLayout[],
  settings: CsvStreamSettings,
  files: CsvExportFiles,
): StreamDefinition<LayoutRow> {
  const byId = new Map(layouts.flatMap((layout) => (layout.streams[name] ? [[layout.id, layout.streams[name]] as const] : [])));
  const idColumns = [...new Set([...byId.values()].map((target) => target.idColumn))];
  const stream: StreamDefinition<LayoutRow> = {
    name,
    mappingVersion: CSV_MAPPING_VERSION,
    schema: dispatchSchema(byId, layouts),
    map: (row): MappedRecord => (byId.get(row.layout) as LayoutStream).map(row.value as never),
    // A new export (another hash) always moves the cursor; the same one only to a later row.
    isAfter(candidate, current) {
      const next = parseCsvCursor(candidate);
      const now = parseCsvCursor(current);
      return next === null || now === null || next.hash !== now.hash || next.rows > now.rows;
    },
    externalIdOf(raw) {
      if (typeof raw !== "object" || raw === null) return null;
      const row = raw as Record<string, unknown>;
      const layout = layoutOf(row, byId, layouts);
      const column = layout === undefined ? undefined : byId.get(layout)?.idColumn;
      const id = [column, ...idColumns]
        .map((key) => (key === undefined ? undefined : row[key]))
        .find((value) => value !== undefined);
      return typeof id === "string" && /^[A-Za-z0-9._:-]{1,64}$/.test(id.trim()) ? id.trim() : null;
    },
    async *read({ since }): AsyncIterable<SourcePage> {
      const { fileName, content, hash } = files.load(name);
      const found = exportRecords(name, fileName, content, layouts);
      const records = found.stream.repeats ? lastOfEach(found.records, found.stream.idColumn) : found.records;
      const resume = parseCsvCursor(since);
      const start = resume?.hash === hash ? Math.min(resume.rows, records.length) : 0;
      if (start > 0 && start >= records.length) {
        yield { records: [], note: `${fileName} is unchanged since the last sync (--full reads it again)` };
        return;
      }
      if (start === 0) requireOneReadable(stream, fileName, records, found.stream.idColumn);
      for (const note of found.notes) yield { records: [], note };
      if (records.length === 0) yield { records: [], note: `${fileName} (${found.layout.label}) has a header but no rows` };
      if (start > 0) yield { records: [], note: `${fileName}: resuming after row ${start} of ${records.length}` };
      const size = Math.max(1, settings.pageSize);
      for (let index = start; index < records.length; index += size) {
        const end = Math.min(index + size, records.length);
        yield { records: records.slice(index, end), cursor: `sha256:${hash}:${end}` };
      }
    },
  };
  return stream;
}

/** The CSV streams whose file exists in the directory (all with `includeMissing`), in dependency order. */
export function csvStreams(
  settings: CsvStreamSettings,
  files = new CsvExportFiles(settings.directory),
  includeMissing = false,
): StreamDefinition[] {
  const layouts = csvLayouts(settings);
  return STREAMS.filter((name) => includeMissing || files.has(name)).map(
    (name) => streamFor(name, layouts, settings, files) as StreamDefinition,
  );
}
