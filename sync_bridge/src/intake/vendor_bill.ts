/**
 * The vendor-bill extractor: from a document's text and positions to the contract's fields
 * (partner, number, dates, currency, amounts), its table lines and the cross-field checks.
 * Every confidence is a raw score in [0, 1], ordered but not calibrated yet.
 */
import { billLines } from "./bill_lines";
import { consistentTotals, FAILED_CHECK_FACTOR, linesCheck, totalsCheck } from "./bill_checks";
import { labelMatches } from "./bill_labels";
import { invoiceNumberCandidates, partnerNameCandidates, scoreVendorIds } from "./bill_party";
import { amountCandidates, type AmountCandidate } from "./candidates/amounts";
import { dateCandidates, type DayOrder } from "./candidates/dates";
import { ibanCandidates } from "./candidates/iban";
import { vatCandidates } from "./candidates/vat";
import { linesOf, type IntakeDocument } from "./document";
import { chooseField, rankByValue, type Scored } from "./field_choice";
import { scoreCandidates, type Layout } from "./proximity";
import { score, type CrossCheck, type ProposedField, type ProposedLine } from "./result";

export const VENDOR_BILL_FIELDS = [
  "partner_name",
  "partner_vat",
  "partner_iban",
  "invoice_number",
  "invoice_date",
  "due_date",
  "currency",
  "amount_untaxed",
  "amount_tax",
  "amount_total",
] as const;

export interface VendorBillOptions {
  /** How to read 01/02/2024: "dmy" (default, most of Europe) or "mdy" (the United States). */
  dayOrder?: DayOrder;
}

export interface VendorBillExtraction {
  fields: ProposedField[];
  lines: ProposedLine[];
  checks: CrossCheck[];
}

/** The bill's currency: the one printed next to most amounts. */
function currencyField(document: IntakeDocument, amounts: readonly AmountCandidate[]): ProposedField | null {
  const scored: Scored[] = amounts
    .filter((amount) => amount.currency !== null)
    .map((amount) => ({ candidate: { ...amount, value: amount.currency as string, generator: "currency" }, score: 0 }));
  const counts = new Map<string, number>();
  for (const entry of scored) counts.set(entry.candidate.value, (counts.get(entry.candidate.value) ?? 0) + 1);
  for (const entry of scored) entry.score = (counts.get(entry.candidate.value) ?? 0) / scored.length;
  return chooseField(document, "currency", scored);
}

/** Multiplies a field's confidence (a failed check involves it). */
function lower(field: ProposedField | undefined, factor: number): void {
  if (field) field.confidence = score(field.confidence * factor);
}

export function extractVendorBill(document: IntakeDocument, options: VendorBillOptions = {}): VendorBillExtraction {
  const lines = linesOf(document);
  const { fields: labels, table: tableLabels } = labelMatches(document.text);
  const layout: Layout = { document, lines, labels };
  const amounts = amountCandidates(document.text);
  const dates = dateCandidates(document.text, options.dayOrder);
  const scoredAmounts: Record<"amount_untaxed" | "amount_tax" | "amount_total", Scored[]> = {
    amount_untaxed: rankByValue(scoreCandidates(layout, "amount_untaxed", amounts)),
    amount_tax: rankByValue(scoreCandidates(layout, "amount_tax", amounts)),
    amount_total: rankByValue(scoreCandidates(layout, "amount_total", amounts)),
  };
  const consistent = consistentTotals(scoredAmounts.amount_untaxed, scoredAmounts.amount_tax, scoredAmounts.amount_total);
  if (consistent) {
    // The triple that adds up goes first; the other readings stay as candidates.
    for (const [name, chosen] of [
      ["amount_untaxed", consistent.untaxed],
      ["amount_tax", consistent.tax],
      ["amount_total", consistent.total],
    ] as const) {
      const ranked = scoredAmounts[name];
      const rest = ranked.filter((entry) => entry !== chosen);
      scoredAmounts[name] = [{ ...chosen, score: Math.max(chosen.score, (rest[0]?.score ?? 0) + 0.01) }, ...rest];
    }
  }
  const proposals = new Map<string, ProposedField | null>([
    ["partner_name", chooseField(document, "partner_name", partnerNameCandidates(layout))],
    [
      "partner_vat",
      chooseField(document, "partner_vat", scoreVendorIds(layout, "partner_vat", vatCandidates(document.text), 0.5)),
    ],
    [
      "partner_iban",
      chooseField(document, "partner_iban", scoreVendorIds(layout, "partner_iban", ibanCandidates(document.text), 0.6)),
    ],
    ["invoice_number", chooseField(document, "invoice_number", invoiceNumberCandidates(layout))],
    ["invoice_date", chooseField(document, "invoice_date", scoreCandidates(layout, "invoice_date", dates))],
    ["due_date", chooseField(document, "due_date", scoreCandidates(layout, "due_date", dates))],
    ["currency", currencyField(document, amounts)],
    ["amount_untaxed", chooseField(document, "amount_untaxed", scoredAmounts.amount_untaxed)],
    ["amount_tax", chooseField(document, "amount_tax", scoredAmounts.amount_tax)],
    ["amount_total", chooseField(document, "amount_total", scoredAmounts.amount_total)],
  ]);
  const field = (name: string) => proposals.get(name) ?? undefined;
  // A date with no label near it is not proposed as the due date: most bills print one date only.
  const due = field("due_date");
  if (due && due.candidates[0] && due.candidates[0].confidence <= 0.15) proposals.set("due_date", null);

  const checks: CrossCheck[] = [];
  const totals = totalsCheck(
    field("amount_untaxed")?.value ?? null,
    field("amount_tax")?.value ?? null,
    field("amount_total")?.value ?? null,
  );
  if (totals) {
    checks.push(totals);
    if (!totals.ok) for (const name of ["amount_untaxed", "amount_tax", "amount_total"]) lower(field(name), FAILED_CHECK_FACTOR);
  }
  const table = billLines(document, lines, tableLabels, labels);
  const linesSum = linesCheck(table.amounts, field("amount_untaxed")?.value ?? null);
  if (linesSum) {
    checks.push(linesSum);
    if (!linesSum.ok) {
      lower(field("amount_untaxed"), FAILED_CHECK_FACTOR);
      for (const line of table.lines) line.confidence = score(line.confidence * FAILED_CHECK_FACTOR);
    }
  }
  const fields = VENDOR_BILL_FIELDS.flatMap((name) => {
    const proposed = proposals.get(name);
    return proposed ? [proposed] : [];
  });
  return { fields, lines: table.lines, checks };
}
