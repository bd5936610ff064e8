/**
 * What a vendor's export button writes, as the CSV source reads it: a layout names the vendor
 * and report, the stream each export feeds, its columns under the names the vendor prints (the
 * first name of each alias list is the one messages use), the columns a stream cannot do
 * without, and what to download instead when one is missing. Detection reads the header row:
 * the file's own stream's layouts first, then every other one, to say what the file is.
 */
import type { z } from "zod";
import { FatalAPIError } from "../../errors";
import type { MappedRecord, StreamKind } from "../source";

/** The columns one stream needs from a layout, and what to tell the user when one is missing. */
export interface LayoutNeeds {
  columns: readonly string[];
  /** e.g. "add the Day segment (Segment → Time → Day) and download the report again" */
  advice: Readonly<Record<string, string>>;
}

export interface CsvLayout {
  /** e.g. "google_ads.campaign_report", written on each record as `_layout` */
  id: string;
  /** e.g. "Google Ads campaign report" */
  label: string;
  /** Column → the header names vendors print for it, the column itself first. */
  columns: Readonly<Record<string, readonly string[]>>;
  /** Columns that all appear in this layout's header. */
  signature: readonly string[];
  /** Columns whose presence means another layout (e.g. "Email" is not a company export). */
  excludes?: readonly string[];
  /** The streams it feeds, with what each needs, how a row validates and maps. */
  streams: Partial<Record<StreamKind, LayoutStream>>;
  /** Override to drop rows that are not records, e.g. Google Ads' "Total: Account" lines. */
  isRecord?(cells: readonly string[]): boolean;
  /** Override to clean a cell, e.g. WooCommerce's CSV-injection guard "'-20" → "-20". */
  cleanCell?(cell: string): string;
}

export interface LayoutStream {
  needs: LayoutNeeds;
  /** The column holding the record's id, for dead letters. */
  idColumn: string;
  schema: z.ZodType;
  map(record: never): MappedRecord;
  /** Set when a record repeats over rows (a campaign on each day of a report): the last row counts. */
  repeats?: boolean;
  /** Override to add notes about the file, e.g. a link the export cannot give. */
  notes?(present: ReadonlySet<string>): string[];
}

/** "Campaign ID" and "campaign id " are the same header. */
export function headerKey(name: string): string {
  return name.replace(/\s+/g, " ").trim().toLowerCase();
}

/** Header cell → the layout's column it names, for the cells the layout knows. */
export function resolveHeader(layout: CsvLayout, header: readonly string[]): Map<number, string> {
  const byKey = new Map<string, string>();
  const named = [...layout.signature, ...Object.values(layout.streams).flatMap((stream) => stream.needs.columns)];
  for (const column of named) byKey.set(headerKey(column), column);
  for (const [column, aliases] of Object.entries(layout.columns)) {
    for (const alias of [column, ...aliases]) byKey.set(headerKey(alias), column);
  }
  const resolved = new Map<number, string>();
  header.forEach((cell, index) => {
    const column = byKey.get(headerKey(cell));
    if (column !== undefined && ![...resolved.values()].includes(column)) resolved.set(index, column);
  });
  return resolved;
}

/** Whether `header` is this layout's: every signature column there and no excluded one. */
function matches(layout: CsvLayout, header: readonly string[]): boolean {
  const present = new Set(resolveHeader(layout, header).values());
  const keys = new Set(header.map(headerKey));
  return (
    layout.signature.every((column) => present.has(column)) &&
    !(layout.excludes ?? []).some((column) => keys.has(headerKey(column)))
  );
}

/** The header row found, and the layout it belongs to. */
export interface DetectedLayout {
  layout: CsvLayout;
  headerIndex: number;
}

/** How far down report preambles go. */
const HEADER_SEARCH_ROWS = 20;

function find(layouts: readonly CsvLayout[], rows: readonly string[][]): DetectedLayout | null {
  for (let headerIndex = 0; headerIndex < Math.min(rows.length, HEADER_SEARCH_ROWS); headerIndex += 1) {
    const header = rows[headerIndex] as string[];
    const layout = layouts.find((candidate) => matches(candidate, header));
    if (layout) return { layout, headerIndex };
  }
  return null;
}

/**
 * The layout of `fileName`, the export meant for `stream`. Throws `FatalAPIError` saying what the
 * file is when it is another stream's export, or which exports are expected when it is none.
 */
export function detectLayout(
  stream: StreamKind,
  fileName: string,
  rows: readonly string[][],
  all: readonly CsvLayout[],
): DetectedLayout {
  const own = all.filter((layout) => layout.streams[stream] !== undefined);
  const found = find(own, rows);
  if (found) return found;
  const other = find(all, rows);
  if (other) {
    const files = Object.keys(other.layout.streams).map((name) => `${name}.csv`);
    throw new FatalAPIError(
      `${fileName} is a ${other.layout.label}, which feeds ${files.join(" or ")}, not ${stream}: rename the file, or put ${own.map((layout) => `a ${layout.label}`).join(" or ")} here`,
    );
  }
  const seen = rows[0]?.map((cell) => cell.trim()).join(", ") ?? "(empty file)";
  throw new FatalAPIError(
    `${fileName}: no header of ${own.map((layout) => `a ${layout.label} (${layout.signature.join(", ")})`).join(" or ")} in its first ${HEADER_SEARCH_ROWS} rows (first row: ${seen.slice(0, 300)})`,
  );
}

/** Throws `FatalAPIError` naming the missing columns of `stream` and what to download instead. */
export function checkNeeds(stream: StreamKind, fileName: string, layout: CsvLayout, present: ReadonlySet<string>): void {
  const needs = (layout.streams[stream] as LayoutStream).needs;
  const missing = needs.columns.filter((column) => !present.has(column));
  if (missing.length === 0) return;
  const advice = [...new Set(missing.map((column) => needs.advice[column]).filter((text) => text !== undefined))];
  throw new FatalAPIError(
    `${fileName} is a ${layout.label} without the column${missing.length > 1 ? "s" : ""} ${missing.map((c) => `"${c}"`).join(", ")}, which ${stream} need${missing.length > 1 ? "" : "s"}${advice.length ? `: ${advice.join("; ")}` : ""}`,
  );
}
