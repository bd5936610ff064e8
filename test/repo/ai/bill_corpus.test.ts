import { isValidIBAN } from "ibantools";
import { checkVAT, countries } from "jsvat";
import { readPdf } from "../../../sync_bridge/src/intake/pdf_text";
import { BILL_LAYOUTS, billDataset, generateBills, type GeneratedBill } from "../../support/ai/corpus";
import { decimalOf } from "../../support/ai/bill_format";

/** The PDF's text layer as the intake worker reads it, whitespace (no-break spaces too) as plain spaces. */
async function pdfText(pdf: Uint8Array): Promise<{ text: string; pages: number }> {
  const doc = await readPdf(pdf.slice());
  return { text: doc.text.replace(/\s/g, " "), pages: doc.pages.length };
}

const SEED = 20261205;
let train: GeneratedBill[] = [];
let heldout: GeneratedBill[] = [];

beforeAll(async () => {
  train = await generateBills(SEED, 12, "train");
  heldout = await generateBills(SEED, 9, "heldout");
});

describe("generated vendor bills", () => {
  test("at least five layouts of our own, and held-out layouts never appear in training", () => {
    expect(BILL_LAYOUTS.length).toBeGreaterThanOrEqual(5);
    const heldoutLayouts = new Set(BILL_LAYOUTS.filter((layout) => layout.split === "heldout").map((layout) => layout.name));
    expect(heldoutLayouts.size).toBeGreaterThanOrEqual(2);
    expect(train.filter((bill) => heldoutLayouts.has(bill.layout))).toEqual([]);
    expect(new Set(heldout.map((bill) => bill.layout))).toEqual(heldoutLayouts);
    expect(new Set(train.map((bill) => bill.layout)).size).toBe(BILL_LAYOUTS.length - heldoutLayouts.size);
  });

  test("every vendor has a VAT number and an IBAN that independent validators accept", () => {
    for (const bill of [...train, ...heldout]) {
      const vat = checkVAT(bill.expect.partner_vat, countries);
      expect({ id: bill.id, vat: bill.expect.partner_vat, valid: vat.isValid }).toEqual({
        id: bill.id,
        vat: bill.expect.partner_vat,
        valid: true,
      });
      expect({ id: bill.id, iban: bill.expect.partner_iban, valid: isValidIBAN(bill.expect.partner_iban) }).toEqual({
        id: bill.id,
        iban: bill.expect.partner_iban,
        valid: true,
      });
    }
  });

  test("lines, taxes and totals agree to the cent, and the expected amounts are normalized", () => {
    for (const { data, expect: fields } of [...train, ...heldout]) {
      expect(data.lines.every((line) => line.amountCents === line.quantity * line.unitCents)).toBe(true);
      expect(data.taxes.reduce((sum, group) => sum + group.baseCents, 0)).toBe(data.untaxedCents);
      for (const group of data.taxes) expect(group.taxCents).toBe(Math.round((group.baseCents * group.rate) / 100));
      expect(data.untaxedCents + data.taxCents).toBe(data.totalCents);
      expect(fields.amount_total).toBe(decimalOf(data.totalCents));
      for (const amount of [fields.amount_untaxed, fields.amount_tax, fields.amount_total])
        expect(amount).toMatch(/^\d+\.\d{2}$/);
      expect(fields.invoice_date <= fields.due_date).toBe(true);
      expect(fields.partner_vat).toMatch(/^[A-Z]{2}[0-9A-Z]+$/);
    }
  });

  test("each PDF's own text layer shows the invoice number and the total as the layout prints it", async () => {
    for (const bill of [...train, ...heldout]) {
      const { text, pages } = await pdfText(bill.pdf);
      expect(pages).toBe(bill.pageCount);
      const shown = {
        id: bill.id,
        number: text.includes(bill.expect.invoice_number),
        total: text.includes(bill.printedTotal.replace(/\s/g, " ")),
      };
      expect(shown).toEqual({ id: bill.id, number: true, total: true });
    }
  });

  test("the Spanish held-out layout runs over several pages", () => {
    const multipage = heldout.filter((bill) => bill.layout === "factura_es_multipage");
    expect(multipage.length).toBeGreaterThan(0);
    for (const bill of multipage) expect(bill.pageCount).toBeGreaterThanOrEqual(2);
  });

  test("a seed always gives the same bills, byte for byte", async () => {
    const again = await generateBills(SEED, 3, "train");
    expect(again.map((bill) => bill.expect)).toEqual(train.slice(0, 3).map((bill) => bill.expect));
    expect(Buffer.from(again[0]?.pdf ?? []).equals(Buffer.from(train[0]?.pdf ?? [1]))).toBe(true);
  });

  test("the dataset for Odoo's renderer has unique ids and the same expectations as the rendered bills", () => {
    const dataset = billDataset(SEED, 12);
    expect(new Set(dataset.map((entry) => entry.id)).size).toBe(24);
    expect(dataset.filter((entry) => entry.split === "train").map((entry) => entry.expect)).toEqual(
      train.map((bill) => bill.expect),
    );
  });
});
