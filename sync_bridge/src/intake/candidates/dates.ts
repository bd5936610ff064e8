/**
 * Date candidates: ISO, numeric day/month orders (12/31/2024, 31.12.2024, 31/12/2024) and month
 * names in English, French, German and Spanish ("31 December 2024", "31st December 2024",
 * "Dec 31, 2024", "31 déc. 2024", "31. Dezember 2024", "31 de diciembre de 2024", "31-Dec-2024"). Month names come from luxon (the ICU data in Node);
 * luxon also rejects dates that do not exist (31/02/2024).
 */
import { DateTime, Info } from "luxon";
import { matchesOf, type Candidate } from "./candidate";
import { ascendingDayOrder, documentDayOrder } from "./day_order";

export const DATE_LOCALES = ["en", "fr", "de", "es"] as const;

/** Which order an ambiguous numeric date (01/02/2024) is read in: month first (US) or day first. */
export type DayOrder = "dmy" | "mdy";

/** e.g. "décembre" → "decembre": accents and dots do not matter when reading a month name. */
function folded(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/\.$/, "")
    .toLowerCase();
}

function monthTable(): Map<string, number> {
  const table = new Map<string, number>();
  for (const locale of DATE_LOCALES) {
    for (const style of ["long", "short"] as const) {
      Info.months(style, { locale }).forEach((name, index) => table.set(folded(name), index + 1));
    }
  }
  // Abbreviations printed on bills that ICU does not list.
  for (const [name, month] of [
    ["sept", 9],
    ["mrz", 3],
    ["marz", 3],
    ["juil", 7],
    ["fevr", 2],
    ["setiembre", 9],
  ] as const)
    table.set(name, month);
  return table;
}

const MONTHS = monthTable();
const MONTH_NAME = "\\p{L}{3,10}\\.?";

function isoOf(year: number, month: number, day: number): string | null {
  const date = DateTime.fromObject({ year, month, day });
  return date.isValid ? date.toISODate() : null;
}

function fullYear(year: string): number {
  const value = Number(year);
  return year.length === 2 ? 2000 + value : value;
}

/**
 * Every date in `text`. A numeric date with "/" whose day and month could be swapped (01/02/2024)
 * gets both readings: the order the document itself shows (`documentDayOrder`) first and nearly
 * sure; else the order in which its dates ascend as printed (`ascendingDayOrder`), less sure; else
 * the `dayOrder` hint first and neither sure.
 */
export function dateCandidates(text: string, dayOrder: DayOrder = "dmy"): Candidate[] {
  const found: Candidate[] = [];
  const shown = documentDayOrder(text);
  const likely = shown ? null : ascendingDayOrder(text);
  const order = shown ?? likely ?? dayOrder;
  const [sureValidity, otherValidity] = shown ? [0.95, 0.05] : likely ? [0.85, 0.15] : [0.7, 0.3];
  const add = (match: RegExpExecArray, value: string | null, validity: number, generator: string) => {
    if (value) found.push({ raw: match[0], value, start: match.index, end: match.index + match[0].length, generator, validity });
  };
  for (const match of matchesOf(/(?<![\d.])(\d{4})-(\d{2})-(\d{2})(?![\d])/, text)) {
    add(match, isoOf(Number(match[1]), Number(match[2]), Number(match[3])), 1, "date_iso");
  }
  for (const match of matchesOf(/(?<!\d|\d[./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[./-]\d)/, text)) {
    const [first, separator, second, year] = [Number(match[1]), match[2], Number(match[3]), fullYear(match[4] ?? "")];
    const dmy = isoOf(year, second, first);
    const mdy = isoOf(year, first, second);
    if (separator === "." || separator === "-" || !mdy) add(match, dmy, dmy && mdy && separator === "/" ? 0.9 : 1, "date_dmy");
    else if (!dmy) add(match, mdy, 1, "date_mdy");
    else if (dmy === mdy) add(match, dmy, 1, "date_dmy");
    else {
      // Both readings exist: the document's order, else the hint, decides which comes first.
      const [sure, other] =
        order === "mdy"
          ? [
              ["date_mdy", mdy],
              ["date_dmy", dmy],
            ]
          : [
              ["date_dmy", dmy],
              ["date_mdy", mdy],
            ];
      add(match, sure[1] as string, sureValidity, sure[0] as string);
      add(match, other[1] as string, otherValidity, other[0] as string);
    }
  }
  const dayFirst = new RegExp(
    `(?<![\\p{L}\\d])(\\d{1,2})(?:(?:\\.|er|st|nd|rd|th)?\\s+(?:de\\s+)?(${MONTH_NAME})\\s+(?:de\\s+)?|([-/])(${MONTH_NAME})\\3)(\\d{4})(?!\\d)`,
    "gu",
  );
  for (const match of matchesOf(dayFirst, text)) {
    const month = MONTHS.get(folded(match[2] ?? match[4] ?? ""));
    if (month) add(match, isoOf(Number(match[5]), month, Number(match[1])), 1, "date_text");
  }
  const monthFirst = new RegExp(`(?<![\\p{L}\\d])(${MONTH_NAME})\\s+(\\d{1,2}),?\\s+(\\d{4})(?!\\d)`, "gu");
  for (const match of matchesOf(monthFirst, text)) {
    const month = MONTHS.get(folded(match[1] ?? ""));
    if (month) add(match, isoOf(Number(match[3]), month, Number(match[2])), 1, "date_text");
  }
  return found.sort((a, b) => a.start - b.start);
}
