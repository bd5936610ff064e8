/**
 * The evidence-quote check: a quote counts only when it is in the document (whitespace and case
 * aside) and the local validators read the provider's value back from it.
 */
import { checkQuote, fold, locateQuote, valueFromQuote } from "../../../../sync_bridge/src/intake/providers/quote_check";

const TEXT =
  "Northwind Supplies Ltd\tINVOICE\nVAT No: GB 980 7806 84\nInvoice Date:\tDec 31, 2024\nTotal due\t£1,234.56\n" +
  "IBAN: GB29 NWBK 6016 1331 9268 19\nContact: Ana Ruiz <ana@northwind.example>, +44 20 7946 0958\nQty 40";
const document = { original: TEXT, folded: fold(TEXT) };

describe("locating a quote", () => {
  it("finds a quote written with other whitespace and case, at its original offsets", () => {
    const where = locateQuote(document.folded, TEXT, "total DUE   £1,234.56");
    expect(where).not.toBeNull();
    expect(TEXT.slice(...(where as [number, number]))).toBe("Total due\t£1,234.56");
  });

  it("rejects a quote that is not in the document, even close to one that is", () => {
    expect(locateQuote(document.folded, TEXT, "Total due £1,234.65")).toBeNull();
    expect(locateQuote(document.folded, TEXT, "Amount payable: £1,234.56")).toBeNull();
    expect(locateQuote(document.folded, TEXT, " ")).toBeNull();
  });
});

describe("reading the value back from the quote", () => {
  it.each([
    ["amount", "1234.56", "Total due £1,234.56", "1234.56"],
    ["amount", "£1,234.56", "Total due £1,234.56", "1234.56"],
    ["decimal", "4500.00", "a budget of 4,500 EUR", "4500.00"],
    ["integer", "40", "Qty 40", "40"],
    ["date", "2024-12-31", "Invoice Date: Dec 31, 2024", "2024-12-31"],
    ["currency", "GBP", "Total due £1,234.56", "GBP"],
    ["iban", "GB29 NWBK 6016 1331 9268 19", "IBAN: GB29 NWBK 6016 1331 9268 19", "GB29NWBK60161331926819"],
    ["vat", "GB980780684", "VAT No: GB 980 7806 84", "GB980780684"],
    ["email", "Ana@Northwind.example", "Ana Ruiz <ana@northwind.example>", "ana@northwind.example"],
    ["phone", "+44 20 7946 0958", "Contact: +44 20 7946 0958", "+442079460958"],
    ["text", "Northwind Supplies", "Northwind Supplies Ltd", "Northwind Supplies"],
  ] as const)("%s %s is read from %j", (kind, value, quote, expected) => {
    expect(valueFromQuote(kind, value, quote)).toBe(expected);
  });

  it.each([
    ["amount", "1243.56", "Total due £1,234.56"],
    ["amount", "20.00", "VAT 20% 34.80"],
    ["decimal", "20.00", "a 20% discount on 4,500 EUR"],
    ["integer", "4", "Qty 40"],
    ["date", "2024-12-30", "Invoice Date: Dec 31, 2024"],
    ["currency", "EUR", "Total due £1,234.56"],
    ["iban", "GB29NWBK60161331926818", "IBAN: GB29 NWBK 6016 1331 9268 19"],
    ["vat", "GB980780685", "VAT No: GB 980 7806 84"],
    ["email", "bob@northwind.example", "Ana Ruiz <ana@northwind.example>"],
    ["text", "Southwind Supplies", "Northwind Supplies Ltd"],
  ] as const)("%s %s is not what %j says", (kind, value, quote) => {
    expect(valueFromQuote(kind, value, quote)).toBeNull();
  });
});

describe("checking a field's answer", () => {
  it("passes a value its quote supports, with the quote's place in the document", () => {
    const checked = checkQuote("amount", "1234.56", "total due £1,234.56", document);
    expect(checked).toEqual({
      ok: true,
      value: "1234.56",
      raw: "Total due\t£1,234.56",
      start: TEXT.indexOf("Total"),
      end: TEXT.indexOf("\nIBAN"),
    });
  });

  it("fails a hallucinated quote, a value the quote does not say, and a missing quote, saying why", () => {
    expect(checkQuote("amount", "999.00", "Total due £999.00", document)).toEqual({
      ok: false,
      value: "999.00",
      why: "the quote is not in the document",
    });
    expect(checkQuote("date", "2025-12-31", "Dec 31, 2024", document)).toMatchObject({
      ok: false,
      why: 'the quote does not say "2025-12-31"',
    });
    expect(checkQuote("text", "Northwind", null, document)).toMatchObject({ ok: false, why: "no evidence quote" });
  });
});
