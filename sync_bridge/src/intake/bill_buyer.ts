/**
 * The company a bill is addressed to: the Odoo company of the job. Its own name and VAT number are
 * printed on most bills (the address block, "Your VAT no."), and are never the vendor's.
 */
import { matchesOf } from "./candidates/candidate";
import type { Scored } from "./field_choice";

export interface BillBuyer {
  name: string;
  vat: string | null;
}

/** What a vendor candidate that is the buyer's own name or VAT number keeps of its score. */
const BUYER_FACTOR = 0.1;

/** "CHE-123.456.789 MWST" → "CHE123456789": letters and digits, upper case, without the Swiss tax suffix. */
function vatKey(vat: string): string {
  return vat
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .replace(/(MWST|TVA|IVA)$/, "");
}

const nameKey = (name: string) => name.toLowerCase().replace(/\s+/g, " ").trim();

/** Where the buyer's name is printed (the start of each occurrence). */
export function buyerAnchors(text: string, buyer: BillBuyer | undefined): number[] {
  const name = buyer?.name.trim();
  if (!name) return [];
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  return [...matchesOf(new RegExp(`(?<![\\p{L}\\d])${escaped}(?![\\p{L}\\d])`, "giu"), text)].map((match) => match.index);
}

/** Vendor candidates with the buyer's own name or VAT number scored down (they are the customer's). */
export function notTheBuyer(scored: readonly Scored[], buyer: BillBuyer | undefined, kind: "name" | "vat"): Scored[] {
  if (!buyer) return [...scored];
  const own = kind === "vat" ? (buyer.vat ? vatKey(buyer.vat) : null) : nameKey(buyer.name);
  if (!own) return [...scored];
  const key = kind === "vat" ? vatKey : nameKey;
  return scored.map((entry) => (key(entry.candidate.value) === own ? { ...entry, score: entry.score * BUYER_FACTOR } : entry));
}
