/**
 * Who sent the bill: the vendor's name, VAT number and IBAN (not the customer's: values under a
 * "Bill to" label score lower). The invoice number is read in `bill_number.ts`.
 */
import { matchesOf, type Candidate } from "./candidates/candidate";
import { lineIndexAt, xAt, type TextLine } from "./document";
import { proximity, scoreCandidates, type Layout } from "./proximity";
import type { Scored } from "./field_choice";

/** A company's legal form at the end of its name. */
const LEGAL_FORM =
  /(?<![\p{L}])(?:GmbH(?: & Co\. KG)?|AG|KG|KGaA|OHG|GbR|UG|e\.K\.|SE|SAS|SASU|SARL|Sàrl|EURL|SNC|SA|S\.A\.|S\.L\.|SL|S\.r\.l\.|SpA|S\.p\.A\.|Ltd\.?|Limited|LLP|LLC|Inc\.?|Corp\.?|Co\.|BV|B\.V\.|NV|N\.V\.|Oy|AB|ApS|A\/S|AS|Pty|plc|DAC|SRL|SPRL|SLU|S\.L\.U\.|GesmbH)$/u;
/** Titles printed on top of a bill, never a vendor name. */
const TITLE = /^(?:invoice|tax invoice|facture|rechnung|factura|bill|page \d+.*)$/iu;

/** How many lines under a customer label belong to the customer's block. */
const CUSTOMER_BLOCK = 5;

/**
 * Whether `offset` lies in the customer's address block: a few lines under a "Bill to" label or
 * under the receiving company's own name, in the same column.
 */
function inCustomerBlock(layout: Layout, offset: number): boolean {
  const line = lineIndexAt(layout.lines, offset);
  const x = xAt(layout.document, offset);
  const anchors = [
    ...layout.labels.filter((label) => label.label === "customer").map((label) => label.start),
    ...(layout.buyerAnchors ?? []),
  ];
  return anchors.some((anchor) => {
    const anchorLine = lineIndexAt(layout.lines, anchor);
    const anchorX = xAt(layout.document, anchor);
    const column = x === null || anchorX === null || Math.abs(x - anchorX) < 120;
    return line >= anchorLine && line - anchorLine <= CUSTOMER_BLOCK && column;
  });
}

/**
 * Scores identifiers of the vendor (VAT, IBAN): near their label, and not the customer's (in the
 * customer's address block, or nearer a "Your VAT no." label than to the field's own label).
 */
export function scoreVendorIds(layout: Layout, field: string, candidates: readonly Candidate[], base: number): Scored[] {
  const customerLabels = layout.labels.filter((label) => label.label === "customer_vat");
  return scoreCandidates(layout, field, candidates).map(({ candidate, score }) => {
    const customerScore = Math.max(0, ...customerLabels.map((label) => proximity(layout, label, candidate)));
    const customer = inCustomerBlock(layout, candidate.start) || customerScore > score;
    return { candidate, score: Math.max(score, base * candidate.validity) * (customer ? 0.3 : 1) };
  });
}

/** Lower case without accents, one character for one (so offsets in the folded text are the text's). */
function folded(text: string): string {
  return [...text]
    .map((char) => {
      const plain = char.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
      return plain.length === char.length ? plain : char;
    })
    .join("");
}

const accents = (text: string) => [...text.normalize("NFD").matchAll(/\p{M}/gu)].length;

/**
 * The best spelling a bill prints of a name, anywhere: in mixed case rather than in capitals (a
 * footer's "Acme Supplies Ltd, registered in" for "ACME SUPPLIES LTD"), and with the accents a scan's
 * OCR dropped elsewhere ("Logística" printed again where "Logistica" was read). The name as read when
 * the bill prints no better one.
 */
function bestSpelling(text: string, name: string): string {
  const escaped = folded(name)
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\s+/g, "\\s+");
  const capitals = (spelling: string) => spelling === spelling.toUpperCase() && /\p{Lu}{2}/u.test(spelling);
  let best = name;
  for (const match of matchesOf(new RegExp(`(?<![\\p{L}\\d])${escaped}(?![\\p{L}\\d])`, "gu"), folded(text))) {
    const spelling = text.slice(match.index, match.index + match[0].length).replace(/\s+/g, " ");
    const better =
      capitals(best) !== capitals(spelling) ? capitals(best) : accents(spelling) > accents(best) && !capitals(spelling);
    if (better) best = spelling;
  }
  return best;
}

/** What a name gains when it is printed on the line of the vendor's IBAN or VAT number (the account holder). */
const ON_ID_LINE = 0.25;

/**
 * Vendor names, finished: a name printed in capitals takes the mixed-case spelling the bill also
 * prints ("ACME SUPPLIES LTD" → "Acme Supplies Ltd"), and a name printed on the line of one of the
 * vendor's identifiers (`ids`, scored) gains `ON_ID_LINE`.
 */
