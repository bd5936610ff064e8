/**
 * Which way a document writes its numeric dates, read from the document itself: a date that
 * exists in one order only (13/02/2026, 02/13/2026) settles it; otherwise printed payment terms
 * ("Net 30", "30 days", "30 jours", "30 Tage", "30 días") settle it when exactly one order puts two
 * of its dates that many days apart, the earlier printed first. Null when the document does not say.
 */
import { DateTime } from "luxon";
import { matchesOf } from "./candidate";
import type { DayOrder } from "./dates";

/** Numeric dates written with "/" (the separator both orders use). */
const SLASH_DATE = /(?<!\d|\d[./-])(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?!\d|[./-]\d)/g;
const TERMS = /(?<![\p{L}\d])(?:net\s*(\d{1,3})|(\d{1,3})\s*(?:days?|jours?|tage|d[ií]as))(?![\p{L}\d])/giu;

function dayOf(year: number, month: number, day: number): number | null {
  const date = DateTime.fromObject({ year, month, day }, { zone: "utc" });
  return date.isValid ? Math.round(date.toSeconds() / 86400) : null;
}

function slashDates(text: string): { dmy: number | null; mdy: number | null }[] {
  return [...matchesOf(SLASH_DATE, text)].map((match) => {
    const year = match[3]?.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    return { dmy: dayOf(year, Number(match[2]), Number(match[1])), mdy: dayOf(year, Number(match[1]), Number(match[2])) };
  });
}

export function documentDayOrder(text: string): DayOrder | null {
  const dates = slashDates(text);
  const onlyDmy = dates.some((date) => date.dmy !== null && date.mdy === null);
  const onlyMdy = dates.some((date) => date.mdy !== null && date.dmy === null);
  if (onlyDmy !== onlyMdy) return onlyDmy ? "dmy" : "mdy";
  if (onlyDmy) return null;
  const terms = new Set([...matchesOf(TERMS, text)].map((match) => Number(match[1] ?? match[2])));
  // The later date of the pair is printed after the earlier one (the due date after the bill's).
  const fits = (order: DayOrder) => {
    const days = dates.map((date) => date[order]);
    return days.some((a, i) => days.some((b, j) => j > i && a !== null && b !== null && terms.has(b - a)));
  };
  const [dmy, mdy] = [fits("dmy"), fits("mdy")];
  return dmy === mdy ? null : dmy ? "dmy" : "mdy";
}

/** How far apart, at most, the dates of one bill's header lie (an issue date and a due date). */
const HEADER_SPAN_DAYS = 400;

/**
 * A weaker reading, for documents `documentDayOrder` says nothing of: the order in which the
 * document's numeric dates, as printed, never go back in time (the bill's date, then its due date)
 * while the other order does. Null when both or neither order does, or fewer than two dates differ.
 */
export function ascendingDayOrder(text: string): DayOrder | null {
  const dates = slashDates(text);
  const ascends = (order: DayOrder) => {
    const days = dates.map((date) => date[order]);
    if (days.some((day) => day === null)) return false;
    const known = days as number[];
    const span = Math.max(...known) - Math.min(...known);
    return span > 0 && span <= HEADER_SPAN_DAYS && known.every((day, i) => i === 0 || day >= (known[i - 1] as number));
  };
  const [dmy, mdy] = [ascends("dmy"), ascends("mdy")];
  return dmy === mdy ? null : dmy ? "dmy" : "mdy";
}
