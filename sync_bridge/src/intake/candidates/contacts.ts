/** Phone numbers (libphonenumber-js, to E.164) and e-mail addresses (checked with zod). */
import { findPhoneNumbersInText, type CountryCode } from "libphonenumber-js";
import { z } from "zod";
import { matchesOf, type Candidate } from "./candidate";

/** Every phone number in `text`; numbers without a country prefix are read in `defaultCountry`. */
export function phoneCandidates(text: string, defaultCountry?: CountryCode): Candidate[] {
  return findPhoneNumbersInText(text, defaultCountry ? { defaultCountry } : undefined).map((found) => ({
    raw: text.slice(found.startsAt, found.endsAt),
    value: found.number.number,
    start: found.startsAt,
    end: found.endsAt,
    generator: "phone",
    // A number printed with its country prefix is read without guessing.
    validity: text[found.startsAt] === "+" || text.startsWith("00", found.startsAt) ? 1 : 0.8,
  }));
}

const emailSchema = z.email();

/** Every e-mail address in `text`, lower-cased. */
export function emailCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of matchesOf(/[\p{L}\d._%+-]+@[\p{L}\d.-]+\.\p{L}{2,}/u, text)) {
    const raw = match[0].replace(/\.$/, "");
    if (emailSchema.safeParse(raw).success) {
      found.push({
        raw,
        value: raw.toLowerCase(),
        start: match.index,
        end: match.index + raw.length,
        generator: "email",
        validity: 1,
      });
    }
  }
  return found;
}
