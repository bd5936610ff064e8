/**
 * Vendor identifiers for generated bills: VAT numbers and IBANs that pass their countries' own check
 * digits, built from a random source. The algorithms are the published ones (ISO 7064 MOD 11,10 for
 * Germany, the SIREN key for France, mod 97 for Belgium, IBAN and the British VAT number, mod 11 for the
 * Netherlands and the Swiss UID, the CIF control digit for Spain, the Austrian UID's weighted sum, mod 89
 * for Luxembourg, the Irish check letter (mod 23), the French RIB key and the Spanish "dígitos de
 * control"), so an independent validator (jsvat, ibantools) accepts every one.
 */

export type VendorCountry = "DE" | "FR" | "BE" | "NL" | "ES" | "GB" | "CH" | "AT" | "LU" | "IE";

/** A random source: returns an integer in [0, n). */
export type Pick = (n: number) => number;

function digits(pick: Pick, length: number, firstNonZero = false): string {
  let out = "";
  for (let i = 0; i < length; i++) out += String(i === 0 && firstNonZero ? 1 + pick(9) : pick(10));
  return out;
}

function mod97(numeric: string): number {
  return Number(BigInt(numeric) % 97n);
}

function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function germanVat(pick: Pick): string {
  const base = digits(pick, 8, true);
  let product = 10;
  for (const ch of base) {
    let sum = (Number(ch) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = 11 - product === 10 ? 0 : 11 - product;
  return `DE${base}${check}`;
}

function frenchVat(pick: Pick): string {
  let siren = digits(pick, 9, true);
  while (!luhnValid(siren)) siren = digits(pick, 9, true);
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, "0")}${siren}`;
}

function belgianVat(pick: Pick): string {
  const base = `0${digits(pick, 7, true)}`;
  return `BE${base}${String(97 - (Number(base) % 97)).padStart(2, "0")}`;
}

function dutchVat(pick: Pick): string {
  for (;;) {
    const base = digits(pick, 8, true);
    const sum = [...base].reduce((acc, ch, i) => acc + Number(ch) * (9 - i), 0);
    const check = sum % 11;
    if (check < 10) return `NL${base}${check}B0${1 + pick(9)}`;
  }
}

function spanishVat(pick: Pick): string {
  const base = digits(pick, 7);
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const d = Number(base[i]);
    if (i % 2 === 1) sum += d;
    else sum += Math.floor((d * 2) / 10) + ((d * 2) % 10);
  }
  return `ESB${base}${(10 - (sum % 10)) % 10}`;
}

function britishVat(pick: Pick): string {
  // Numbers from 9490001 up follow another scheme (and some ranges are reserved): stay below.
  const base = `${1 + pick(8)}${digits(pick, 6)}`;
  const sum = [...base].reduce((acc, ch, i) => acc + Number(ch) * (8 - i), 0);
  return `GB${base}${String((97 - (sum % 97)) % 97).padStart(2, "0")}`;
}

function swissVat(pick: Pick): string {
  const weights = [5, 4, 3, 2, 7, 6, 5, 4];
  for (;;) {
    const base = digits(pick, 8, true);
    const sum = [...base].reduce((acc, ch, i) => acc + Number(ch) * (weights[i] ?? 0), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return `CHE${base}${check}`;
  }
}

function austrianVat(pick: Pick): string {
  const base = digits(pick, 7, true);
  const sum = [...base].reduce((acc, ch, i) => {
    const product = Number(ch) * (i % 2 === 1 ? 2 : 1);
    return acc + Math.floor(product / 10) + (product % 10);
  }, 0);
  return `ATU${base}${(10 - ((sum + 4) % 10)) % 10}`;
}

function luxembourgVat(pick: Pick): string {
  const base = digits(pick, 6, true);
  return `LU${base}${String(Number(base) % 89).padStart(2, "0")}`;
}

function irishVat(pick: Pick): string {
  const base = digits(pick, 7, true);
  const sum = [...base].reduce((acc, ch, i) => acc + Number(ch) * (8 - i), 0);
  return `IE${base}${"WABCDEFGHIJKLMNOPQRSTUV"[sum % 23] ?? "W"}`;
}

const VAT: Record<VendorCountry, (pick: Pick) => string> = {
  DE: germanVat,
  FR: frenchVat,
  BE: belgianVat,
  NL: dutchVat,
  ES: spanishVat,
  GB: britishVat,
  CH: swissVat,
  AT: austrianVat,
  LU: luxembourgVat,
  IE: irishVat,
};

/** A VAT number, compact and upper case (`DE123456788`), valid for the country. */
export function vatNumber(country: VendorCountry, pick: Pick): string {
  return VAT[country](pick);
}

function letters(pick: Pick, choices: readonly string[]): string {
  return choices[pick(choices.length)] ?? "";
}

function frenchRibKey(bank: string, branch: string, account: string): string {
  const key = 97n - ((89n * BigInt(bank) + 15n * BigInt(branch) + 3n * BigInt(account)) % 97n);
  return String(key).padStart(2, "0");
}

function spanishControl(ten: string): number {
  const weights = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
  const sum = [...ten].reduce((acc, ch, i) => acc + Number(ch) * (weights[i] ?? 0), 0);
  const d = 11 - (sum % 11);
  return d === 11 ? 0 : d === 10 ? 1 : d;
}

const BBAN: Record<VendorCountry, (pick: Pick) => string> = {
  DE: (pick) => digits(pick, 8, true) + digits(pick, 10),
  FR: (pick) => {
    const [bank, branch, account] = [digits(pick, 5, true), digits(pick, 5), digits(pick, 11)];
    return bank + branch + account + frenchRibKey(bank, branch, account);
  },
  BE: (pick) => {
    const ten = digits(pick, 10, true);
    const check = Number(ten) % 97 || 97;
    return ten + String(check).padStart(2, "0");
  },
  NL: (pick) => letters(pick, ["ABNA", "INGB", "RABO", "TRIO", "SNSB"]) + digits(pick, 10),
  ES: (pick) => {
    const [bank, branch, account] = [digits(pick, 4, true), digits(pick, 4), digits(pick, 10)];
    return `${bank}${branch}${spanishControl(`00${bank}${branch}`)}${spanishControl(account)}${account}`;
  },
  GB: (pick) => letters(pick, ["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + digits(pick, 6) + digits(pick, 8),
  CH: (pick) => digits(pick, 5) + digits(pick, 12),
  AT: (pick) => digits(pick, 5, true) + digits(pick, 11),
  LU: (pick) => digits(pick, 3) + digits(pick, 13),
  IE: (pick) => letters(pick, ["AIBK", "BOFI", "IPBS", "ULSB"]) + digits(pick, 6) + digits(pick, 8),
};

/** The ISO 13616 numeric form of an IBAN's rearranged characters (letters as 10..35). */
function ibanNumeric(text: string): string {
  return [...text].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join("");
}

/** An IBAN, compact and upper case, whose national part and check digits are valid for the country. */
export function iban(country: VendorCountry, pick: Pick): string {
  const bban = BBAN[country](pick);
  const check = 98 - mod97(ibanNumeric(`${bban}${country}00`));
  return `${country}${String(check).padStart(2, "0")}${bban}`;
}

/** Groups an IBAN by four characters, as bills print it. */
export function printedIban(compact: string): string {
  return compact.replace(/(.{4})/g, "$1 ").trim();
}
