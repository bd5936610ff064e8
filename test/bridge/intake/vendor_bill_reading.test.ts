/**
 * How the vendor-bill extractor reads bills laid out as real vendors print them: the receiving
 * company's own name and VAT number are never the vendor's, labels stay on their line, a label in a
 * sentence is no label, dates of orders and deliveries are neither the invoice's nor the due date.
 */
import { plainDocument } from "../../../sync_bridge/src/intake/document";
import { extractVendorBill } from "../../../sync_bridge/src/intake/vendor_bill";

const valueOf = (text: string, field: string, buyer?: { name: string; vat: string | null }) =>
  extractVendorBill(plainDocument(text), { buyer }).fields.find((candidate) => candidate.name === field)?.value;

describe("the receiving company is never the vendor", () => {
  // A letter: the vendor's name on top, the customer's address block under it without a label.
  const letter = [
    "Lena Hoffmann Übersetzungen",
    "Lena Hoffmann Übersetzungen · Industriering 4a · 20095 Hamburg",
    "Northwind Trading Ltd",
    "VAT GB980780684",
    "5 Market Street",
    "Rechnung Nr. 2026-17 vom 16.08.2026",
    "USt-IdNr. DE831227766",
  ].join("\n");
  const buyer = { name: "Northwind Trading Ltd", vat: "GB 980 7806 84" };

  it("takes neither its name nor its VAT number, however it is spelled", () => {
    expect(valueOf(letter, "partner_name", buyer)).toBe("Lena Hoffmann Übersetzungen");
    expect(valueOf(letter, "partner_vat", buyer)).toBe("DE831227766");
  });

  it("reads the address block under the buyer's name as the customer's, also with no VAT known", () => {
    expect(valueOf(letter, "partner_vat", { name: buyer.name, vat: null })).toBe("DE831227766");
  });

  it("without the company, the same letter is misread: the knowledge is what makes the difference", () => {
    expect(valueOf(letter, "partner_name")).toBe("Northwind Trading Ltd");
  });
});

describe("labels as printed", () => {
  it("never joins a title to the column header under it", () => {
    const text = "FACTURA\nNº factura\tFecha\nA66329\t26/02/2026\nC.I.F. B84352244\nIBAN ES91 2100 0418 4502 0005 1332";
    expect(valueOf(text, "invoice_number")).toBe("A66329");
    expect(valueOf(text, "partner_vat")).toBe("ESB84352244");
  });

  it("reads a vendor label that starts its cell, not one inside a sentence", () => {
    const text =
      "Tradewell marketplace\nSold by: Thames Office Supplies Ltd\nDo not pay the seller directly. Tradewell collects the payment.";
    expect(valueOf(text, "partner_name")).toBe("Thames Office Supplies Ltd");
  });

  it("takes the mixed-case spelling of a name in capitals from anywhere on the bill", () => {
    const text = "TALLERES NAVARRO S.L.\nFactura nº 17\nTalleres Navarro S.L. Inscrita en el Registro Mercantil de Valencia";
    expect(valueOf(text, "partner_name")).toBe("Talleres Navarro S.L.");
  });

  it("takes the accents a scan's OCR dropped from a name where the bill prints them again", () => {
    const text = "Logistica del Sur S.L.\nFactura nº 17\nLogística del Sur S.L. · Registro Mercantil de Sevilla";
    expect(valueOf(text, "partner_name")).toBe("Logística del Sur S.L.");
    expect(valueOf("Logistica del Sur S.L.\nFactura nº 17\nLogistica del Sur S.L., Sevilla", "partner_name")).toBe(
      "Logistica del Sur S.L.",
    );
  });

  it("reads a fee note's number, and a title with its number in a cell of its own", () => {
    expect(valueOf("FEE NOTE\nOur Ref:\tDD/NOR/4076-009\nFee Note No:\tFAC-000990", "invoice_number")).toBe("FAC-000990");
    const cell = "Northwind Trading Ltd\nManchester M1 1AA\tInvoice 2026-2478\nInvoice Date\tDue Date";
    expect(valueOf(cell, "invoice_number")).toBe("2026-2478");
  });
});

describe("amounts as printed", () => {
  it("never takes a tax larger than any VAT rate of the untaxed amount, however the sums add up", () => {
    // Line amounts 187.82, 50.32 and 170.28 sum to the untaxed 408.42: 187.82 + (50.32 + 170.28 + 93.94) is no bill.
    const text = [
      "Invoice FAC-001384",
      "DESCRIPTION\tQUANTITY\tUNIT PRICE\tTAXES\tAMOUNT",
      "Priority support add-on\t1.00\t187.82\tVAT 23%\t187.82 €",
      "Team plan, per seat, monthly\t2.00\t25.16\tVAT 23%\t50.32 €",
      "Team plan, per seat, monthly\t12.00\t14.19\tVAT 23%\t170.28 €",
      "Untaxed Amount\t408.42 €",
      "VAT 23%\t93.94 €",
      "Total\t502.36 €",
    ].join("\n");
    expect([valueOf(text, "amount_untaxed"), valueOf(text, "amount_tax"), valueOf(text, "amount_total")]).toEqual([
      "408.42",
      "93.94",
      "502.36",
    ]);
  });
});

describe("dates as printed", () => {
  it("reads 18-Oct-2026 and a due date printed in a sentence", () => {
    const text =
      "Invoice No: RE-17388\nDate:\t18-Oct-2026\nEvent date:\t08-Oct-2026\nTerms: strictly 60 days. Payment due by 17-Dec-2026.";
    expect([valueOf(text, "invoice_date"), valueOf(text, "due_date")]).toEqual(["2026-10-18", "2026-12-17"]);
  });

  it("leaves an order or delivery date to itself", () => {
    const text = "Order date\t28/09/2026\nInvoice date\t30/09/2026";
    expect(valueOf(text, "invoice_date")).toBe("2026-09-30");
  });

  it("reads due dates written in French, German and Spanish sentences", () => {
    expect(valueOf("Date : 26/06/2026\nRèglement à 30 jours, soit au plus tard le 26/07/2026.", "due_date")).toBe("2026-07-26");
    expect(valueOf("Datum: 16.08.2026\nBitte überweisen Sie den Betrag bis zum 15.10.2026.", "due_date")).toBe("2026-10-15");
    expect(valueOf("Fecha: 26/02/2026\nVencimientos\n28/03/2026\t3.977,16 €", "due_date")).toBe("2026-03-28");
  });
});
