/**
 * The bill layouts the training set uses: four vendors' ways of printing a bill, none of them Odoo's.
 * They differ in language, labels, field order, date and amount formats, table borders and where the
 * totals sit.
 */
import { A4, MARGIN, type BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";

const RIGHT = A4[0] - MARGIN;
const TOP = A4[1] - MARGIN;

function rate(value: number, decimal: "," | "."): string {
  return String(value).replace(".", decimal);
}

/** British style: title top right, bordered table, totals bottom right, identifiers in the footer. */
export const classicEn: BillLayout = {
  name: "classic_en",
  split: "train",
  language: "en",
  countries: ["GB", "NL"],
  lineCount: [2, 8],
  amountStyle: "en",
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => printedAmount(cents, "en");
    const date = (iso: string) => printedDate(iso, "long_en");
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 15, bold: true });
    canvas.text(bill.vendor.street, MARGIN, TOP - 18);
    canvas.text(bill.vendor.city, MARGIN, TOP - 30);
    canvas.text("INVOICE", RIGHT, TOP, { size: 22, bold: true, align: "right" });
    canvas.pair("Invoice No.", bill.invoiceNumber, 380, RIGHT, TOP - 40);
    canvas.pair("Invoice Date", date(bill.invoiceDate), 380, RIGHT, TOP - 53);
    canvas.pair("Due Date", date(bill.dueDate), 380, RIGHT, TOP - 66);
    canvas.text("Bill to", MARGIN, TOP - 80, { bold: true });
    canvas.text(bill.buyer.name, MARGIN, TOP - 93);
    canvas.text(bill.buyer.street, MARGIN, TOP - 105);
    canvas.text(bill.buyer.city, MARGIN, TOP - 117);
    const rows = bill.lines.map((line) => [
      line.description,
      String(line.quantity),
      money(line.unitCents),
      `${line.taxRate}%`,
      money(line.amountCents),
    ]);
    const columns = [
      { label: "Description", width: 225 },
      { label: "Qty", width: 45, align: "right" as const },
      { label: "Unit price", width: 80, align: "right" as const },
      { label: "VAT", width: 45, align: "right" as const },
      { label: `Amount (${bill.currency})`, width: 100, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 150, { x: MARGIN, borders: "grid" }) - 20;
    canvas.pair("Subtotal", money(bill.untaxedCents), 380, RIGHT, y);
    for (const group of bill.taxes) canvas.pair(`VAT ${group.rate}%`, money(group.taxCents), 380, RIGHT, (y -= 13));
    canvas.rule(380, y - 5, RIGHT);
    canvas.pair(`Total ${bill.currency}`, money(bill.totalCents), 380, RIGHT, (y -= 20), { bold: true, size: 11 });
    canvas.text(`VAT Reg. No. ${bill.vendor.vat}`, MARGIN, MARGIN + 24, { size: 8, grey: true });
    canvas.text(`Bank: IBAN ${printedIban(bill.vendor.iban)}`, MARGIN, MARGIN + 12, { size: 8, grey: true });
    canvas.text(`Questions? ${bill.vendor.phone} · ${bill.vendor.email}`, MARGIN, MARGIN, { size: 8, grey: true });
  },
};

