/**
 * More training layouts: a Spanish bill that runs over several pages, a Swiss bill with its payment
 * part, and an American-style bill with month-first dates. They were the first held-out set; having been
 * looked at while the extractor was built, they train now. They bring the `NIF` printed without its
 * country prefix, Swiss apostrophe grouping, the totals box above the lines, striped rows, and US dates.
 */
import { A4, MARGIN, type BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";

const RIGHT = A4[0] - MARGIN;
const TOP = A4[1] - MARGIN;

/** Spanish, many lines over several pages, the header repeated and the totals on the last page. */
export const facturaEsMultipage: BillLayout = {
  name: "factura_es_multipage",
  split: "train",
  language: "es",
  countries: ["ES"],
  lineCount: [40, 70],
  amountStyle: "de",
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `${printedAmount(cents, "de")} €`;
    const date = (iso: string) => printedDate(iso, "long_es");
    const pageHeader = (c: BillCanvas) => {
      c.text(`${bill.vendor.name} · Factura ${bill.invoiceNumber} (continuación)`, MARGIN, TOP, { size: 8, grey: true });
      return TOP - 20;
    };
    canvas.text("FACTURA", A4[0] / 2, TOP, { size: 18, bold: true, align: "center" });
    canvas.text(bill.vendor.name, MARGIN, TOP - 35, { bold: true, size: 11 });
    canvas.text(`NIF: ${bill.vendor.vat.replace(/^ES/, "")}`, MARGIN, TOP - 49);
    canvas.text(`${bill.vendor.street}, ${bill.vendor.city}`, MARGIN, TOP - 61);
    canvas.pair("Nº factura:", bill.invoiceNumber, 330, RIGHT, TOP - 35);
    canvas.pair("Fecha de emisión:", date(bill.invoiceDate), 330, RIGHT, TOP - 48);
    canvas.pair("Vencimiento:", date(bill.dueDate), 330, RIGHT, TOP - 61);
    canvas.text(`Cliente: ${bill.buyer.name}, ${bill.buyer.street}, ${bill.buyer.city}`, MARGIN, TOP - 90);
    const rows = bill.lines.map((line) => [
      line.description,
      String(line.quantity),
      printedAmount(line.unitCents, "de"),
      `${line.taxRate} %`,
      printedAmount(line.amountCents, "de"),
    ]);
    const columns = [
      { label: "Concepto", width: 220 },
      { label: "Uds.", width: 40, align: "right" as const },
      { label: "Precio", width: 80, align: "right" as const },
      { label: "IVA", width: 50, align: "right" as const },
      { label: "Importe", width: 105, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 110, { x: MARGIN, borders: "rules", size: 8, onNewPage: pageHeader });
    if (y < MARGIN + 120) {
      canvas.newPage();
      y = pageHeader(canvas);
    }
    y -= 20;
    canvas.pair("Base imponible", money(bill.untaxedCents), 330, RIGHT, y);
    for (const group of bill.taxes)
      canvas.pair(`IVA ${group.rate} % s/ ${printedAmount(group.baseCents, "de")}`, money(group.taxCents), 330, RIGHT, (y -= 13));
    canvas.pair("TOTAL FACTURA", money(bill.totalCents), 330, RIGHT, (y -= 18), { bold: true, size: 11 });
    canvas.text(`Forma de pago: transferencia a ${printedIban(bill.vendor.iban)}`, MARGIN, y - 30);
    const pages = canvas.doc.getPages();
    pages.forEach((page, i) => {
      canvas.page = page;
      canvas.text(`Página ${i + 1} de ${pages.length}`, RIGHT, MARGIN - 20, { size: 8, align: "right" });
    });
  },
};

/** Swiss: totals box above the lines, apostrophe grouping, the UID as printed, a payment part. */
export const swissPayment: BillLayout = {
  name: "swiss_payment",
  split: "train",
  language: "de",
  countries: ["CH"],
  lineCount: [1, 6],
  amountStyle: "ch",
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => printedAmount(cents, "ch");
    const date = (iso: string) => printedDate(iso, "dmy_dot");
    const uid = bill.vendor.vat.replace(/^CHE(\d{3})(\d{3})(\d{3})$/, "CHE-$1.$2.$3 MWST");
    canvas.text(bill.buyer.name, 330, TOP);
    canvas.text(bill.buyer.street, 330, TOP - 12);
    canvas.text(bill.buyer.city, 330, TOP - 24);
    canvas.text(bill.vendor.name, MARGIN, TOP, { bold: true });
    canvas.text(`${bill.vendor.street}, ${bill.vendor.city}`, MARGIN, TOP - 12, { size: 8 });
    canvas.text(uid, MARGIN, TOP - 24, { size: 8 });
    canvas.text(`Rechnung Nr. ${bill.invoiceNumber}`, MARGIN, TOP - 70, { size: 14, bold: true });
    canvas.text(`${bill.vendor.city.replace(/^\d+ /, "")}, ${date(bill.invoiceDate)}`, RIGHT, TOP - 70, { align: "right" });
    canvas.box(MARGIN, TOP - 150, RIGHT - MARGIN, 60);
    canvas.pair("Total exkl. MWST", `${bill.currency} ${money(bill.untaxedCents)}`, MARGIN + 10, RIGHT - 10, TOP - 105);
    canvas.pair("MWST", `${bill.currency} ${money(bill.taxCents)}`, MARGIN + 10, RIGHT - 10, TOP - 120);
    canvas.pair("Total inkl. MWST", `${bill.currency} ${money(bill.totalCents)}`, MARGIN + 10, RIGHT - 10, TOP - 138, {
      bold: true,
    });
    const rows = bill.lines.map((line) => [
      line.description,
      String(line.quantity),
      money(line.unitCents),
      `${line.taxRate}%`,
      money(line.amountCents),
    ]);
    const columns = [
      { label: "Artikel", width: 230 },
      { label: "Anz.", width: 40, align: "right" as const },
      { label: "Preis", width: 80, align: "right" as const },
      { label: "MWST", width: 45, align: "right" as const },
      { label: "Betrag", width: 100, align: "right" as const },
    ];
    canvas.table(columns, rows, TOP - 175, { x: MARGIN, borders: "none" });
    canvas.text(`Zahlbar bis ${date(bill.dueDate)}, 30 Tage netto.`, MARGIN, 250);
    canvas.rule(MARGIN - 20, 230, RIGHT + 20);
    canvas.text("Zahlteil", MARGIN, 210, { bold: true, size: 11 });
    canvas.text("Konto / Zahlbar an", MARGIN, 190, { bold: true, size: 7 });
    canvas.text(printedIban(bill.vendor.iban), MARGIN, 180);
    canvas.text(bill.vendor.name, MARGIN, 168);
    canvas.text("Währung", MARGIN, 140, { bold: true, size: 7 });
    canvas.text(bill.currency, MARGIN, 130);
    canvas.text("Betrag", MARGIN + 80, 140, { bold: true, size: 7 });
    canvas.text(money(bill.totalCents), MARGIN + 80, 130);
  },
};

