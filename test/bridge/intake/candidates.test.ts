/** The candidate generators and their validators: dates, amounts, IBAN, VAT, phones and e-mails, edge cases first. */
import { amountCandidates, normalizeAmount } from "../../../sync_bridge/src/intake/candidates/amounts";
import { emailCandidates, phoneCandidates } from "../../../sync_bridge/src/intake/candidates/contacts";
import { dateCandidates } from "../../../sync_bridge/src/intake/candidates/dates";
import { ibanCandidates } from "../../../sync_bridge/src/intake/candidates/iban";
import { validVat, vatCandidates } from "../../../sync_bridge/src/intake/candidates/vat";

const values = (candidates: { value: string }[]) => candidates.map((candidate) => candidate.value);

describe("dateCandidates", () => {
  it.each([
    ["2024-12-31", "2024-12-31"],
    ["12/31/2024", "2024-12-31"],
    ["31/12/2024", "2024-12-31"],
    ["31.12.2024", "2024-12-31"],
    ["31-12-2024", "2024-12-31"],
    ["31.12.24", "2024-12-31"],
    ["31 December 2024", "2024-12-31"],
    ["Dec 31, 2024", "2024-12-31"],
    ["December 31 2024", "2024-12-31"],
    ["31 décembre 2024", "2024-12-31"],
    ["1er février 2025", "2025-02-01"],
    ["31 déc. 2024", "2024-12-31"],
    ["31. Dezember 2024", "2024-12-31"],
    ["3. März 2025", "2025-03-03"],
    ["31 de diciembre de 2024", "2024-12-31"],
    ["15 sept. 2024", "2024-09-15"],
  ])("reads %s as %s", (text, iso) => {
    expect(values(dateCandidates(`Date: ${text}.`))).toEqual([iso]);
  });

  it("gives an ambiguous 01/02/2024 both readings, the locale hint's first and surer", () => {
    const european = dateCandidates("01/02/2024", "dmy");
    const american = dateCandidates("01/02/2024", "mdy");
    expect(european.map((c) => [c.value, c.validity])).toEqual([
      ["2024-02-01", 0.7],
      ["2024-01-02", 0.3],
    ]);
    expect(american.map((c) => [c.value, c.validity])).toEqual([
      ["2024-01-02", 0.7],
      ["2024-02-01", 0.3],
    ]);
  });

  it("reads a dotted date day first whatever the hint: 01.02.2024 is German", () => {
    expect(values(dateCandidates("01.02.2024", "mdy"))).toEqual(["2024-02-01"]);
  });

  it("rejects dates that do not exist and numbers that only look like dates", () => {
    expect(dateCandidates("31/02/2024 2024-13-01 29.02.2023 32 December 2024 Invoice 12/2024")).toEqual([]);
    expect(values(dateCandidates("29.02.2024"))).toEqual(["2024-02-29"]);
  });
});

describe("amountCandidates", () => {
  it.each([
    ["1,234.56", "1234.56"],
    ["1.234,56", "1234.56"],
    ["1 234,56", "1234.56"],
    ["1\u202f234,56", "1234.56"],
    ["1'234.56", "1234.56"],
    ["1234.56", "1234.56"],
    ["12,50", "12.50"],
    ["1,234,567.89", "1234567.89"],
    ["-45.00", "-45.00"],
  ])("normalizes %s to %s", (raw, value) => {
    expect(normalizeAmount(raw)).toBe(value);
  });

  it("refuses groupings nobody prints", () => {
    expect(normalizeAmount("1,23,456.00")).toBeNull();
    expect(normalizeAmount("1.234.56")).toBeNull();
    expect(normalizeAmount("12345,678.00")).toBeNull();
  });

  it("reads the currency printed before or after, as a symbol or an ISO code", () => {
    const found = amountCandidates("Total: €1.234,56 · 99.90 USD · £ 12.00 · CHF 1'250.00 · 40 EUR");
    expect(found.map((c) => [c.value, c.currency])).toEqual([
      ["1234.56", "EUR"],
      ["99.90", "USD"],
      ["12.00", "GBP"],
      ["1250.00", "CHF"],
      ["40.00", "EUR"],
    ]);
  });

  it("leaves out percentages, bare whole numbers, dates and digits inside words", () => {
    expect(amountCandidates("VAT 20% on 3 items, invoice 2024, due 31.12.2024, ref AB12.50X, 19,5 %")).toEqual([]);
  });
});

describe("ibanCandidates", () => {
  it("keeps IBANs whose checksum holds, compact and upper case", () => {
    const text = "IBAN: de89 3704 0044 0532 0130 00 BIC COBADEFFXXX; FR76 3000 6000 0112 3456 7890 189";
    expect(values(ibanCandidates(text))).toEqual(["DE89370400440532013000", "FR7630006000011234567890189"]);
  });

  it("drops an IBAN with one digit wrong, a wrong check number, or a wrong length", () => {
    expect(ibanCandidates("DE89 3704 0044 0532 0130 01")).toEqual([]);
    expect(ibanCandidates("DE88 3704 0044 0532 0130 00")).toEqual([]);
    expect(ibanCandidates("DE89 3704 0044 0532 0130")).toEqual([]);
  });
});

describe("vatCandidates", () => {
  it.each([
    ["FR 40 303 265 045", "FR40303265045"],
    ["DE136695976", "DE136695976"],
    ["ESA28015865", "ESA28015865"],
    ["IT00743110157", "IT00743110157"],
    ["NL004495445B01", "NL004495445B01"],
    ["BE 0411.905.847", "BE0411905847"],
    ["ATU13585627", "ATU13585627"],
    ["GB980780684", "GB980780684"],
  ])("accepts %s as %s", (raw, value) => {
    expect(values(vatCandidates(`VAT No: ${raw}`))).toEqual([value]);
  });

  it("refuses check digits that do not match, and non-VAT words", () => {
    expect(validVat("FR40303265046")).toBeNull();
    expect(validVat("DE136695977")).toBeNull();
    expect(validVat("IT00743110158")).toBeNull();
    expect(vatCandidates("DE 2024 was a good year; ES 12 units")).toEqual([]);
  });
});

describe("phoneCandidates and emailCandidates", () => {
  it("writes phone numbers in E.164, reading local ones in the hinted country", () => {
    expect(values(phoneCandidates("Tel +33 1 23 45 67 89, mobile 0151 23456789", "DE"))).toEqual([
      "+33123456789",
      "+4915123456789",
    ]);
    expect(values(phoneCandidates("Call (415) 555-2671", "US"))).toEqual(["+14155552671"]);
  });

  it("finds e-mail addresses, lower-cased, without a trailing dot", () => {
    expect(values(emailCandidates("Write to Anna.Schmidt@Example.de. Or Info@Mueller-GmbH.de, not foo@bar"))).toEqual([
      "anna.schmidt@example.de",
      "info@mueller-gmbh.de",
    ]);
  });
});
