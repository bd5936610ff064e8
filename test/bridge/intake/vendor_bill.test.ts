/**
 * The vendor-bill extractor on PDFs written by the test in four layouts (label orders, date formats,
 * languages, decimal commas): every field of the contract, the lines, the cross-field checks and
 * the evidence boxes.
 */
import { readPdf } from "../../../sync_bridge/src/intake/pdf_text";
import { plainDocument } from "../../../sync_bridge/src/intake/document";
import type { ProposedField } from "../../../sync_bridge/src/intake/result";
import { extractVendorBill } from "../../../sync_bridge/src/intake/vendor_bill";
import { englishBill, expectedFields, frenchBill, germanBill, spanishBill, totalsOf, type BillSpec } from "../support/bill_pdfs";

const SPECS: Record<string, { spec: BillSpec; make: (spec: BillSpec) => Promise<Uint8Array> }> = {
  "English, labels left of values, Dec 31, 2024, 1,234.56 £": {
    make: englishBill,
    spec: {
      partnerName: "Northwind Supplies Ltd",
      partnerVat: "GB980780684",
      partnerIban: "GB29NWBK60161331926819",
      invoiceNumber: "INV-2024-0042",
      invoiceDate: "2024-12-31",
      dueDate: "2025-01-30",
      currency: "GBP",
      taxRate: 20,
      lines: [
        { description: "Steel brackets", quantity: 12, unitPrice: "14.50" },
        { description: "Assembly service", quantity: 3, unitPrice: "1250.00" },
      ],
    },
  },
  "French, 31/12/2024, 1 234,56 €, Total HT/TVA/TTC": {
    make: frenchBill,
    spec: {
      partnerName: "Fournitures Dupont SAS",
      partnerVat: "FR40303265045",
      partnerIban: "FR7630006000011234567890189",
      invoiceNumber: "F-2024/118",
      invoiceDate: "2024-11-05",
      dueDate: "2024-12-05",
      currency: "EUR",
      taxRate: 20,
      lines: [
        { description: "Ramettes papier A4", quantity: 40, unitPrice: "4.35" },
        { description: "Toner laser noir", quantity: 6, unitPrice: "89.90" },
        { description: "Livraison", quantity: 1, unitPrice: "1215.00" },
      ],
    },
  },
  "German, header row over values, 31.12.2024, 1.234,56 EUR": {
    make: germanBill,
    spec: {
      partnerName: "Müller Maschinenbau GmbH",
      partnerVat: "DE136695976",
      partnerIban: "DE89370400440532013000",
      invoiceNumber: "RE-88123",
      invoiceDate: "2025-02-03",
      dueDate: "2025-03-05",
      currency: "EUR",
      taxRate: 19,
      lines: [
        { description: "Hydraulikpumpe HP-200", quantity: 2, unitPrice: "1849.00" },
        { description: "Wartungsvertrag 12 Monate", quantity: 1, unitPrice: "960.00" },
      ],
    },
  },
  "Spanish, 31 de diciembre de 2024, Base imponible/IVA/Total factura": {
    make: spanishBill,
    spec: {
      partnerName: "Suministros Iberia S.L.",
      partnerVat: "ESA28015865",
      partnerIban: "ES9121000418450200051332",
      invoiceNumber: "2024-0457",
      invoiceDate: "2024-12-31",
      dueDate: "2025-01-31",
      currency: "EUR",
      taxRate: 21,
      lines: [{ description: "Consultoría técnica", quantity: 15, unitPrice: "75.00" }],
    },
  },
};

const byName = (fields: ProposedField[]) => new Map(fields.map((field) => [field.name, field]));

