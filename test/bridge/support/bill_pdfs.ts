/**
 * Vendor bills written as PDFs with pdf-lib, in layouts unlike each other (label orders, date
 * formats, languages, decimal commas). The test knows the expected fields because it wrote them.
 */
import Big from "big.js";
import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from "pdf-lib";

export interface BillLine {
  description: string;
  quantity: number;
  unitPrice: string;
}

/** What a bill says, normalized as the worker must propose it. */
export interface BillSpec {
  partnerName: string;
  partnerVat: string;
  partnerIban: string;
  invoiceNumber: string;
  invoiceDate: string;
  dueDate: string;
  currency: string;
  taxRate: number;
  lines: BillLine[];
}

export interface BillTotals {
  untaxed: string;
  tax: string;
  total: string;
  lineAmounts: string[];
}

export function totalsOf(spec: BillSpec): BillTotals {
  const lineAmounts = spec.lines.map((line) => new Big(line.unitPrice).times(line.quantity).toFixed(2));
  const untaxed = lineAmounts.reduce((sum, amount) => sum.plus(amount), new Big(0));
  const tax = untaxed.times(spec.taxRate).div(100).round(2);
  return { untaxed: untaxed.toFixed(2), tax: tax.toFixed(2), total: untaxed.plus(tax).toFixed(2), lineAmounts };
}

/** The expected fields, by name. */
export function expectedFields(spec: BillSpec): Record<string, string> {
  const totals = totalsOf(spec);
  return {
    partner_name: spec.partnerName,
    partner_vat: spec.partnerVat,
    partner_iban: spec.partnerIban,
    invoice_number: spec.invoiceNumber,
    invoice_date: spec.invoiceDate,
    due_date: spec.dueDate,
    currency: spec.currency,
    amount_untaxed: totals.untaxed,
    amount_tax: totals.tax,
    amount_total: totals.total,
  };
}

