/**
 * The label-free baseline for vendor bills: the worker's own candidate generators (amounts, dates,
 * VAT, IBAN) with no labels, no layout and no cross-field checks — the first candidate of each
 * kind in reading order, the first line as the vendor, the largest amount as the total. What the
 * extractor's labels, positions and checks add is the difference between the two.
 */
import Big from "big.js";
import { amountCandidates } from "../../../sync_bridge/src/intake/candidates/amounts";
import { dateCandidates } from "../../../sync_bridge/src/intake/candidates/dates";
import { ibanCandidates } from "../../../sync_bridge/src/intake/candidates/iban";
import { vatCandidates } from "../../../sync_bridge/src/intake/candidates/vat";
import type { ProposedValue } from "../../../sync_bridge/src/intake/learn/field_metrics";

/** A reference-looking token: letters and digits, with a dash or slash, e.g. "INV-2024-0042". */
const REFERENCE = /\b[A-Z]{1,5}[-/]?\d[\w/-]{2,}\b/;

export function baselineBill(text: string): ProposedValue[] {
  const amounts = amountCandidates(text);
  const dates = dateCandidates(text).sort((a, b) => a.start - b.start);
  const byValue = [...new Set(amounts.map((amount) => amount.value))].sort((a, b) => new Big(b).cmp(a));
  const total = byValue[0] ?? null;
  const untaxed = byValue[1] ?? null;
  const tax = total !== null && untaxed !== null ? new Big(total).minus(untaxed).toFixed(2) : null;
  const firstLine = text.split("\n").find((line) => line.trim() !== "") ?? null;
  const proposal = (name: string, value: string | null): ProposedValue => ({ name, value, confidence: 0.5 });
  return [
    proposal("partner_name", firstLine?.trim() ?? null),
    proposal("partner_vat", vatCandidates(text)[0]?.value ?? null),
    proposal("partner_iban", ibanCandidates(text)[0]?.value ?? null),
    proposal("invoice_number", REFERENCE.exec(text)?.[0] ?? null),
    proposal("invoice_date", dates[0]?.value ?? null),
    proposal("due_date", dates.find((date) => dates[0] && date.value > dates[0].value)?.value ?? null),
    proposal("currency", amounts.find((amount) => amount.currency)?.currency ?? null),
    proposal("amount_untaxed", untaxed),
    proposal("amount_tax", tax !== null && byValue.includes(tax) ? tax : (byValue[2] ?? null)),
    proposal("amount_total", total),
  ];
}
