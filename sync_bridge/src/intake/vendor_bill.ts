/**
 * The vendor-bill extractor: from a document's text and positions to the contract's fields
 * (partner, number, dates, currency, amounts), its table lines and the cross-field checks.
 * Every confidence is a raw score in [0, 1], ordered but not calibrated yet.
 */
import { buyerAnchors, notTheBuyer, type BillBuyer } from "./bill_buyer";
import { billLines } from "./bill_lines";
import {
  consistentTotals,
  FAILED_CHECK_FACTOR,
  linesCheck,
  printedRates,
  rateConsistentTotals,
  summedTaxes,
  totalsCheck,
} from "./bill_checks";
import { labelMatches } from "./bill_labels";
import { invoiceNumberCandidates } from "./bill_number";
import { partnerNameCandidates, scoreVendorIds, vendorNames } from "./bill_party";
import { amountCandidates, currencyCodes, type AmountCandidate } from "./candidates/amounts";
import { dateCandidates, type DayOrder } from "./candidates/dates";
import type { Candidate } from "./candidates/candidate";
import { ibanCandidates } from "./candidates/iban";
import { unprefixedVatCandidates, vatCandidates } from "./candidates/vat";
import { lineIndexAt, linesOf, type IntakeDocument } from "./document";
import { chooseField, rankByValue, type Scored } from "./field_choice";
import { proximity, scoreCandidates, type Layout } from "./proximity";
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
  /** The company the bill is addressed to (the job's company): its name and VAT are never the vendor's. */
  buyer?: BillBuyer;
}

export interface VendorBillExtraction {
  fields: ProposedField[];
  lines: ProposedLine[];
  checks: CrossCheck[];
}

/** What a currency code printed away from any amount scores, at most (a column header, "Currency: GBP"). */
const LONE_CURRENCY_SCORE = 0.6;
/** What the currency of the vendor's IBAN country scores, when the bill prints none that can be read. */
const IBAN_CURRENCY_SCORE = 0.3;
/** The currency of an IBAN's country, for the countries whose IBANs bills carry most. */
const EURO_AREA = new Set("AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MC MT NL PT SI SK SM".split(" "));
const NATIONAL_CURRENCY: Readonly<Record<string, string>> = {
  GB: "GBP",
  CH: "CHF",
  LI: "CHF",
  SE: "SEK",
  NO: "NOK",
  DK: "DKK",
  PL: "PLN",
  CZ: "CZK",
};

/**
 * The bill's currency: the one printed next to most amounts; when no amount carries one, the ISO
 * code printed most often on its own (in a header such as "Amount (GBP)" or "Total GBP"); when
 * none can be read (a scan whose "€" the OCR lost), the currency of the IBAN's country, weakly.
 */
function currencyField(
  document: IntakeDocument,
  amounts: readonly AmountCandidate[],
  ibans: readonly Candidate[],
): ProposedField | null {
  let scored: Scored[] = amounts
    .filter((amount) => amount.currency !== null)
    .map((amount) => ({ candidate: { ...amount, value: amount.currency as string, generator: "currency" }, score: 0 }));
  let scale = 1;
  if (scored.length === 0) {
    scored = currencyCodes(document.text).map((candidate) => ({ candidate, score: 0 }));
    scale = LONE_CURRENCY_SCORE;
  }
  if (scored.length === 0) {
    scored = ibans.flatMap((iban) => {
      const country = iban.value.slice(0, 2);
      const currency = EURO_AREA.has(country) ? "EUR" : NATIONAL_CURRENCY[country];
      return currency ? [{ candidate: { ...iban, value: currency, generator: "currency_iban" }, score: 0 }] : [];
    });
    scale = IBAN_CURRENCY_SCORE;
  }
  const counts = new Map<string, number>();
  for (const entry of scored) counts.set(entry.candidate.value, (counts.get(entry.candidate.value) ?? 0) + 1);
  for (const entry of scored) entry.score = (scale * (counts.get(entry.candidate.value) ?? 0)) / scored.length;
  return chooseField(document, "currency", scored);
}