/** "1234.5" → "1,234.50" (en), "1.234,50" (de), "1 234,50" (fr). */
export function printAmount(value: string, style: "en" | "de" | "fr"): string {
  const [whole = "0", cents = "00"] = new Big(value).toFixed(2).split(".");
  const group = { en: ",", de: ".", fr: " " }[style];
  const decimal = style === "en" ? "." : ",";
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, group)}${decimal}${cents}`;
}

class Sheet {
  private page: PDFPage;
  constructor(
    doc: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.page = doc.addPage([595, 842]);
  }
  /** Writes `text` with its top-left corner `top` points under the top of the page. */
  text(value: string, x: number, top: number, size = 10): void {
    this.page.drawText(value, { x, y: 842 - top - size, size, font: this.font });
  }
  right(value: string, xRight: number, top: number, size = 10): void {
    this.text(value, xRight - this.font.widthOfTextAtSize(value, size), top, size);
  }
}

async function render(draw: (sheet: Sheet) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  draw(new Sheet(doc, font));
  return doc.save();
}

/** Where a layout draws its table: the header's labels, the columns' positions, the number style. */
interface TableLayout {
  top: number;
  headers: [string, string, string, string];
  /** Left edge of the description; the three numbers are right-aligned at the other columns. */
  columns: [number, number, number, number];
  style: "en" | "de" | "fr";
  suffix?: string;
  /** Draws a "Pos." column at this x, before the description. */
  positionX?: number;
}

/** Draws the header and one row per line; returns where the rows end. */
function drawTable(s: Sheet, spec: BillSpec, totals: BillTotals, layout: TableLayout): number {
  const [descX, qtyRight, priceRight, amountRight] = layout.columns;
  const money = (value: string) => `${printAmount(value, layout.style)}${layout.suffix ?? ""}`;
  if (layout.positionX !== undefined) s.text("Pos.", layout.positionX, layout.top);
  s.text(layout.headers[0], descX, layout.top);
  s.right(layout.headers[1], qtyRight, layout.top);
  s.right(layout.headers[2], priceRight, layout.top);
  s.right(layout.headers[3], amountRight, layout.top);
  spec.lines.forEach((line, index) => {
    const top = layout.top + 18 + index * 16;
    if (layout.positionX !== undefined) s.text(String(index + 1), layout.positionX, top);
    s.text(line.description, descX, top);
    s.right(String(line.quantity), qtyRight, top);
    s.right(money(line.unitPrice), priceRight, top);
    s.right(money(totals.lineAmounts[index] as string), amountRight, top);
  });
  return layout.top + 18 + spec.lines.length * 16;
}

const iso = (date: string) => date.split("-").map(Number) as [number, number, number];
const EN_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const ES_MONTHS = [
  "enero",
  "febrero",
  "marzo",
  "abril",
  "mayo",
  "junio",
  "julio",
  "agosto",
  "septiembre",
  "octubre",
  "noviembre",
  "diciembre",
];

/** English, labels left of their values, "Dec 31, 2024", 1,234.56, a "Bill to" block with the customer's VAT. */
export function englishBill(spec: BillSpec): Promise<Uint8Array> {
  const totals = totalsOf(spec);
  const [y, m, d] = iso(spec.invoiceDate);
  const [dy, dm, dd] = iso(spec.dueDate);
  return render((s) => {
    s.text(spec.partnerName, 50, 40, 16);
    s.text("12 Harbour Road, Bristol BS1 4DJ", 50, 62);
    s.text(
      `VAT No: ${spec.partnerVat.slice(0, 2)} ${spec.partnerVat.slice(2, 5)} ${spec.partnerVat.slice(5, 9)} ${spec.partnerVat.slice(9)}`,
      50,
      76,
    );
    s.right("INVOICE", 545, 40, 20);
    s.text("Invoice No:", 330, 100);
    s.text(spec.invoiceNumber, 430, 100);
    s.text("Invoice Date:", 330, 114);
    s.text(`${EN_MONTHS[m - 1]?.slice(0, 3)} ${d}, ${y}`, 430, 114);
    s.text("Due Date:", 330, 128);
    s.text(`${EN_MONTHS[dm - 1]} ${dd}, ${dy}`, 430, 128);
    s.text("Bill to:", 50, 100);
    s.text("Acme Trading SAS", 50, 114);
    s.text("VAT: FR40303265045", 50, 128);
    const top =
      drawTable(s, spec, totals, {
        top: 180,
        headers: ["Description", "Qty", "Unit Price", "Amount"],
        columns: [50, 330, 430, 545],
        style: "en",
      }) + 12;
    s.text("Subtotal", 360, top);
    s.right(printAmount(totals.untaxed, "en"), 545, top);
    s.text(`VAT ${spec.taxRate}%`, 360, top + 16);
    s.right(printAmount(totals.tax, "en"), 545, top + 16);
    s.text("Total due", 360, top + 32, 12);
    s.right(`£${printAmount(totals.total, "en")}`, 545, top + 32, 12);
    s.text(`IBAN: ${spec.partnerIban.replace(/(.{4})/g, "$1 ").trim()}`, 50, top + 80);
    s.text("Payment within 30 days. Thank you for your business.", 50, top + 96);
  });
}

/** French, "31/12/2024", decimal commas with spaces, "Total HT / TVA / Total TTC", € after amounts. */
export function frenchBill(spec: BillSpec): Promise<Uint8Array> {
  const totals = totalsOf(spec);
  const fr = (date: string) => date.split("-").reverse().join("/");
  return render((s) => {
    s.text("FACTURE", 50, 40, 22);
    s.text(`Facture N° ${spec.invoiceNumber}`, 50, 70);
    s.text(`Date de facture : ${fr(spec.invoiceDate)}`, 50, 84);
    s.text(`Date d'échéance : ${fr(spec.dueDate)}`, 50, 98);
    s.text(spec.partnerName, 330, 40, 12);
    s.text("8 rue des Lilas, 69002 Lyon", 330, 56);
    s.text(`N° TVA : ${spec.partnerVat}`, 330, 70);
    s.text("Client :", 330, 110);
    s.text("Müller Maschinenbau GmbH", 330, 124);
    s.text("USt-IdNr. DE136695976", 330, 138);
    const top =
      drawTable(s, spec, totals, {
        top: 180,
        headers: ["Désignation", "Qté", "Prix unitaire", "Montant"],
        columns: [50, 300, 420, 545],
        style: "fr",
        suffix: " €",
      }) + 12;
    s.text("Total HT", 360, top);
    s.right(`${printAmount(totals.untaxed, "fr")} €`, 545, top);
    s.text(`TVA ${spec.taxRate} %`, 360, top + 16);
    s.right(`${printAmount(totals.tax, "fr")} €`, 545, top + 16);
    s.text("Total TTC", 360, top + 32, 12);
    s.right(`${printAmount(totals.total, "fr")} €`, 545, top + 32, 12);
    s.text(`Règlement par virement - IBAN ${spec.partnerIban.replace(/(.{4})/g, "$1 ").trim()}`, 50, top + 80);
  });
}

