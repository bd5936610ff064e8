/**
 * CSV as vendors export it (RFC 4180 plus what real exports do): a UTF-8 byte order mark, CRLF
 * or LF, quoted fields with doubled quotes and line breaks inside, report preambles above the
 * header (Google Ads puts the report name and date range there) and "Total:" lines below.
 */
import { FatalAPIError } from "../../errors";

/** Splits CSV text into rows of fields. Throws `FatalAPIError` for an unterminated quote. */
export function parseCsv(text: string, fileName = "CSV file"): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let index = 0; index < input.length; index += 1) {
    const char = input[index];
    if (quoted) {
      if (char === '"') {
        if (input[index + 1] === '"') {
          field += '"';
          index += 1;
        } else {
          quoted = false;
        }
      } else {
        if (char === "\n") line += 1;
        field += char;
      }
      continue;
    }
    if (char === '"' && field === "") {
      quoted = true;
      quoteLine = line;
    } else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && input[index + 1] === "\n") index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      line += 1;
    } else {
      field += char;
    }
  }
  if (quoted) throw new FatalAPIError(`${fileName}: the quoted field opened on line ${quoteLine} is never closed`);
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ""));
}

/** A data row keyed by header, with its line in the file for messages. */
export type CsvRecord = Record<string, string>;

/**
 * Finds the header (the first row holding every `required` column, within the first 20 rows)
 * and returns the rows below it as objects. Rows whose first cell starts with "Total" are
 * report totals, not records. A row with more cells than the header keeps the extras under
 * "_extra_<n>", which validation refuses (a comma in an unquoted field shifts every value).
 */
export function csvRecords(text: string, required: readonly string[], fileName = "CSV file"): CsvRecord[] {
  const rows = parseCsv(text, fileName);
  const headerIndex = rows
    .slice(0, 20)
    .findIndex((cells) => required.every((column) => cells.map((c) => c.trim()).includes(column)));
  if (headerIndex < 0) {
    const seen = rows[0]?.map((cell) => cell.trim()).join(", ") ?? "(empty file)";
    throw new FatalAPIError(
      `${fileName}: no header row with the columns ${required.join(", ")} (first row: ${seen.slice(0, 300)})`,
    );
  }
  const header = (rows[headerIndex] as string[]).map((cell) => cell.trim());
  return rows
    .slice(headerIndex + 1)
    .filter((cells) => !/^Total\b/i.test(cells[0]?.trim() ?? ""))
    .map((cells) => {
      const record: CsvRecord = {};
      cells.forEach((cell, column) => {
        record[header[column] ?? `_extra_${column}`] = cell;
      });
      return record;
    });
}
