/**
 * Train bill layouts in English, written blind after real vendors' bills and held out in the third
 * measured set (measured once, then inspected and moved here): a seller's
 * invoice issued through an online B2B marketplace (an "Invoice details" grid of labelled cells, "Sold
 * by", "Order total", paid through the platform so no bank account of the seller's), and an Irish
 * caterer's "VAT invoice" for an event (centred letterhead, dates as "05-Mar-2026", "Nett" and "Gross").
 * The French, German and Spanish ones are in `bill_layouts_seen_v3_fr_de.ts`.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { A4, MARGIN, RIGHT, TOP, britishVat, daysBetween, noiseDigits, noiseOf, rateOf, room } from "./bill_print";
import type { BillSector } from "./bill_sectors";

const CATERING_IE: BillSector = {
  names: {
    IE: ["Oyster Quay Catering Ltd", "The Granary Events Ltd", "Marble City Kitchen Ltd", "Wild Atlantic Hospitality DAC"],
  },
  items: [
    ["Buffet lunch (per person)", 1450, 2900, 90],
    ["Tea, coffee and pastries (per person)", 450, 850, 90],
    ["Canapé reception (per person)", 1200, 2200, 90],
    ["Function room hire (day)", 25000, 60000, 2],
    ["House wine (bottle)", 2200, 3400, 30],
    ["Service staff (hours)", 2200, 3200, 40],
    ["AV equipment hire", 8000, 20000, 1],
  ],
};

/** A seller on a B2B marketplace: "Invoice details" grid, "Sold by", "Order total"; paid through the platform. */
export const marketplaceSellerEn: BillLayout = {
  name: "marketplace_seller_en",
  split: "train",
  language: "en",
  countries: ["GB", "IE"],
  lineCount: [1, 7],
  amountStyle: "en",
  omits: ["partner_iban"],
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `${bill.currency} ${printedAmount(cents, "en")}`;
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const noise = noiseOf(bill, 53);
    const order = `${noiseDigits(noise, 3)}-${noiseDigits(noise, 7)}-${noiseDigits(noise, 7)}`;
    const vat = bill.vendor.country === "GB" ? britishVat(bill.vendor.vat) : bill.vendor.vat;
    canvas.text("Tradewell Business", MARGIN, TOP, { size: 16, bold: true });
    canvas.text("marketplace", MARGIN + canvas.width("Tradewell Business ", { size: 16, bold: true }), TOP, {
      size: 16,
      grey: true,
    });
    canvas.text("Invoice", RIGHT, TOP, { size: 16, align: "right" });
    canvas.text(`Page 1 of 1 · Order # ${order}`, RIGHT, TOP - 14, { size: 7.5, grey: true, align: "right" });
    canvas.text("Invoice details", MARGIN, TOP - 50, { size: 11, bold: true });
    const cells: [string, string][] = [
      ["Invoice #", bill.invoiceNumber],
      ["Invoice date / Delivery date", date(bill.invoiceDate)],
      ["Payment due by", date(bill.dueDate)],
      ["Order #", order],
      ["Order date", date(addDays(bill.invoiceDate, -(1 + noise(4))))],
      ["Total payable", money(bill.totalCents)],
    ];
    const cellWidth = (RIGHT - MARGIN) / 3;
    cells.forEach(([label, value], i) => {
      const x = MARGIN + cellWidth * (i % 3);
      const top = TOP - 60 - 34 * Math.floor(i / 3);
      canvas.box(x, top - 34, cellWidth, 34);
      canvas.text(label, x + 6, top - 12, { size: 7, grey: true });
      canvas.text(value, x + 6, top - 26, { size: 9.5, bold: i === 0 || i === 5 });
    });
    const blocks: [string, string[]][] = [
      ["Sold by", [bill.vendor.name, bill.vendor.street, bill.vendor.city, `VAT registration number: ${vat}`]],
      ["Billing address", [bill.buyer.name, bill.buyer.street, bill.buyer.city, `VAT number: ${bill.buyer.vat}`]],
      ["Delivery address", [bill.buyer.name, "Goods in", bill.buyer.street, bill.buyer.city]],
    ];
    blocks.forEach(([title, lines], i) => {
      const x = MARGIN + cellWidth * i;
      canvas.text(title, x, TOP - 155, { size: 8.5, bold: true });
      lines.forEach((line, j) => canvas.text(line, x, TOP - 168 - 11 * j, { size: 8 }));
    });
    const rows = bill.lines.map((line) => [
      `${line.description} · SKU ${noiseDigits(noise, 8)}`,
      String(line.quantity),
      printedAmount(line.unitCents, "en"),
      `${rateOf(line.taxRate, ".")}%`,
      printedAmount(line.amountCents, "en"),
    ]);
    const columns = [
      { label: "Description", width: 205 },
      { label: "Qty", width: 30, align: "right" as const },
      { label: "Unit price (excl. VAT)", width: 95, align: "right" as const },
      { label: "VAT rate", width: 50, align: "right" as const },
      { label: "Item subtotal (excl. VAT)", width: A4[0] - 2 * MARGIN - 380, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 230, { x: MARGIN, borders: "stripes", size: 7.5 }) - 10;
    y = room(canvas, y, 150);
    canvas.text("VAT summary", MARGIN, y - 10, { size: 8.5, bold: true });
    bill.taxes.forEach((group, i) =>
      canvas.text(
        `${rateOf(group.rate, ".")}%  on ${printedAmount(group.baseCents, "en")}  =  ${printedAmount(group.taxCents, "en")}`,
        MARGIN,
        y - 24 - 11 * i,
        { size: 8 },
      ),
    );
    canvas.box(330, y - 82, RIGHT - 330, 78);
    canvas.pair("Total (excl. VAT)", money(bill.untaxedCents), 338, RIGHT - 8, y - 18, { size: 8.5 });
    canvas.pair("VAT", money(bill.taxCents), 338, RIGHT - 8, y - 32, { size: 8.5 });
    canvas.pair("Shipping", money(0), 338, RIGHT - 8, y - 46, { size: 8.5 });
    canvas.pair("Order total", money(bill.totalCents), 338, RIGHT - 8, y - 70, { size: 11, bold: true });
    y -= 110;
    canvas.text("Payment", MARGIN, y, { size: 8.5, bold: true });
    canvas.text(
      `Pay by invoice, ${daysBetween(bill.invoiceDate, bill.dueDate)} days. Pay through your Tradewell Business account (Payments > Open invoices);`,
      MARGIN,
      y - 12,
      { size: 8 },
    );
    canvas.text("do not pay the seller directly. Tradewell collects the payment on the seller's behalf.", MARGIN, y - 23, {
      size: 8,
    });
    canvas.rule(MARGIN, MARGIN + 22, RIGHT, 0.3);
    canvas.text(
      `This invoice is issued by ${bill.vendor.name} in its own name. Tradewell Marketplace Ltd, company no. 0${noiseDigits(noise, 7)}, operates the marketplace only.`,
      MARGIN,
      MARGIN + 10,
      { size: 6.5, grey: true },
    );
    canvas.text(`Questions about this order? Contact the seller: ${bill.vendor.email}`, MARGIN, MARGIN + 1, {
      size: 6.5,
      grey: true,
    });
  },
};