describe("extractVendorBill on text PDFs", () => {
  it.each(Object.keys(SPECS))("reads every field of the %s layout", async (layout) => {
    const { spec, make } = SPECS[layout] as (typeof SPECS)[string];
    const document = await readPdf(await make(spec));
    const bill = extractVendorBill(document);
    const fields = byName(bill.fields);
    const read = Object.fromEntries([...fields].map(([name, field]) => [name, (field as { value: string }).value]));
    expect(read).toEqual(expectedFields(spec));
    for (const field of bill.fields) {
      expect(field.confidence).toBeGreaterThan(0.4);
      expect(field.confidence).toBeLessThanOrEqual(1);
      expect(field.candidates[0]?.value).toBe(field.value);
      // Every field points at a box of page 1 holding its printed text.
      expect(field.evidence).toMatchObject({ page: 1 });
    }
    const totals = totalsOf(spec);
    expect(bill.lines.map((line) => [line.description, line.quantity, line.amount])).toEqual(
      spec.lines.map((line, index) => [line.description, line.quantity, Number(totals.lineAmounts[index])]),
    );
    expect(bill.checks).toEqual([
      expect.objectContaining({ name: "untaxed_plus_tax_equals_total", ok: true }),
      expect.objectContaining({ name: "lines_sum_equals_untaxed", ok: true }),
    ]);
  });

  it("keeps the customer's VAT number as a lower candidate, not the vendor's", async () => {
    const { spec } = SPECS["English, labels left of values, Dec 31, 2024, 1,234.56 £"] as (typeof SPECS)[string];
    const bill = extractVendorBill(await readPdf(await englishBill(spec)));
    const vat = byName(bill.fields).get("partner_vat");
    expect(vat?.candidates.map((candidate) => candidate.value)).toEqual(["GB980780684", "FR40303265045"]);
    expect(vat?.candidates[1]?.confidence).toBeLessThan(0.3);
  });

  it("puts the evidence box of the total where the test drew it", async () => {
    const { spec } = SPECS["German, header row over values, 31.12.2024, 1.234,56 EUR"] as (typeof SPECS)[string];
    const bill = extractVendorBill(await readPdf(await germanBill(spec)));
    const total = byName(bill.fields).get("amount_total");
    // Drawn right-aligned at x 545, 32 points under the untaxed line, which is 230 + 2 × 16 from the top.
    const evidence = total?.evidence as { page: number; box: number[] };
    expect(evidence.box[2]).toBeCloseTo(545, 0);
    expect(evidence.box[1]).toBeGreaterThanOrEqual(230 + 32 + 32 - 1);
    expect(evidence.box[3]).toBeLessThanOrEqual(230 + 32 + 32 + 13);
  });
});

describe("cross-field checks", () => {
  it("lowers the amounts' confidence when untaxed + tax ≠ total", () => {
    const good = extractVendorBill(plainDocument("ACME Ltd\nSubtotal: 100.00\nVAT: 20.00\nTotal: 120.00"));
    const bad = extractVendorBill(plainDocument("ACME Ltd\nSubtotal: 100.00\nVAT: 20.00\nTotal: 125.00"));
    expect(good.checks).toEqual([expect.objectContaining({ ok: true })]);
    expect(bad.checks).toEqual([
      { name: "untaxed_plus_tax_equals_total", ok: false, detail: "100.00 + 20.00 = 120.00; total read: 125.00" },
    ]);
    for (const name of ["amount_untaxed", "amount_tax", "amount_total"]) {
      const before = byName(good.fields).get(name)?.confidence ?? 0;
      const after = byName(bad.fields).get(name)?.confidence ?? 1;
      expect(after).toBeLessThanOrEqual(before * 0.5 + 0.001);
    }
  });

  it("lowers the untaxed amount and the lines when the lines do not add up", () => {
    const text = (last: string) =>
      `Description\tQty\tUnit price\tAmount\nWidget\t2\t10.00\t20.00\nGadget\t1\t${last}\t${last}\nSubtotal\t50.00\nVAT\t10.00\nTotal\t60.00`;
    const good = extractVendorBill(plainDocument(text("30.00")));
    const bad = extractVendorBill(plainDocument(text("35.00")));
    expect(good.checks.find((check) => check.name === "lines_sum_equals_untaxed")?.ok).toBe(true);
    expect(bad.checks.find((check) => check.name === "lines_sum_equals_untaxed")).toEqual({
      name: "lines_sum_equals_untaxed",
      ok: false,
      detail: "2 lines sum to 55.00; untaxed read: 50.00",
    });
    expect(byName(bad.fields).get("amount_untaxed")?.confidence).toBeLessThan(
      byName(good.fields).get("amount_untaxed")?.confidence ?? 0,
    );
    expect(bad.lines[0]?.confidence).toBeLessThan(good.lines[0]?.confidence ?? 0);
  });

  it("prefers the candidates that add up over a closer figure that does not", () => {
    // "Total" is nearest to 999.00 (a reference), but only 120.00 makes the sum.
    const bill = extractVendorBill(plainDocument("Subtotal: 100.00\nVAT: 20.00\nTotal: 999.00 ref\nAmount due: 120.00"));
    expect(byName(bill.fields).get("amount_total")?.value).toBe("120.00");
    expect(bill.checks[0]?.ok).toBe(true);
  });
});

