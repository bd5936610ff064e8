/**
 * An export file → the records of one stream: decode, parse, find the header and its layout,
 * check the stream's columns, and key each data row by the layout's column names (other columns
 * keep the file's header; cells past the header go under "_extra_<n>", which validation refuses).
 */
import { decodeExport } from "./decode";
import { checkNeeds, detectLayout, resolveHeader, type CsvLayout, type LayoutStream } from "./layout";
import { parseCsv } from "./parse";
import type { StreamKind } from "../source";

/** A data row keyed by column; `_layout` names the layout that reads it. */
export type CsvRecord = Record<string, string>;

/** The records of a file and what the user should know about it. */
export interface ExportRecords {
  layout: CsvLayout;
  stream: LayoutStream;
  records: CsvRecord[];
  notes: string[];
}

/** Reads `content` (a file's bytes) as the export of `stream`. Throws `FatalAPIError` for a file that cannot be. */
export function exportRecords(
  stream: StreamKind,
  fileName: string,
  content: Uint8Array,
  layouts: readonly CsvLayout[],
): ExportRecords {
  const { text } = decodeExport(content, fileName);
  const rows = parseCsv(text, fileName);
  const { layout, headerIndex } = detectLayout(stream, fileName, rows, layouts);
  const header = (rows[headerIndex] as string[]).map((cell) => cell.trim());
  const resolved = resolveHeader(layout, header);
  const present = new Set(resolved.values());
  checkNeeds(stream, fileName, layout, present);
  const layoutStream = layout.streams[stream] as LayoutStream;
  const clean = layout.cleanCell ?? ((cell: string) => cell);
  const records = rows
    .slice(headerIndex + 1)
    .filter((cells) => layout.isRecord?.(cells) ?? true)
    .map((cells) => {
      const record: CsvRecord = { _layout: layout.id };
      cells.forEach((cell, index) => {
        const column =
          index < header.length ? (resolved.get(index) ?? (header[index] || `column ${index + 1}`)) : `_extra_${index}`;
        record[column] = clean(cell);
      });
      return record;
    });
  return { layout, stream: layoutStream, records, notes: layoutStream.notes?.(present) ?? [] };
}