/** A value nearer another field's label than any of its own is that field's: it scores much less here. */
function claimedByOther(layout: Layout, scored: readonly Scored[], others: readonly string[]): Scored[] {
  const labels = layout.labels.filter((label) => others.includes(label.label));
  return scored.map(({ candidate, score }) => {
    const theirs = Math.max(0, ...labels.map((label) => proximity(layout, label, candidate)));
    return { candidate, score: theirs > score ? score * 0.3 : score };
  });
}

const tripleScore = (triple: { untaxed: Scored; tax: Scored; total: Scored }) =>
  triple.untaxed.score + triple.tax.score + triple.total.score;

/** Multiplies a field's confidence (a failed check involves it). */
function lower(field: ProposedField | undefined, factor: number): void {
  if (field) field.confidence = score(field.confidence * factor);
}

export function extractVendorBill(document: IntakeDocument, options: VendorBillOptions = {}): VendorBillExtraction {
  const lines = linesOf(document);
  const { fields: labels, table: tableLabels } = labelMatches(document.text);
  const layout: Layout = {
    document,
    lines,
    labels,
    buyerAnchors: buyerAnchors(document.text, options.buyer),
    tableHeaders: new Set(
      tableLabels.filter((match) => match.label === "line_description").map((match) => lineIndexAt(lines, match.start)),
    ),
  };
  const amounts = amountCandidates(document.text);
  const dates = dateCandidates(document.text, options.dayOrder);
  const scoredAmounts: Record<"amount_untaxed" | "amount_tax" | "amount_total", Scored[]> = {
    amount_untaxed: rankByValue(scoreCandidates(layout, "amount_untaxed", amounts)),
    amount_tax: rankByValue(scoreCandidates(layout, "amount_tax", amounts)),
    amount_total: rankByValue(scoreCandidates(layout, "amount_total", amounts)),
  };
  // One tax amount, or one per rate: the reading whose amounts sit best by their labels wins.
  const consistent =
    [
      consistentTotals(scoredAmounts.amount_untaxed, scoredAmounts.amount_tax, scoredAmounts.amount_total),
      summedTaxes(scoredAmounts.amount_untaxed, scoreCandidates(layout, "amount_tax", amounts), scoredAmounts.amount_total),
    ]
      .filter((triple) => triple !== null)
      .sort((a, b) => tripleScore(b) - tripleScore(a))[0] ??
    // None of the top candidates adds up: any amounts that do, at a rate the bill prints.
    rateConsistentTotals(
      scoredAmounts.amount_untaxed,
      scoredAmounts.amount_tax,
      scoredAmounts.amount_total,
      printedRates(document.text),
    );
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
  const ibans = ibanCandidates(document.text);
  const vats = [
    ...vatCandidates(document.text),
    ...unprefixedVatCandidates(
      document.text,
      labels.filter((label) => label.label === "partner_vat").map((label) => label.end),
      ibans.map((iban) => iban.value.slice(0, 2)),
    ),
  ];
  const vendorVats = notTheBuyer(scoreVendorIds(layout, "partner_vat", vats, 0.5), options.buyer, "vat");
  const vendorIbans = scoreVendorIds(layout, "partner_iban", ibans, 0.6);
  const names = notTheBuyer(
    vendorNames(layout, partnerNameCandidates(layout), [...vendorVats, ...vendorIbans]),
    options.buyer,
    "name",
  );
  const proposals = new Map<string, ProposedField | null>([
    ["partner_name", chooseField(document, "partner_name", names)],
    ["partner_vat", chooseField(document, "partner_vat", vendorVats)],
    ["partner_iban", chooseField(document, "partner_iban", vendorIbans)],
    ["invoice_number", chooseField(document, "invoice_number", invoiceNumberCandidates(layout))],
    [
      "invoice_date",
      chooseField(
        document,
        "invoice_date",
        claimedByOther(layout, scoreCandidates(layout, "invoice_date", dates), ["due_date", "other_date"]),
      ),
    ],
    [
      "due_date",
      chooseField(
        document,
        "due_date",
        claimedByOther(layout, scoreCandidates(layout, "due_date", dates), ["invoice_date", "other_date"]),
      ),
    ],
    ["currency", currencyField(document, amounts, ibans)],
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
