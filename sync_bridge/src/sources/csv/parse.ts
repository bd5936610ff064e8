/**
 * Export text → rows of cells, through `csv-parse`. Vendors differ in the delimiter (a comma,
 * Google Ads' "Excel .csv" a tab, European spreadsheets a semicolon), line endings and quoting;
 * report downloads put a title and a date range above the header, which have fewer cells than
 * the rows below, so column counts are not enforced here (`records.ts` checks them per row).
 */
import { CsvError, parse } from "csv-parse/sync";
import { FatalAPIError } from "../../errors";

/** The delimiters vendors' exports use, most common first (the tie-breaker). */
export const DELIMITERS = [",", "\t", ";"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** How many times `delimiter` occurs outside quotes on each of the first non-empty lines. */
function countsPerLine(text: string, delimiter: string, maxLines = 30): number[] {
  const counts: number[] = [];
  let count = 0;
  let quoted = false;
  let blank = true;
  for (let index = 0; index < text.length && counts.length < maxLines; index += 1) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) {
      if (!blank) counts.push(count);
      count = 0;
      blank = true;
      continue;
    } else if (!quoted && char === delimiter) count += 1;
    if (char !== " " && char !== "\r") blank = false;
  }
  if (!blank && counts.length < maxLines) counts.push(count);
  return counts;
}

/**
 * The delimiter that splits the most lines into the same number of cells (a header and its
 * rows agree; a preamble line does not).
 */
export function detectDelimiter(text: string): Delimiter {
  let best: Delimiter = ",";
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const tally = new Map<number, number>();
    for (const count of countsPerLine(text, delimiter)) if (count > 0) tally.set(count, (tally.get(count) ?? 0) + 1);
    // lines agreeing on a count, weighted a little by the count so that "a,b;c" picks the richer split
    const score = Math.max(0, ...[...tally].map(([cells, lines]) => lines * 1000 + cells));
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** Rows of trimmed-at-the-edges-only cells, blank lines dropped. Throws `FatalAPIError` for broken quoting. */
export function parseCsv(text: string, fileName = "CSV file", delimiter: Delimiter = detectDelimiter(text)): string[][] {
  try {
    const rows = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as string[][];
    return rows;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new FatalAPIError(
        `${fileName}: it is not valid CSV${line === undefined ? "" : ` near line ${line}`} (${error.message.replace(/^Invalid \w+: /, "")}); export it again from the vendor's button rather than editing it by hand`,
      );
    }
    throw error;
  }
}
