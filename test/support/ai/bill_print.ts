/**
 * What real bills print around the contract's fields: identifiers in their national printed forms
 * (a Belgian enterprise number with dots, a British VAT number in groups, a French SIRET), the Belgian
 * structured payment reference, and the noise every bill carries (customer and order numbers, card
 * digits), drawn from the bill's own seed so a seed still gives the same PDF. Also the page frame the
 * held-out layouts share.
 */
import { A4, MARGIN, type BillCanvas } from "./bill_canvas";
import { seededPick, type BillData } from "./bill_data";
import type { Pick } from "./bill_identifiers";

export { A4, MARGIN } from "./bill_canvas";
export const RIGHT = A4[0] - MARGIN;
export const TOP = A4[1] - MARGIN;

/** Moves to a new page when fewer than `needed` points are left above the footer; returns the y to go on at. */
export function room(canvas: BillCanvas, y: number, needed: number): number {
  if (y - needed > MARGIN + 45) return y;
  canvas.newPage();
  return TOP - 20;
}

/** A random source for a layout's own noise, from the bill's seed and a salt per use. */
export function noiseOf(bill: BillData, salt: number): Pick {
  return seededPick(bill.seed * 31 + salt);
}

/** `n` digits from `pick`, the first not zero. */
export function noiseDigits(pick: Pick, n: number): string {
  let out = String(1 + pick(9));
  while (out.length < n) out += String(pick(10));
  return out;
}

/** "BE0123456749" → "BE 0123.456.749"; other numbers as they are. */
export function belgianVat(vat: string): string {
  return vat.replace(/^BE(\d{4})(\d{3})(\d{3})$/, "BE $1.$2.$3");
}

/** "GB123456789" → "GB 123 4567 89", as British bills print it. */
export function britishVat(vat: string): string {
  return vat.replace(/^GB(\d{3})(\d{4})(\d{2})$/, "GB $1 $2 $3");
}

/** The SIRET of the establishment: the SIREN inside a French VAT number and a NIC that passes Luhn. */
export function siretOf(frenchVat: string, pick: Pick): string {
  const siren = frenchVat.slice(4);
  const stem = `${siren}000${1 + pick(8)}`;
  for (let last = 0; last < 10; last++) {
    const candidate = `${stem}${last}`;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let d = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return candidate.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, "$1 $2 $3 $4");
  }
  throw new Error("no Luhn key for a SIRET (cannot happen: one last digit always fits)");
}

/** The Belgian structured communication: ten digits and their mod-97 key, as +++123/4567/89002+++. */
export function structuredCommunication(pick: Pick): string {
  const ten = noiseDigits(pick, 10);
  const key = String(Number(BigInt(ten) % 97n) || 97).padStart(2, "0");
  const all = `${ten}${key}`;
  return `+++${all.slice(0, 3)}/${all.slice(3, 7)}/${all.slice(7)}+++`;
}

/** Whole days from one ISO date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86400000);
}

/** A tax rate as a vendor prints it: 5.5 → "5,5" with a decimal comma. */
export function rateOf(rate: number, decimal: "," | "."): string {
  return String(rate).replace(".", decimal);
}
