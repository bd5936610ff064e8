/**
 * How vendors print amounts and dates: the styles the bill layouts choose from. The expected values
 * stay normalized (`"1234.50"`, `"2026-03-14"`); only the printed form varies.
 */

export type AmountStyle = "en" | "de" | "fr" | "ch" | "plain" | "space";
export type DateStyle =
  "iso" | "dmy_dot" | "dmy_slash" | "dmy_dash" | "long_en" | "short_en" | "us_long" | "long_fr" | "long_de" | "long_es" | "us";

const GROUP: Record<AmountStyle, [group: string, decimal: string]> = {
  en: [",", "."],
  de: [".", ","],
  // French groups thousands with a no-break space (U+00A0, which the standard PDF fonts can print).
  fr: ["\u00a0", ","],
  ch: ["'", "."],
  plain: ["", "."],
  // What word processors and small invoicing tools print: thousands apart by an ordinary space.
  space: [" ", ","],
};

/** Cents as a normalized decimal string: 123450 → "1234.50". */
export function decimalOf(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Cents as a vendor prints them: 123450 → "1.234,50" in the German style. */
export function printedAmount(cents: number, style: AmountStyle): string {
  const [group, decimal] = GROUP[style];
  const [whole = "0", fraction = "00"] = decimalOf(Math.abs(cents)).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${cents < 0 ? "-" : ""}${grouped}${decimal}${fraction}`;
}

const MONTHS: Record<"en" | "fr" | "de" | "es", string[]> = {
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
  de: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
  es: [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
  ],
};

/** An ISO date as a vendor prints it: "2026-03-14" → "14.03.2026" in the `dmy_dot` style. */
export function printedDate(iso: string, style: DateStyle): string {
  const [y = "", m = "", d = ""] = iso.split("-");
  const day = String(Number(d));
  const month = (lang: keyof typeof MONTHS) => MONTHS[lang][Number(m) - 1] ?? "";
  switch (style) {
    case "iso":
      return iso;
    case "dmy_dot":
      return `${d}.${m}.${y}`;
    case "dmy_slash":
      return `${d}/${m}/${y}`;
    case "dmy_dash":
      return `${d}-${m}-${y}`;
    case "long_en":
      return `${day} ${month("en")} ${y}`;
    case "short_en":
      return `${day} ${month("en").slice(0, 3)} ${y}`;
    case "us_long":
      return `${month("en")} ${day}, ${y}`;
    case "long_fr":
      return `${day === "1" ? "1er" : day} ${month("fr")} ${y}`;
    case "long_de":
      return `${day}. ${month("de")} ${y}`;
    case "long_es":
      return `${day} de ${month("es")} de ${y}`;
    case "us":
      return `${m}/${d}/${y}`;
  }
}

/** Adds days to an ISO date, in UTC. */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
