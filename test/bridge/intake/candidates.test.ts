/** The candidate generators and their validators: dates, amounts, IBAN, VAT, phones and e-mails, edge cases first. */
import { amountCandidates, normalizeAmount } from "../../../sync_bridge/src/intake/candidates/amounts";
import { emailCandidates, phoneCandidates } from "../../../sync_bridge/src/intake/candidates/contacts";
import { dateCandidates } from "../../../sync_bridge/src/intake/candidates/dates";
import { ibanCandidates } from "../../../sync_bridge/src/intake/candidates/iban";
import { ascendingDayOrder, documentDayOrder } from "../../../sync_bridge/src/intake/candidates/day_order";
import { unprefixedVatCandidates, validVat, vatCandidates } from "../../../sync_bridge/src/intake/candidates/vat";

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
    ["31st December 2024", "2024-12-31"],
    ["2nd March 2025", "2025-03-02"],
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

  it("reads ambiguous dates in the order the document shows, whatever the hint", () => {
    // 13/02 exists day first only: the other dates of the document are read day first too.
    expect(dateCandidates("Issued 13/02/2024, due 01/03/2024", "mdy").map((c) => [c.value, c.validity])).toEqual([
      ["2024-02-13", 1],
      ["2024-03-01", 0.95],
      ["2024-01-03", 0.05],
    ]);
    expect(values(dateCandidates("Issued 02/13/2024, due 03/01/2024", "dmy")).slice(0, 2)).toEqual(["2024-02-13", "2024-03-01"]);
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

  it("reads OCR's one mark for thousands and decimals, less surely, and only when asked to", () => {
    expect(normalizeAmount("1.110.42", true)).toBe("1110.42");
    expect(normalizeAmount("1,23,456.00", true)).toBeNull();
    const [slip, clean] = amountCandidates("Sales tax: 20% £1.110.42, 5% £87.47");
    expect([slip?.value, slip?.validity, clean?.value, clean?.validity]).toEqual(["1110.42", 0.6, "87.47", 1]);
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

  it("drops the register a Swiss number is printed with", () => {
    expect(values(vatCandidates("CHE-116.281.710 MWST"))).toEqual(["CHE116281710"]);
    expect(validVat("CHE-116.281.710 TVA")).toBe("CHE116281710");
  });

  it("refuses check digits that do not match, and non-VAT words", () => {
    expect(validVat("FR40303265046")).toBeNull();
    expect(validVat("DE136695977")).toBeNull();
    expect(validVat("IT00743110158")).toBeNull();
    expect(vatCandidates("DE 2024 was a good year; ES 12 units")).toEqual([]);
  });
});

describe("documentDayOrder", () => {
  it.each([
    ["a date that exists day first only", "01/02/2026 and 25/02/2026", "dmy"],
    ["a date that exists month first only", "01/02/2026 and 02/25/2026", "mdy"],
    ["payment terms that fit month first", "Bill Date: 07/03/2026 Terms: Net 30 Due: 08/02/2026", "mdy"],
    ["payment terms that fit day first", "Date 01/02/2026, payable within 30 days: 03/03/2026", "dmy"],
    ["terms in French", "Émise le 05/01/2026, à 30 jours : 04/02/2026", "dmy"],
    ["terms that fit one order forwards and the other only backwards", "01/11/2026 Net 30 02/10/2026", "mdy"],
  ])("reads %s", (_what, text, order) => {
    expect(documentDayOrder(text)).toBe(order);
  });

  it.each([
    ["nothing to go by", "01/02/2026 and 03/04/2026"],
    ["dates that contradict each other", "13/02/2026 and 02/13/2026"],
    ["terms that fit neither order", "01/02/2026 Net 45 03/04/2026"],
    ["no numeric dates", "Invoice date 5 March 2026, Net 30"],
  ])("says nothing for %s", (_what, text) => {
    expect(documentDayOrder(text)).toBeNull();
  });
});

describe("ascendingDayOrder", () => {
  it.each([
    ["an issue date then a due date that go forward month first only", "Invoice Date Due Date 05/02/2026 06/01/2026", "mdy"],
    ["the same day first only", "Date 06/01/2026 Échéance 05/02/2026", "dmy"],
  ])("reads %s", (_what, text, order) => {
    expect(ascendingDayOrder(text)).toBe(order);
  });

  it.each([
    ["dates that go forward in both orders", "01/02/2026 and 03/04/2026"],
    ["dates that go back in both orders", "10/02/2026 delivered 08/02/2026 due 12/03/2025"],
    ["one date", "Date 05/02/2026"],
    ["dates years apart", "05/02/2024 06/01/2026"],
  ])("says nothing for %s", (_what, text) => {
    expect(ascendingDayOrder(text)).toBeNull();
  });

  it("ranks the reading that goes forward first, less sure than an order the document shows", () => {
    const dates = dateCandidates("Invoice Date Due Date 05/02/2026 06/01/2026");
    expect(dates.map((date) => [date.value, date.validity])).toEqual([
      ["2026-05-02", 0.85],
      ["2026-02-05", 0.15],
      ["2026-06-01", 0.85],
      ["2026-01-06", 0.15],
    ]);
  });
});

describe("vatCandidates on scans", () => {
  const read = (text: string) => vatCandidates(text).map((found) => [found.value, found.generator, found.validity]);

  it("reads an Irish prefix the OCR took for 1 or |, and a check letter it took for a digit, when the check holds", () => {
    expect(read("VAT Reg. No. 1E8510189M")).toEqual([["IE8510189M", "vat_ocr", 0.8]]);
    expect(read("VAT No. |E2953574L\tWEEE")).toEqual([["IE2953574L", "vat_ocr", 0.8]]);
    expect(read("VAT Reg. No. IE54967578")).toEqual([["IE5496757B", "vat_ocr", 0.8]]);
  });

  it("prefers the number as printed, and repairs nothing the check digits refuse", () => {
    expect(read("USt-IdNr. DE831227766")).toEqual([["DE831227766", "vat", 1]]);
    expect(read("VAT Reg. No. 1E8510189Q and IE54967579")).toEqual([]);
  });
});

describe("unprefixedVatCandidates", () => {
  const after = (text: string, label: string, hints: string[] = []) =>
    values(unprefixedVatCandidates(text, [text.indexOf(label) + label.length], hints));

  it("reads a Spanish NIF printed without ES after its label", () => {
    expect(after("NIF: A28015865\nCalle Mayor 1", "NIF")).toEqual(["ESA28015865"]);
  });

  it("reads a British VAT registration number printed in groups without GB", () => {
    expect(after("VAT Reg No 980 7806 84\nLondon", "VAT Reg No")).toEqual(["GB980780684"]);
  });

  it("tries the hinted country (the IBAN's) first", () => {
    // 0411905847 is valid in Belgium; the hint decides before any other country is tried.
    expect(after("TVA 0411.905.847", "TVA", ["BE"])).toEqual(["BE0411905847"]);
  });

  it("leaves prefixed numbers to vatCandidates, and refuses check digits that match nowhere", () => {
    expect(after("NIF: ESA28015865", "NIF")).toEqual([]);
    expect(after("NIF: 0000000001", "NIF")).toEqual([]);
    expect(after("VAT No: none", "VAT No")).toEqual([]);
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