export function vendorNames(layout: Layout, names: readonly Scored[], ids: readonly Scored[]): Scored[] {
  const spelled = new Map<string, string>();
  for (const { candidate } of names)
    if (candidate.value !== candidate.value.toUpperCase()) spelled.set(candidate.value.toLowerCase(), candidate.value);
  const idLines = ids
    .filter((id) => id.score >= 0.3)
    .map((id) => layout.lines[lineIndexAt(layout.lines, id.candidate.start)]?.text.toLowerCase() ?? "");
  return names.map(({ candidate, score }) => {
    const value = bestSpelling(layout.document.text, spelled.get(candidate.value.toLowerCase()) ?? candidate.value);
    const onIdLine = idLines.some((line) => line.includes(value.toLowerCase()));
    return { candidate: { ...candidate, value }, score: Math.min(1, score + (onIdLine ? ON_ID_LINE : 0)) };
  });
}

/** The text of the cell holding `offset` (the line, cut at tabs). */
function cellAt(text: string, lineStart: number, lineEnd: number, offset: number): { start: number; end: number } {
  const before = text.lastIndexOf("\t", offset - 1);
  const after = text.indexOf("\t", offset);
  return { start: Math.max(lineStart, before + 1), end: after === -1 || after > lineEnd ? lineEnd : after };
}

/** The cell of `line` under the one at `offset` (the nearest by its left edge; the first when the text has no positions). */
function cellUnder(layout: Layout, line: TextLine, offset: number): { start: number; end: number } {
  const x = xAt(layout.document, offset);
  let best = cellAt(layout.document.text, line.start, line.end, line.start);
  if (x === null) return best;
  let distance = Infinity;
  for (let start = line.start; start < line.end;) {
    const cell = cellAt(layout.document.text, line.start, line.end, start);
    const cellX = xAt(layout.document, cell.start);
    if (cellX !== null && Math.abs(cellX - x) < distance) [best, distance] = [cell, Math.abs(cellX - x)];
    start = cell.end + 1;
  }
  return best;
}

/** "Weißer & Söhne OHG" in one cell: OCR spaces a name out around "&" into cells (tabs, kept the same length). */
function joinAmpersands(text: string): string {
  return text.replace(/\t(?=&)|(?<=&)\t/g, " ");
}

/** Vendor name candidates: after a vendor label, the first lines of the first page, names with a legal form. */
export function partnerNameCandidates(layout: Layout): Scored[] {
  const text = joinAmpersands(layout.document.text);
  const found: Scored[] = [];
  const add = (start: number, end: number, value: number, generator: string) => {
    const raw = text.slice(start, end).trim();
    if (
      raw.length < 2 ||
      !/\p{L}{2}/u.test(raw) ||
      TITLE.test(raw) ||
      layout.labels.some((l) => l.start >= start && l.end <= end && l.label !== "vendor")
    )
      return;
    const offset = start + text.slice(start, end).indexOf(raw);
    const legal = LEGAL_FORM.test(raw) ? 0.2 : 0;
    // Digits mean an address, a phone or a reference line rather than a name.
    const digits = /\d/.test(raw) ? 0.5 : 1;
    const customer = inCustomerBlock(layout, offset) ? 0.3 : 1;
    found.push({
      candidate: { raw, value: raw.replace(/\s+/g, " "), start: offset, end: offset + raw.length, generator, validity: 1 },
      score: Math.min(1, value + legal) * customer * digits,
    });
  };
  for (const label of layout.labels.filter((l) => l.label === "vendor")) {
    const line = layout.lines[lineIndexAt(layout.lines, label.start)];
    if (!line) continue;
    // A label starts its cell ("Supplier:", "Sold by"); "pay the seller directly" is a sentence.
    const cellStart = cellAt(text, line.start, line.end, label.start).start;
    if (/[\p{L}\d]/u.test(text.slice(cellStart, label.start))) continue;
    const labelCell = cellAt(text, line.start, line.end, label.start);
    const rest = text.slice(label.end, labelCell.end).replace(/^[\s:]+/, "");
    if (rest.trim() !== "") add(labelCell.end - rest.length, labelCell.end, 0.75, "vendor_label");
    else {
      // The label heads a column ("Sold by | Billing address"): its value is the cell under it.
      const next = layout.lines[line.index + 1];
      if (next) {
        const under = cellUnder(layout, next, label.start);
        add(under.start, under.end, 0.7, "vendor_label");
      }
    }
  }
  const firstPage = layout.document.segments.length > 0 ? layout.lines.slice(0, 8) : layout.lines.slice(0, 3);
  firstPage.forEach((line, rank) =>
    add(line.start, cellAt(text, line.start, line.end, line.start).end, 0.5 - 0.05 * rank, "top_of_page"),
  );
  for (const line of layout.lines) {
    const joined = joinAmpersands(line.text);
    for (const cell of joined.split("\t")) {
      if (LEGAL_FORM.test(cell.trim())) {
        const start = line.start + joined.indexOf(cell);
        add(start, start + cell.length, 0.45, "legal_form");
      }
    }
  }
  return found;
}