describe("bills as vendors print them", () => {
  it("adds up one tax amount per rate into the tax, with the two amounts as its evidence", () => {
    const text =
      "Weber OHG\nNettobetrag\t1.000,00 EUR\nzzgl. 19 % USt.\t133,00 EUR\nzzgl. 7 % USt.\t21,00 EUR\nRechnungsbetrag\t1.154,00 EUR";
    const bill = extractVendorBill(plainDocument(text));
    const tax = byName(bill.fields).get("amount_tax");
    expect(tax).toMatchObject({ value: "154.00", generator: "tax_sum", raw: "133,00 EUR + 21,00 EUR" });
    expect(tax?.evidence).toEqual({ span: [text.indexOf("133,00"), text.indexOf("21,00 EUR") + "21,00 EUR".length] });
    expect(byName(bill.fields).get("amount_total")?.value).toBe("1154.00");
    expect(bill.checks[0]).toMatchObject({ name: "untaxed_plus_tax_equals_total", ok: true });
    expect(byName(bill.fields).get("partner_name")?.value).toBe("Weber OHG");
  });

  it("sums the tax amounts, not the bases printed next to them, one line per rate", () => {
    const text =
      "Base imponible\t1.500,00 €\nIVA 21 % s/ 1.000,00\t210,00 €\nIVA 10 % s/ 500,00\t50,00 €\nTOTAL FACTURA\t1.760,00 €";
    const bill = extractVendorBill(plainDocument(text));
    expect(byName(bill.fields).get("amount_tax")).toMatchObject({ value: "260.00", generator: "tax_sum" });
    expect(bill.checks[0]).toMatchObject({ name: "untaxed_plus_tax_equals_total", ok: true });
  });

  it("sums several rates printed on one line, and knows Bill # and Balance Due", () => {
    const bill = extractVendorBill(
      plainDocument("Bill # RE-15945\nSubtotal £1,000.00\nSales tax (VAT): 20% £150.00, 5% £25.00\nBalance Due £1,175.00"),
    );
    expect(Object.fromEntries(bill.fields.map((field) => [field.name, field.value]))).toMatchObject({
      invoice_number: "RE-15945",
      amount_untaxed: "1000.00",
      amount_tax: "175.00",
      amount_total: "1175.00",
    });
  });

  it("reads a VAT number printed without its prefix in the IBAN's country", () => {
    const bill = extractVendorBill(plainDocument("Suministros Iberia S.L.\nNIF: A28015865\nIBAN ES91 2100 0418 4502 0005 1332"));
    expect(byName(bill.fields).get("partner_vat")).toMatchObject({ value: "ESA28015865", generator: "vat_unprefixed" });
  });

  it("takes the number after the title when OCR lost its label's #, below a labelled one", () => {
    const lost = extractVendorBill(plainDocument("Bill\tF2026/4072\nSubtotal 10.00"));
    expect(byName(lost.fields).get("invoice_number")).toMatchObject({ value: "F2026/4072", generator: "invoice_title" });
    const both = extractVendorBill(plainDocument("Factura RE-1 (continuación)\nNº factura: RE-2"));
    expect(byName(both.fields).get("invoice_number")?.value).toBe("RE-2");
    expect(byName(extractVendorBill(plainDocument("Invoice\nBill to: ACME")).fields).get("invoice_number")).toBeUndefined();
  });

  it("reads a tax label run into its rate, as OCR prints TVA21%", () => {
    const bill = extractVendorBill(plainDocument("Total HT\t100,00\nTVA21%\t21,00\nTotal TTC\t121,00"));
    expect(byName(bill.fields).get("amount_tax")?.value).toBe("21.00");
  });

  it("falls back on the IBAN country's currency, weakly, when no currency can be read", () => {
    const bill = extractVendorBill(plainDocument("Base imponible 100,00\nIBAN ES91 2100 0418 4502 0005 1332"));
    const currency = byName(bill.fields).get("currency");
    expect(currency).toMatchObject({ value: "EUR", generator: "currency_iban" });
    expect(currency?.confidence).toBeLessThanOrEqual(0.3);
    const printed = extractVendorBill(plainDocument("Total 100,00 CHF\nIBAN ES91 2100 0418 4502 0005 1332"));
    expect(byName(printed.fields).get("currency")?.value).toBe("CHF");
  });

  it("reads totals printed in a sentence by the rate the bill prints", () => {
    const bill = extractVendorBill(
      plainDocument(
        "Analyst time\t12 @ £78.09\t£937.08\nWorkshop\t2 @ £1,244.12\t£2,488.24\n" +
          "Total fees for the period amount to £3,425.32, plus VAT at 20% of £685.06, making a total of\n£4,110.38 now due.",
      ),
    );
    expect(Object.fromEntries(bill.fields.map((field) => [field.name, field.value]))).toMatchObject({
      amount_untaxed: "3425.32",
      amount_tax: "685.06",
      amount_total: "4110.38",
    });
    expect(bill.checks[0]).toMatchObject({ name: "untaxed_plus_tax_equals_total", ok: true });
  });

  it("leaves the buyer's own VAT number to the buyer", () => {
    const bill = extractVendorBill(
      plainDocument("Hansen GmbH\nIhre USt-IdNr.\tDE136695976\nUSt-IdNr.\tDE811907980\nBruttobetrag\t119,00 EUR"),
    );
    expect(byName(bill.fields).get("partner_vat")?.value).toBe("DE811907980");
    expect(byName(bill.fields).get("amount_total")?.value).toBe("119.00");
  });

  it("spells the vendor as the bill does in mixed case, and prefers the account holder of its IBAN", () => {
    const bill = extractVendorBill(
      plainDocument(
        "MARLOWE STRATEGY LTD\nThe Finance Director\nRheinland Handel GmbH\n31st August 2026\nYours faithfully,\nMarlowe Strategy Ltd\n" +
          "Pay Marlowe Strategy Ltd · IBAN GB29 NWBK 6016 1331 9268 19",
      ),
    );
    expect(byName(bill.fields).get("partner_name")?.value).toBe("Marlowe Strategy Ltd");
    expect(byName(bill.fields).get("invoice_date")?.value).toBe("2026-08-31");
  });

  it("keeps a name OCR spaced out around its ampersand in one piece", () => {
    const bill = extractVendorBill(plainDocument("Weißer\t&\tSöhne OHG\nAm Markt 7\nRechnung Nr. 17"));
    expect(byName(bill.fields).get("partner_name")?.value).toBe("Weißer & Söhne OHG");
  });

  it("never reads a zero balance as the untaxed amount, however well 0.00 + x = x adds up", () => {
    const bill = extractVendorBill(
      plainDocument(
        "Balance brought forward\t€0.00\nAmount due\t€390.67\nTotal charges before VAT\t€317.62\nVAT at 23% on €317.62\t€73.05\nInvoice total\t€390.67",
      ),
    );
    expect(Object.fromEntries(bill.fields.map((field) => [field.name, field.value]))).toMatchObject({
      amount_untaxed: "317.62",
      amount_tax: "73.05",
      amount_total: "390.67",
    });
  });

  it("knows Belgian HTVA and TVAC, and the Spanish Total IVA", () => {
    const belgian = extractVendorBill(plainDocument("Total HTVA\t2.249,65 €\nTotal TVA\t315,31 €\nTotal TVAC\t2.564,96 €"));
    const spanish = extractVendorBill(plainDocument("Base imponible\t100,00 €\nTotal IVA\t21,00 €\nTOTAL A PAGAR\n121,00 €"));
    for (const [bill, values] of [
      [belgian, ["2249.65", "315.31", "2564.96"]],
      [spanish, ["100.00", "21.00", "121.00"]],
    ] as const)
      expect(["amount_untaxed", "amount_tax", "amount_total"].map((name) => byName(bill.fields).get(name)?.value)).toEqual(
        values,
      );
  });

  it("knows the direct debit date as the due date", () => {
    const bill = extractVendorBill(plainDocument("Fecha de emisión: 13/08/2026\nFecha de cargo: 12/10/2026"));
    expect(byName(bill.fields).get("due_date")?.value).toBe("2026-10-12");
  });

  it("does not sum tax lines that do not make the total", () => {
    const bill = extractVendorBill(plainDocument("Net\t100.00\nVAT 20 %\t20.00\nVAT 5 %\t5.00\nTotal\t130.00"));
    expect(byName(bill.fields).get("amount_tax")?.generator).not.toBe("tax_sum");
    expect(bill.checks[0]?.ok).toBe(false);
  });

  it("reads the currency from an ISO code printed apart when no amount carries one", () => {
    const bill = extractVendorBill(
      plainDocument("Description\tAmount (GBP)\nPaper\t10.00\nSubtotal\t10.00\nVAT\t2.00\nTotal GBP\t12.00"),
    );
    const currency = byName(bill.fields).get("currency");
    expect(currency).toMatchObject({ value: "GBP", generator: "currency_code" });
    expect(currency?.confidence).toBeLessThanOrEqual(0.6);
    expect(extractVendorBill(plainDocument("Subtotal 10.00\nTotal 12.00")).fields.map((f) => f.name)).not.toContain("currency");
  });

  it("knows Issued, Pay by, Net, Tax and Gross, and leaves a due date next to its label to the due date", () => {
    const bill = extractVendorBill(
      plainDocument("Pay by 2026-02-12\nDocument: INV-77\nIssued: 2026-01-13\nNet\t100.00\nTax\t21.00\nGross\t121.00"),
    );
    const read = Object.fromEntries(bill.fields.map((field) => [field.name, field.value]));
    expect(read).toMatchObject({
      invoice_number: "INV-77",
      invoice_date: "2026-01-13",
      due_date: "2026-02-12",
      amount_untaxed: "100.00",
      amount_tax: "21.00",
      amount_total: "121.00",
    });
  });
});