/** American style: vendor block on the right, month-first dates, striped rows, "Balance Due". */
export const usBill: BillLayout = {
  name: "us_bill",
  split: "train",
  language: "en",
  countries: ["GB", "NL"],
  lineCount: [2, 12],
  amountStyle: "en",
  draw(canvas: BillCanvas, bill: BillData) {
    const symbol = bill.currency === "GBP" ? "£" : "€";
    const money = (cents: number) => `${symbol}${printedAmount(cents, "en")}`;
    const date = (iso: string) => printedDate(iso, "us");
    canvas.box(MARGIN, TOP - 50, 120, 55, true);
    canvas.text("LOGO", MARGIN + 60, TOP - 25, { size: 14, bold: true, align: "center", grey: true });
    canvas.text(bill.vendor.name, RIGHT, TOP, { bold: true, size: 12, align: "right" });
    canvas.text(bill.vendor.street, RIGHT, TOP - 14, { align: "right" });
    canvas.text(bill.vendor.city, RIGHT, TOP - 26, { align: "right" });
    canvas.text(`Tax ID ${bill.vendor.vat}`, RIGHT, TOP - 38, { align: "right" });
    canvas.text(`Bill # ${bill.invoiceNumber}`, MARGIN, TOP - 90, { size: 12, bold: true });
    canvas.text(`Bill Date: ${date(bill.invoiceDate)}`, MARGIN, TOP - 105);
    canvas.text(`Terms: Net ${Math.round((Date.parse(bill.dueDate) - Date.parse(bill.invoiceDate)) / 86400000)}`, 230, TOP - 105);
    canvas.text(`Due: ${date(bill.dueDate)}`, 400, TOP - 105);
    canvas.text(`Sold to: ${bill.buyer.name}`, MARGIN, TOP - 125);
    const rows = bill.lines.map((line) => [
      String(line.quantity),
      line.description,
      money(line.unitCents),
      money(line.amountCents),
    ]);
    const columns = [
      { label: "QTY", width: 40 },
      { label: "ITEM", width: 265 },
      { label: "RATE", width: 90, align: "right" as const },
      { label: "AMOUNT", width: 100, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 145, { x: MARGIN, borders: "stripes" }) - 20;
    canvas.text(`Subtotal ${money(bill.untaxedCents)}`, MARGIN, y);
    const tax = bill.taxes.map((group) => `${group.rate}% ${money(group.taxCents)}`).join(", ");
    canvas.text(`Sales tax (VAT): ${tax}`, MARGIN, (y -= 13));
    canvas.text(`Balance Due ${money(bill.totalCents)}`, MARGIN, (y -= 20), { bold: true, size: 13 });
    canvas.text(`Wire to ${printedIban(bill.vendor.iban)}. Thank you for your business!`, MARGIN, (y -= 30));
  },
};