/** German, labels in a header row with the values under them, "31.12.2024", 1.234,56 EUR, totals first-column labels. */
export function germanBill(spec: BillSpec): Promise<Uint8Array> {
  const totals = totalsOf(spec);
  const de = (date: string) => date.split("-").reverse().join(".");
  return render((s) => {
    s.right(spec.partnerName, 545, 40, 14);
    s.right("Industriestraße 5, 70565 Stuttgart", 545, 58);
    s.right(`USt-IdNr.: ${spec.partnerVat}`, 545, 72);
    s.text("Rechnung", 50, 110, 18);
    s.text("Rechnungsnummer", 50, 140);
    s.text("Rechnungsdatum", 200, 140);
    s.text("Fällig am", 350, 140);
    s.text(spec.invoiceNumber, 50, 156);
    s.text(de(spec.invoiceDate), 200, 156);
    s.text(de(spec.dueDate), 350, 156);
    const top =
      drawTable(s, spec, totals, {
        top: 200,
        headers: ["Bezeichnung", "Menge", "Einzelpreis", "Betrag"],
        columns: [90, 330, 430, 545],
        style: "de",
        positionX: 50,
      }) + 12;
    s.text("Nettobetrag", 50, top);
    s.right(`${printAmount(totals.untaxed, "de")} EUR`, 545, top);
    s.text(`zzgl. MwSt. ${spec.taxRate}%`, 50, top + 16);
    s.right(`${printAmount(totals.tax, "de")} EUR`, 545, top + 16);
    s.text("Gesamtbetrag", 50, top + 32, 12);
    s.right(`${printAmount(totals.total, "de")} EUR`, 545, top + 32, 12);
    s.text("Bankverbindung:", 50, top + 80);
    s.text(`IBAN ${spec.partnerIban.replace(/(.{4})/g, "$1 ").trim()}`, 50, top + 94);
    s.text("BIC COBADEFFXXX", 300, top + 94);
  });
}

/** Spanish, "31 de diciembre de 2024", labels above values in a box, "Base imponible / IVA / Total factura". */
export function spanishBill(spec: BillSpec): Promise<Uint8Array> {
  const totals = totalsOf(spec);
  const es = (date: string) => {
    const [y, m, d] = iso(date);
    return `${d} de ${ES_MONTHS[m - 1]} de ${y}`;
  };
  return render((s) => {
    s.text(spec.partnerName, 50, 40, 14);
    s.text(`NIF: ${spec.partnerVat}`, 50, 58);
    s.text("Calle Mayor 10, 28013 Madrid", 50, 72);
    s.right("FACTURA", 545, 40, 18);
    s.right(`Factura nº: ${spec.invoiceNumber}`, 545, 64);
    s.text(`Fecha de emisión: ${es(spec.invoiceDate)}`, 50, 110);
    s.text(`Fecha de vencimiento: ${es(spec.dueDate)}`, 50, 124);
    const top =
      drawTable(s, spec, totals, {
        top: 170,
        headers: ["Concepto", "Unidades", "Precio", "Importe"],
        columns: [50, 330, 430, 545],
        style: "de",
      }) + 12;
    s.text("Base imponible", 330, top);
    s.text(`IVA (${spec.taxRate}%)`, 330, top + 16);
    s.text("Total factura", 330, top + 32);
    s.right(`${printAmount(totals.untaxed, "de")} €`, 545, top);
    s.right(`${printAmount(totals.tax, "de")} €`, 545, top + 16);
    s.right(`${printAmount(totals.total, "de")} €`, 545, top + 32);
    s.text(`Forma de pago: transferencia a ${spec.partnerIban}`, 50, top + 70);
  });
}
