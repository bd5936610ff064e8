/**
 * VAT number candidates (EU members, Norway, Switzerland, the United Kingdom…), kept only when
 * jsvat accepts the country's format and check digits: printed with their country prefix anywhere,
 * or without it right after a VAT label ("NIF: B12345678", "VAT Reg No 123 4567 89").
 */
import { checkVAT, countries } from "jsvat";
import { matchesOf, type Candidate } from "./candidate";

/** Where the VAT prefix is not the ISO country code. */
const VAT_PREFIX: Record<string, string> = { GR: "EL", CH: "CHE" };
/** Every country jsvat knows, by the prefix its VAT numbers carry. */
const PREFIXES = countries.map((country) => VAT_PREFIX[country.codes[0]] ?? country.codes[0]).filter((code) => code !== "EU");

/** Checks one VAT number; resolves to its compact upper-case form, or null. */
export function validVat(raw: string): string | null {
  // The Swiss print the register after the number ("CHE-123.456.789 MWST"): it is not part of it.
  const compact = raw
    .replace(/[\s.\-/]/g, "")
    .toUpperCase()
    .replace(/^(CHE\d{9})(?:MWST|TVA|IVA|TPV)$/, "$1");
  const result = checkVAT(compact, countries);
  return result.isValid ? compact : null;
}

/** The readings of `match` from its full length down to `min` characters, longest first. */
function* shorterReadings(text: string, min: number): Generator<string> {
  for (let end = text.length; end >= min; end--) {
    const raw = text.slice(0, end).trimEnd();
    if (/[0-9A-Z]$/.test(raw)) yield raw;
  }
}

/** Letters and digits a scan's OCR takes for one another, at the end of a number (Ireland's check letter). */
const LOOKALIKES: Readonly<Record<string, string>> = {
  "8": "B",
  B: "8",
  "0": "O",
  O: "0",
  "5": "S",
  S: "5",
  "1": "I",
  I: "1",
  "2": "Z",
  Z: "2",
  "6": "G",
  G: "6",
};

/** The first valid reading of a printed VAT number: as printed, shorter, or with its last character's lookalike. */
function firstValid(printed: string, repair: boolean): { raw: string; value: string; repaired: boolean } | null {
  for (const raw of shorterReadings(printed, 8)) {
    const value = validVat(raw);
    if (value) return { raw, value, repaired: false };
  }
  if (!repair) return null;
  for (const raw of shorterReadings(printed, 8)) {
    const swap = LOOKALIKES[raw.slice(-1)];
    const value = swap ? validVat(raw.slice(0, -1) + swap) : null;
    if (value) return { raw, value, repaired: true };
  }
  return null;
}

/** What a VAT number read through an OCR lookalike scores for validity (its check digits still hold). */
const REPAIRED_VALIDITY = 0.8;

/**
 * Every valid VAT number in `text`. Where none reads as printed, a scan's lookalikes are tried: "1E",
 * "|E" or "lE" for Ireland's and Italy's "IE"/"IT", and the last character's lookalike ("…7578" for
 * "…757B"), kept only when the check digits then hold.
 */
export function vatCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  const pattern =
    /\b(?:AT|BE|BG|CHE|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|NO|PL|PT|RO|SE|SI|SK)[ .-]?[0-9A-Z](?:[ .-]?[0-9A-Z]){5,13}\b/g;
  for (const match of matchesOf(pattern, text)) {
    // Printed groups may run into the next word or number: try shorter readings too.
    const reading = firstValid(match[0], true);
    if (reading) {
      const { raw, value, repaired } = reading;
      const [generator, validity] = repaired ? ["vat_ocr", REPAIRED_VALIDITY] : ["vat", 1];
      found.push({ raw, value, start: match.index, end: match.index + raw.length, generator, validity });
    }
  }
  for (const match of matchesOf(/(?<![0-9A-Za-z])[1|l!](?=[ET][ .-]?\d)[ET](?:[ .-]?[0-9A-Z]){7,12}\b/g, text)) {
    const reading = firstValid(`I${match[0].slice(1)}`, true);
    if (reading) {
      const raw = match[0].slice(0, reading.raw.length);
      found.push({
        raw,
        value: reading.value,
        start: match.index,
        end: match.index + raw.length,
        generator: "vat_ocr",
        validity: REPAIRED_VALIDITY,
      });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * A VAT number printed without its country prefix, read after a VAT label ending at `labelEnd`:
 * the first of `hints` (country prefixes, e.g. the IBAN's country), then any country, whose format
 * and check digits accept it. Weaker than a prefixed number: the country is inferred.
 */
export function unprefixedVatCandidates(text: string, labelEnds: readonly number[], hints: readonly string[]): Candidate[] {
  const found: Candidate[] = [];
  const order = [...new Set([...hints.map((code) => VAT_PREFIX[code] ?? code), ...PREFIXES])];
  for (const labelEnd of labelEnds) {
    const lineEnd = text.indexOf("\n", labelEnd);
    const rest = text.slice(labelEnd, lineEnd === -1 ? text.length : lineEnd);
    const token = /^[\s:#.]*(?:(?:no|nr|n[°º])\.?\s*[:#.]?\s*)?([0-9A-Z](?:[ .\-/]?[0-9A-Z]){6,14})/iu.exec(rest);
    if (!token?.[1] || PREFIXES.some((prefix) => token[1]?.toUpperCase().startsWith(prefix))) continue;
    const start = labelEnd + token[0].length - token[1].length;
    for (const raw of shorterReadings(token[1], 7)) {
      // All zeros (or one digit repeated) passes many countries' check digits: never a real number.
      if (new Set(raw.replace(/[\s.\-/]/g, "")).size < 3) continue;
      const value = order.map((prefix) => validVat(prefix + raw)).find((vat) => vat !== null);
      if (value) {
        found.push({ raw, value, start, end: start + raw.length, generator: "vat_unprefixed", validity: 0.85 });
        break;
      }
    }
  }
  return found;
}