/** German DIN 5008 letter: sender line over the address window, info block, rules between rows. */
export const rechnungDe: BillLayout = {
  name: "rechnung_de",
  split: "train",
  language: "de",
  countries: ["DE"],
  lineCount: [1, 10],
  amountStyle: "de",
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => printedAmount(cents, "de");
    const date = (iso: string) => printedDate(iso, "dmy_dot");
    canvas.text(bill.vendor.name, RIGHT, TOP, { size: 13, bold: true, align: "right" });
    canvas.text(`${bill.vendor.name} · ${bill.vendor.street} · ${bill.vendor.city}`, MARGIN, TOP - 70, { size: 7, grey: true });
    canvas.text(bill.buyer.name, MARGIN, TOP - 85);
    canvas.text(bill.buyer.street, MARGIN, TOP - 97);
    canvas.text(bill.buyer.city, MARGIN, TOP - 109);
    canvas.pair("Rechnungs-Nr.:", bill.invoiceNumber, 370, RIGHT, TOP - 70);
    canvas.pair("Rechnungsdatum:", date(bill.invoiceDate), 370, RIGHT, TOP - 83);
    canvas.pair("Zahlbar bis:", date(bill.dueDate), 370, RIGHT, TOP - 96);
    canvas.text(`Rechnung ${bill.invoiceNumber}`, MARGIN, TOP - 160, { size: 13, bold: true });
    canvas.text("Sehr geehrte Damen und Herren, wir berechnen Ihnen wie folgt:", MARGIN, TOP - 180);
    const rows = bill.lines.map((line, i) => [
      String(i + 1),
      line.description,
      String(line.quantity),
      money(line.unitCents),
      `${rate(line.taxRate, ",")} %`,
      money(line.amountCents),
    ]);
    const columns = [
      { label: "Pos.", width: 35 },
      { label: "Bezeichnung", width: 215 },
      { label: "Menge", width: 45, align: "right" as const },
      { label: "Einzelpreis", width: 75, align: "right" as const },
      { label: "USt.", width: 40, align: "right" as const },
      { label: "Gesamt €", width: 85, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 195, { x: MARGIN, borders: "rules" }) - 18;
    canvas.pair("Nettobetrag", `${money(bill.untaxedCents)} ${bill.currency}`, 340, RIGHT, y);
    for (const group of bill.taxes)
      canvas.pair(`zzgl. ${rate(group.rate, ",")} % USt.`, `${money(group.taxCents)} ${bill.currency}`, 340, RIGHT, (y -= 13));
    canvas.pair("Rechnungsbetrag", `${money(bill.totalCents)} ${bill.currency}`, 340, RIGHT, (y -= 18), { bold: true });
    canvas.text(`Bitte überweisen Sie den Betrag bis zum ${date(bill.dueDate)} ohne Abzug.`, MARGIN, y - 30);
    canvas.rule(MARGIN, MARGIN + 36, RIGHT);
    canvas.text(bill.vendor.street, MARGIN, MARGIN + 24, { size: 7 });
    canvas.text(bill.vendor.city, MARGIN, MARGIN + 14, { size: 7 });
    canvas.text(`Tel. ${bill.vendor.phone}`, MARGIN, MARGIN + 4, { size: 7 });
    canvas.text(`USt-IdNr.: ${bill.vendor.vat}`, 220, MARGIN + 24, { size: 7 });
    canvas.text(`IBAN: ${printedIban(bill.vendor.iban)}`, 380, MARGIN + 24, { size: 7 });
  },
};

