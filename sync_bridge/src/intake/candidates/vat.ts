/**
 * VAT number candidates (EU members, Norway, Switzerland, the United Kingdom…), kept only when
 * jsvat accepts the country's format and check digits.
 */
import { checkVAT, countries } from "jsvat";
import { matchesOf, type Candidate } from "./candidate";

/** Checks one VAT number; resolves to its compact upper-case form, or null. */
export function validVat(raw: string): string | null {
  const compact = raw.replace(/[\s.\-/]/g, "").toUpperCase();
  const result = checkVAT(compact, countries);
  return result.isValid ? compact : null;
}

/** Every valid VAT number in `text`. */
export function vatCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  const pattern =
    /\b(?:AT|BE|BG|CHE|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|NO|PL|PT|RO|SE|SI|SK)[ .-]?[0-9A-Z](?:[ .-]?[0-9A-Z]){5,13}\b/g;
  for (const match of matchesOf(pattern, text)) {
    // Printed groups may run into the next word or number: try shorter readings too.
    for (let end = match[0].length; end >= 8; end--) {
      const raw = match[0].slice(0, end).trimEnd();
      if (!/[0-9A-Z]$/.test(raw)) continue;
      const value = validVat(raw);
      if (value) {
        found.push({ raw, value, start: match.index, end: match.index + raw.length, generator: "vat", validity: 1 });
        break;
      }
    }
  }
  return found;
}