/** "05-Mar-2026", as accounting packages print dates. */
function shortDash(iso: string): string {
  const [day = "", month = "", year = ""] = printedDate(iso, "short_en").split(" ");
  return `${day.padStart(2, "0")}-${month}-${year}`;
}

/** Irish caterer: centred letterhead, "VAT INVOICE", event and covers, "Nett" / "VAT @ 23%" / "Gross", "Balance due". */
export const cateringInvoiceIe: BillLayout = {
  name: "catering_invoice_ie",
  split: "train",
  language: "en",
  countries: ["IE"],
  lineCount: [2, 7],
  amountStyle: "en",
  sector: CATERING_IE,
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `€${printedAmount(cents, "en")}`;
    const noise = noiseOf(bill, 59);
    const middle = A4[0] / 2;
    const covers = Math.max(...bill.lines.map((line) => (line.description.includes("person") ? line.quantity : 0)), 12);
    canvas.text(bill.vendor.name, middle, TOP, { size: 17, bold: true, align: "center" });
    canvas.text("Weddings · Corporate events · Private dining", middle, TOP - 15, { size: 8.5, grey: true, align: "center" });
    canvas.text(
      `${bill.vendor.street}, ${bill.vendor.city}  |  Tel ${bill.vendor.phone}  |  ${bill.vendor.email}`,
      middle,
      TOP - 27,
      {
        size: 7.5,
        align: "center",
      },
    );
    canvas.text(`VAT Reg. No. ${bill.vendor.vat}`, middle, TOP - 38, { size: 7.5, align: "center" });
    canvas.rule(MARGIN, TOP - 46, RIGHT, 1.2);
    canvas.text("VAT INVOICE", middle, TOP - 72, { size: 13, bold: true, align: "center" });
    canvas.text("To:", MARGIN, TOP - 100, { bold: true });
    [bill.buyer.name, "Attn: Office Manager", bill.buyer.street, bill.buyer.city].forEach((line, i) =>
      canvas.text(line, MARGIN + 25, TOP - 100 - 12 * i),
    );
    const facts: [string, string][] = [
      ["Invoice No:", bill.invoiceNumber],
      ["Date:", shortDash(bill.invoiceDate)],
      ["Account:", `${bill.buyer.name.slice(0, 4).toUpperCase()}${noiseDigits(noise, 3)}`],
      ["Event date:", shortDash(addDays(bill.invoiceDate, -(2 + noise(12))))],
      ["Covers:", String(covers)],
    ];
    facts.forEach(([label, value], i) => {
      canvas.text(label, 360, TOP - 100 - 12 * i, { bold: true });
      canvas.text(value, 430, TOP - 100 - 12 * i);
    });
    canvas.text(
      `Re: ${["Staff conference", "Client reception", "Board lunch", "Christmas party"][noise(4)]}`,
      MARGIN,
      TOP - 175,
      {
        bold: true,
      },
    );
    const rows = bill.lines.map((line) => [
      line.description,
      String(line.quantity),
      printedAmount(line.unitCents, "en"),
      printedAmount(line.amountCents, "en"),
    ]);
    const columns = [
      { label: "Item", width: 275 },
      { label: "No.", width: 50, align: "right" as const },
      { label: "Rate €", width: 80, align: "right" as const },
      { label: "Total €", width: A4[0] - 2 * MARGIN - 405, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 190, { x: MARGIN, borders: "grid" });
    y = room(canvas, y, 170) - 18;
    const label = 330;
    canvas.pair("Nett", money(bill.untaxedCents), label, RIGHT - 4, y);
    for (const group of bill.taxes)
      canvas.pair(`VAT @ ${rateOf(group.rate, ".")}%`, money(group.taxCents), label, RIGHT - 4, (y -= 14));
    canvas.rule(label, y - 6, RIGHT, 0.8);
    canvas.pair("Gross", money(bill.totalCents), label, RIGHT - 4, (y -= 20), { bold: true, size: 11 });
    canvas.pair("Balance due", money(bill.totalCents), label, RIGHT - 4, (y -= 16), { bold: true });
    y -= 40;
    canvas.text(
      `Terms: strictly ${daysBetween(bill.invoiceDate, bill.dueDate)} days. Payment due by ${shortDash(bill.dueDate)}.`,
      MARGIN,
      y,
    );
    canvas.text("Service charge not included. Gratuities at your discretion.", MARGIN, y - 12, { size: 8, grey: true });
    canvas.text("Bank details for EFT", MARGIN, y - 36, { bold: true });
    canvas.text(`Account name: ${bill.vendor.name}`, MARGIN, y - 49);
    canvas.text(`IBAN: ${printedIban(bill.vendor.iban)}    BIC: ${bill.vendor.iban.slice(4, 8)}IE2D`, MARGIN, y - 61);
    canvas.text(`Please quote invoice number ${bill.invoiceNumber} with your payment.`, MARGIN, y - 73);
    canvas.text("Thank you for your business!", middle, MARGIN + 20, { size: 9, align: "center", grey: true });
    canvas.text(
      `Registered in Ireland No. ${noiseDigits(noise, 6)}. Directors: ${["A. Byrne", "C. Walsh", "M. Doyle"][noise(3)]}, ${["S. Ryan", "P. Kelly"][noise(2)]}.`,
      middle,
      MARGIN + 8,
      {
        size: 6.5,
        grey: true,
        align: "center",
      },
    );
  },
};
