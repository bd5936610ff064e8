/**
 * zod pieces for the cells of export files, shared by the vendors' layouts: rows that must not
 * spill past their header, days, id lists, and numbers as people's spreadsheets print them
 * ("1,234.56", "1.234,56", "€1.234,56", "--" for none).
 */
import { z } from "zod";
import { blankOr, parseDateTime, text } from "../primitives";

/** A row with the named columns, and no cells beyond the header. */
export function csvRow<S extends z.ZodRawShape>(shape: S) {
  return z.looseObject(shape).superRefine((row, ctx) => {
    for (const [key, value] of Object.entries(row)) {
      if (key.startsWith("_extra_") && String(value).trim() !== "") {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "has more cells than the header (a delimiter inside an unquoted field?)",
        });
      }
    }
  });
}

/** A day ("2024-05-31") or a datetime ("2024-05-31 14:22"), as a Date in UTC. */
export const dayOrDateTime = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const date = parseDateTime(/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value);
    if (date === null) {
      ctx.addIssue({ code: "custom", message: `is not a valid date: ${JSON.stringify(value.slice(0, 40))}` });
      return z.NEVER;
    }
    return date;
  });

/** "123;456" → the ids, in order. */
export const idList = blankOr(text(2000)).transform((value) =>
  value
    ? value
        .split(/[;,]/)
        .map((id) => id.trim())
        .filter((id) => id !== "")
    : [],
);

/**
 * A number as a spreadsheet prints it → the number, or `null` when it is not one. The last of
 * "." and "," is the decimal mark when both occur ("1.234,56", "1,234.56"); a lone "," followed
 * by exactly three digits groups thousands ("1,234", as Google Ads prints counts), otherwise it
 * is the decimal mark ("12,5"). Currency symbols, spaces and a leading "'" (the CSV-injection
 * guard some exporters add) are ignored.
 */
export function parseLocaleNumber(value: string): number | null {
  let cleaned = value
    .trim()
    .replace(/^'(?=[-+])/, "")
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/^([-+]?)(?:[A-Z]{3}|[^\d\-+.,]{1,3})/u, "$1")
    .replace(/(?:[A-Z]{3}|[^\d.,]{1,3})$/u, "");
  if (!/^[-+]?[\d.,]+$/.test(cleaned)) return null;
  const lastDot = cleaned.lastIndexOf(".");
  const lastComma = cleaned.lastIndexOf(",");
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalMark = lastDot > lastComma ? "." : ",";
    const group = decimalMark === "." ? "," : ".";
    cleaned = cleaned.split(group).join("").replace(decimalMark, ".");
  } else if (lastComma >= 0) {
    const thousands = /^[-+]?\d{1,3}(,\d{3})+$/.test(cleaned);
    cleaned = thousands ? cleaned.replace(/,/g, "") : cleaned.replace(",", ".");
  } else if ((cleaned.match(/\./g) ?? []).length > 1) {
    cleaned = cleaned.replace(/\./g, ""); // "1.234.567": dots grouping thousands
  }
  const number = Number(cleaned);
  return cleaned === "" || !Number.isFinite(number) || Math.abs(number) > 1e12 ? null : number;
}

/** An amount cell ("1,036.90", "€1.234,56"); "--" (Google Ads' "none") is 0. */
export const amountCell = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    if (value.trim() === "--") return 0;
    const number = parseLocaleNumber(value);
    if (number === null) {
      ctx.addIssue({ code: "custom", message: `is not an amount: ${JSON.stringify(value.slice(0, 40))}` });
      return z.NEVER;
    }
    return number;
  });

/** A count ("1,234", "1.234"), or "--" / blank for none. */
export const countCell = z
  .string()
  .max(20)
  .transform((value, ctx) => {
    const trimmed = value.trim();
    if (trimmed === "--" || trimmed === "") return 0;
    const number = parseLocaleNumber(trimmed);
    if (number === null || !Number.isInteger(number) || number < 0) {
      ctx.addIssue({ code: "custom", message: `is not a count: ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return number;
  });

/** An ISO 4217 code, or `null` when blank. */
export const currencyCell = blankOr(
  z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, "is not an ISO currency code"),
);