/** French two-column header, a grid table with tax per line, totals on the left. */
export const factureFr: BillLayout = {
  name: "facture_fr",
  split: "train",
  language: "fr",
  countries: ["FR", "BE"],
  lineCount: [1, 9],
  amountStyle: "fr",
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `${printedAmount(cents, "fr")} €`;
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    canvas.box(MARGIN, TOP - 90, 230, 100);
    canvas.text(bill.vendor.name, MARGIN + 8, TOP - 8, { size: 12, bold: true });
    canvas.text(bill.vendor.street, MARGIN + 8, TOP - 24);
    canvas.text(bill.vendor.city, MARGIN + 8, TOP - 36);
    canvas.text(`Tél. ${bill.vendor.phone}`, MARGIN + 8, TOP - 52);
    canvas.text(`N° TVA intracom. : ${bill.vendor.vat}`, MARGIN + 8, TOP - 68);
    canvas.text("FACTURE", RIGHT, TOP, { size: 20, bold: true, align: "right" });
    canvas.box(315, TOP - 90, RIGHT - 315, 65);
    canvas.text("Client", 323, TOP - 38, { bold: true });
    canvas.text(bill.buyer.name, 323, TOP - 52);
    canvas.text(bill.buyer.street, 323, TOP - 64);
    canvas.text(bill.buyer.city, 323, TOP - 76);
    canvas.text(`Facture n° ${bill.invoiceNumber} du ${date(bill.invoiceDate)}`, MARGIN, TOP - 120, { bold: true, size: 11 });
    canvas.text(`Échéance : ${date(bill.dueDate)}`, MARGIN, TOP - 135);
    const rows = bill.lines.map((line) => [
      line.description,
      String(line.quantity),
      printedAmount(line.unitCents, "fr"),
      `${rate(line.taxRate, ",")} %`,
      printedAmount(line.amountCents, "fr"),
    ]);
    const columns = [
      { label: "Désignation", width: 215 },
      { label: "Qté", width: 45, align: "right" as const },
      { label: "P.U. HT", width: 80, align: "right" as const },
      { label: "TVA", width: 50, align: "right" as const },
      { label: "Montant HT", width: 105, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 160, { x: MARGIN, borders: "grid" }) - 20;
    canvas.box(MARGIN, y - 14 - 13 * bill.taxes.length - 22, 220, 30 + 13 * bill.taxes.length + 14);
    canvas.pair("Total HT", money(bill.untaxedCents), MARGIN + 8, MARGIN + 212, (y -= 4));
    for (const group of bill.taxes)
      canvas.pair(`TVA ${rate(group.rate, ",")} %`, money(group.taxCents), MARGIN + 8, MARGIN + 212, (y -= 13));
    canvas.pair("Total TTC", money(bill.totalCents), MARGIN + 8, MARGIN + 212, (y -= 18), { bold: true });
    canvas.text("Conditions de paiement : virement à réception, pénalités de retard au taux légal.", MARGIN, MARGIN + 24, {
      size: 7,
    });
    canvas.text(`IBAN : ${printedIban(bill.vendor.iban)}`, MARGIN, MARGIN + 12, { size: 8 });
  },
};

/** A terse statement: the amount due first, then key-value pairs, the lines as a plain list. */
export const compactStatement: BillLayout = {
  name: "compact_statement",
  split: "train",
  language: "en",
  countries: ["NL", "DE", "BE"],
  lineCount: [1, 5],
  amountStyle: "plain",
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => printedAmount(cents, "plain");
    canvas.box(MARGIN, TOP - 50, RIGHT - MARGIN, 55, true);
    canvas.text(`AMOUNT DUE ${bill.currency} ${money(bill.totalCents)}`, MARGIN + 10, TOP - 22, { size: 16, bold: true });
    canvas.text(`Pay by ${printedDate(bill.dueDate, "iso")}`, RIGHT - 10, TOP - 22, { align: "right" });
    let y = TOP - 80;
    const pairs: [string, string][] = [
      ["Vendor", bill.vendor.name],
      ["VAT ID", bill.vendor.vat],
      ["Pay to IBAN", bill.vendor.iban],
      ["Document", bill.invoiceNumber],
      ["Issued", printedDate(bill.invoiceDate, "iso")],
      ["Customer", bill.buyer.name],
    ];
    for (const [label, value] of pairs) {
      canvas.text(`${label}:`, MARGIN, y, { grey: true });
      canvas.text(value, MARGIN + 90, y);
      y -= 13;
    }
    y -= 12;
    for (const line of bill.lines) {
      canvas.text(`${line.quantity} x ${line.description} @ ${money(line.unitCents)} (${line.taxRate}%)`, MARGIN, y);
      canvas.text(money(line.amountCents), RIGHT, y, { align: "right" });
      y -= 13;
    }
    canvas.rule(MARGIN, y + 4, RIGHT);
    canvas.pair("Net", money(bill.untaxedCents), 400, RIGHT, (y -= 10));
    canvas.pair("Tax", money(bill.taxCents), 400, RIGHT, (y -= 13));
    canvas.pair("Gross", money(bill.totalCents), 400, RIGHT, (y -= 13), { bold: true });
    canvas.text(`${bill.vendor.street}, ${bill.vendor.city} · ${bill.vendor.email}`, MARGIN, MARGIN, { size: 7, grey: true });
  },
};
