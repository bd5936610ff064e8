/**
 * The lines of a bill's table: found under a header that names a description and an amount
 * column, read until the totals. Each line's numbers are read from the right: amount, then unit
 * price and quantity; a line whose quantity × unit price is its amount is surer.
 */
import Big from "big.js";
import type { LabelMatch } from "./bill_labels";
import { normalizeAmount } from "./candidates/amounts";
import { evidenceFor, lineIndexAt, type IntakeDocument, type TextLine } from "./document";
import { score, type ProposedLine } from "./result";

/** A header line names both a description and an amount column. */
function headerLine(lines: readonly TextLine[], table: readonly LabelMatch[]): number | null {
  for (const line of lines) {
    const on = table.filter((match) => match.start >= line.start && match.end <= line.end);
    if (on.some((m) => m.label === "line_description") && on.some((m) => m.label === "line_amount")) return line.index;
  }
  return null;
}

type Cell = { kind: "number"; value: string } | { kind: "rate"; value: number } | { kind: "text"; value: string };

function cellOf(text: string): Cell {
  const trimmed = text
    .trim()
    .replace(/\s*(?:€|EUR|USD|\$|£|GBP|CHF)$/i, "")
    .replace(/^(?:€|\$|£)\s*/, "");
  const rate = /^(\d{1,2}(?:[.,]\d{1,2})?)\s*%$/.exec(trimmed);
  if (rate) return { kind: "rate", value: Number((rate[1] ?? "").replace(",", ".")) };
  if (/^-?\d[\d .,'\u00a0\u202f]*$/.test(trimmed)) {
    const value = normalizeAmount(trimmed);
    if (value !== null) return { kind: "number", value };
  }
  return { kind: "text", value: text.trim() };
}

/** One table row, or null when it is not one (no amount at its end). */
function readRow(document: IntakeDocument, line: TextLine): ProposedLine | null {
  const cells = line.text
    .split(/\t| {2,}/)
    .filter((cell) => cell.trim() !== "")
    .map(cellOf);
  const numbers = cells.filter((cell) => cell.kind === "number").map((cell) => cell.value as string);
  const description = cells
    .filter((cell) => cell.kind === "text")
    .map((cell) => cell.value)
    .join(" ");
  const last = cells[cells.length - 1];
  if (!last || last.kind !== "number" || description === "" || numbers.length === 0) return null;
  const amount = numbers[numbers.length - 1] as string;
  const unitPrice = numbers.length >= 2 ? (numbers[numbers.length - 2] as string) : null;
  const quantity = numbers.length >= 3 ? (numbers[numbers.length - 3] as string) : null;
  const rate = cells.find((cell) => cell.kind === "rate")?.value as number | undefined;
  const consistent = quantity !== null && unitPrice !== null && new Big(quantity).times(unitPrice).minus(amount).abs().lte(0.01);
  return {
    description,
    quantity: quantity === null ? null : Number(quantity),
    unit_price: unitPrice === null ? null : Number(unitPrice),
    amount: Number(amount),
    tax_rate: rate ?? null,
    confidence: score(consistent ? 0.9 : quantity === null ? 0.5 : 0.4),
    evidence: evidenceFor(document, line.start, line.end),
  };
}

/** The table's lines with the amounts as decimal strings (for the checks); empty without a table. */
export function billLines(
  document: IntakeDocument,
  lines: readonly TextLine[],
  table: readonly LabelMatch[],
  fieldLabels: readonly LabelMatch[],
): { lines: ProposedLine[]; amounts: string[] } {
  const header = headerLine(lines, table);
  if (header === null) return { lines: [], amounts: [] };
  const totalsAt = fieldLabels
    .filter((m) => m.label.startsWith("amount_") && lineIndexAt(lines, m.start) > header)
    .map((m) => lineIndexAt(lines, m.start));
  const end = Math.min(lines.length, ...totalsAt);
  const found: ProposedLine[] = [];
  const amounts: string[] = [];
  for (const line of lines.slice(header + 1, end)) {
    const row = readRow(document, line);
    if (row) {
      found.push(row);
      amounts.push(new Big(row.amount).toFixed(2));
    }
  }
  return { lines: found, amounts };
}
