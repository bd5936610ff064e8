/** IBAN candidates, kept only when ibantools accepts the country format and the mod-97 checksum. */
import { electronicFormatIBAN, isValidIBAN } from "ibantools";
import { matchesOf, type Candidate } from "./candidate";

/** Every valid IBAN in `text`, compact and upper case ("DE89370400440532013000"). */
export function ibanCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of matchesOf(/\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{1,4}){2,8}\b/i, text)) {
    // The printed groups may run into the next word: try the longest prefix that validates.
    const parts = match[0].split(" ");
    for (let count = parts.length; count >= 1; count--) {
      const raw = parts.slice(0, count).join(" ");
      const value = electronicFormatIBAN(raw);
      if (value && isValidIBAN(value)) {
        found.push({ raw, value, start: match.index, end: match.index + raw.length, generator: "iban", validity: 1 });
        break;
      }
    }
  }
  return found;
}
