/**
 * Bill layouts in Spanish and German, written blind after real vendors' bills as the held-out set of
 * 2026-12-05; training layouts since they were measured and inspected: a Spanish "factura" with its
 * header band and tax summary, and an Austrian tradesman's "Rechnung" (service period,
 * carried-forward subtotals between pages, cash discount terms).
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { A4, MARGIN, RIGHT, TOP, daysBetween, noiseDigits, noiseOf, rateOf, room } from "./bill_print";
import { HANDWERK_AT } from "./bill_sectors";

/** Spanish "factura": a bordered header band, the CIF without its country prefix, "Total a pagar". */
export const facturaEsTotalPagar: BillLayout = {
  name: "factura_es_total_pagar",
  split: "train",
  language: "es",
  countries: ["ES"],
  lineCount: [1, 14],
  amountStyle: "de",
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `${printedAmount(cents, "de")} €`;
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const noise = noiseOf(bill, 3);
    const cif = bill.vendor.vat.replace(/^ES/, "");
    canvas.text("FACTURA", MARGIN, TOP - 10, { size: 24, bold: true });
    canvas.text(bill.vendor.name, RIGHT, TOP, { bold: true, size: 11, align: "right" });
    canvas.text(`CIF: ${cif}`, RIGHT, TOP - 13, { align: "right" });
    canvas.text(bill.vendor.street, RIGHT, TOP - 25, { align: "right" });
    canvas.text(bill.vendor.city, RIGHT, TOP - 37, { align: "right" });
    canvas.text(`Tel. ${bill.vendor.phone} · ${bill.vendor.email}`, RIGHT, TOP - 49, { align: "right", size: 8 });
    canvas.box(MARGIN, TOP - 140, 250, 72);
    canvas.text("DATOS DEL CLIENTE", MARGIN + 8, TOP - 80, { bold: true, size: 8 });
    canvas.text(bill.buyer.name, MARGIN + 8, TOP - 94);
    canvas.text(bill.buyer.street, MARGIN + 8, TOP - 106);
    canvas.text(bill.buyer.city, MARGIN + 8, TOP - 118);
    canvas.text(`NIF-IVA: ${bill.buyer.vat}`, MARGIN + 8, TOP - 131, { size: 8 });
    const band = [
      { label: "Nº FACTURA", width: 105 },
      { label: "FECHA", width: 80 },
      { label: "Nº PEDIDO", width: 90 },
      { label: "FORMA DE PAGO", width: 120 },
      { label: "VENCIMIENTO", width: 100 },
    ];
    const values = [
      bill.invoiceNumber,
      date(bill.invoiceDate),
      `PED-${noiseDigits(noise, 5)}`,
      "Transferencia",
      date(bill.dueDate),
    ];
    canvas.table(band, [values], TOP - 160, { x: MARGIN, borders: "grid", size: 8 });
    const rows = bill.lines.map((line) => [
      noiseDigits(noise, 6),
      line.description,
      String(line.quantity),
      printedAmount(line.unitCents, "de"),
      "0,00",
      printedAmount(line.amountCents, "de"),
    ]);
    const columns = [
      { label: "CÓDIGO", width: 55 },
      { label: "DESCRIPCIÓN", width: 200 },
      { label: "CANT.", width: 40, align: "right" as const },
      { label: "PRECIO", width: 70, align: "right" as const },
      { label: "DTO. %", width: 45, align: "right" as const },
      { label: "IMPORTE", width: 85, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 215, { x: MARGIN, borders: "stripes", size: 8 });
    y = room(canvas, y, 170) - 20;
    const summary = bill.taxes.map((group) => [
      printedAmount(group.baseCents, "de"),
      `${rateOf(group.rate, ",")} %`,
      printedAmount(group.taxCents, "de"),
    ]);
    const taxColumns = [
      { label: "BASE IMPONIBLE", width: 90, align: "right" as const },
      { label: "% IVA", width: 45, align: "right" as const },
      { label: "CUOTA IVA", width: 80, align: "right" as const },
    ];
    canvas.table(taxColumns, summary, y, { x: MARGIN, borders: "grid", size: 8 });
    canvas.pair("Base imponible", money(bill.untaxedCents), 345, RIGHT, y - 10);
    canvas.pair("Total IVA", money(bill.taxCents), 345, RIGHT, y - 23);
    canvas.box(340, y - 75, RIGHT - 340 + 5, 40);
    canvas.text("TOTAL A PAGAR", 348, y - 50, { bold: true, size: 9 });
    canvas.text(money(bill.totalCents), RIGHT - 4, y - 68, { bold: true, size: 15, align: "right" });
    y -= 105;
    canvas.text(
      `Forma de pago: transferencia bancaria a la cuenta ${printedIban(bill.vendor.iban)} antes del ${date(bill.dueDate)}.`,
      MARGIN,
      y,
      { size: 8.5 },
    );
    const city = bill.vendor.city.replace(/^\d+ /, "");
    canvas.text(
      "Sus datos se tratan conforme al Reglamento (UE) 2016/679 para la gestión de la relación comercial.",
      MARGIN,
      MARGIN + 12,
      { size: 6.5, grey: true },
    );
    canvas.text(
      `${bill.vendor.name} · Inscrita en el Registro Mercantil de ${city}, Tomo ${noiseDigits(noise, 5)}, Folio ${1 + noise(200)} · NIF ${bill.vendor.vat}`,
      MARGIN,
      MARGIN,
      { size: 6.5, grey: true },
    );
  },
};

/** Austrian tradesman: "Leistungszeitraum", "Übertrag" between pages, "Rechnungsbetrag", Skonto terms. */
export const rechnungAtHandwerk: BillLayout = {
  name: "rechnung_at_handwerk",
  split: "train",
  language: "de",
  countries: ["AT"],
  lineCount: [3, 34],
  amountStyle: "de",
  sector: HANDWERK_AT,
  draw(canvas: BillCanvas, bill: BillData) {
    const euro = (cents: number) => `€ ${printedAmount(cents, "de")}`;
    const date = (iso: string) => printedDate(iso, "dmy_dot");
    const noise = noiseOf(bill, 4);
    const letterhead = (c: BillCanvas) => {
      c.text(bill.vendor.name, A4[0] / 2, TOP, { size: 15, bold: true, align: "center" });
      c.text("Heizung · Sanitär · Elektro · Kundendienst", A4[0] / 2, TOP - 14, { size: 8, align: "center", grey: true });
    };
    letterhead(canvas);
    canvas.text(`${bill.vendor.name}, ${bill.vendor.street}, ${bill.vendor.city}`, MARGIN, TOP - 62, { size: 6.5 });
    canvas.rule(MARGIN, TOP - 65, 260, 0.3);
    canvas.text("Firma", MARGIN, TOP - 80);
    canvas.text(bill.buyer.name, MARGIN, TOP - 92);
    canvas.text(bill.buyer.street, MARGIN, TOP - 104);
    canvas.text(bill.buyer.city, MARGIN, TOP - 116);
    const start = addDays(bill.invoiceDate, -(12 + noise(20)));
    const info: [string, string][] = [
      ["Rechnungsnummer", bill.invoiceNumber],
      ["Rechnungsdatum", date(bill.invoiceDate)],
      ["Kundennummer", noiseDigits(noise, 5)],
      ["Auftrag vom", date(addDays(start, -(3 + noise(10))))],
      ["Leistungszeitraum", `${date(start)} - ${date(addDays(start, 2 + noise(8)))}`],
      ["Ihre UID-Nummer", bill.buyer.vat],
      ["Sachbearbeiter", "Ing. M. Steiner"],
    ];
    info.forEach(([label, value], i) => {
      canvas.text(label, 330, TOP - 62 - 12 * i, { size: 8 });
      canvas.text(value, RIGHT, TOP - 62 - 12 * i, { size: 8, align: "right" });
    });
    canvas.text("RECHNUNG", MARGIN, TOP - 170, { size: 16, bold: true });
    canvas.text(`Bauvorhaben: ${bill.buyer.street}, ${bill.buyer.city}`, MARGIN, TOP - 186);
    const x = { pos: MARGIN, qty: MARGIN + 55, unit: MARGIN + 62, text: MARGIN + 95, price: RIGHT - 85, total: RIGHT };
    const header = (y: number) => {
      canvas.text("Pos.", x.pos, y, { bold: true, size: 8 });
      canvas.text("Menge", x.qty, y, { bold: true, size: 8, align: "right" });
      canvas.text("Einh.", x.unit, y, { bold: true, size: 8 });
      canvas.text("Bezeichnung", x.text, y, { bold: true, size: 8 });
      canvas.text("EP", x.price, y, { bold: true, size: 8, align: "right" });
      canvas.text("GP", x.total, y, { bold: true, size: 8, align: "right" });
      canvas.rule(MARGIN, y - 4, RIGHT, 0.8);
      return y - 16;
    };
    let y = header(TOP - 215);
    let carried = 0;
    /** Carries the running total to a new page, as "Übertrag" at the foot of one page and the head of the next. */
    const carryOver = (tableFollows: boolean) => {
      canvas.rule(MARGIN, y + 8, RIGHT, 0.3);
      canvas.pair("Übertrag", euro(carried), x.price - 60, RIGHT, y - 4, { size: 8, bold: true });
      canvas.newPage();
      letterhead(canvas);
      canvas.text(`Rechnung ${bill.invoiceNumber} vom ${date(bill.invoiceDate)}`, MARGIN, TOP - 40, { size: 8 });
      canvas.pair("Übertrag", euro(carried), x.price - 60, RIGHT, TOP - 55, { size: 8, bold: true });
      y = tableFollows ? header(TOP - 75) : TOP - 75;
    };
    bill.lines.forEach((line, i) => {
      if (y < MARGIN + 95) carryOver(true);
      const unit = / \(([^)]+)\)$/.exec(line.description)?.[1] ?? "Stk.";
      canvas.text(`${i + 1}.`, x.pos, y, { size: 8 });
      canvas.text(String(line.quantity), x.qty, y, { size: 8, align: "right" });
      canvas.text(unit, x.unit, y, { size: 8 });
      canvas.text(line.description.replace(/ \([^)]+\)$/, ""), x.text, y, { size: 8 });
      canvas.text(printedAmount(line.unitCents, "de"), x.price, y, { size: 8, align: "right" });
      canvas.text(printedAmount(line.amountCents, "de"), x.total, y, { size: 8, align: "right" });
      carried += line.amountCents;
      y -= 14;
    });
    if (y < MARGIN + 200) carryOver(false);
    canvas.rule(MARGIN, y + 6, RIGHT, 0.3);
    y -= 10;
    canvas.pair("Summe netto", euro(bill.untaxedCents), 330, RIGHT, y);
    for (const group of bill.taxes)
      canvas.pair(
        `zzgl. ${rateOf(group.rate, ",")} % USt. von ${euro(group.baseCents)}`,
        euro(group.taxCents),
        330,
        RIGHT,
        (y -= 13),
      );
    canvas.box(325, y - 32, RIGHT - 320, 22);
    canvas.pair("Rechnungsbetrag", euro(bill.totalCents), 330, RIGHT - 4, (y -= 26), { bold: true, size: 10.5 });
    const skontoDate = addDays(bill.invoiceDate, 7);
    const skonto = Math.round(bill.totalCents * 0.02);
    y -= 40;
    canvas.text(
      `Zahlungsziel: ${daysBetween(bill.invoiceDate, bill.dueDate)} Tage netto, fällig am ${date(bill.dueDate)}.`,
      MARGIN,
      y,
    );
    canvas.text(`Bei Zahlung bis ${date(skontoDate)} gewähren wir 2 % Skonto (${euro(skonto)}).`, MARGIN, y - 12);
    canvas.text("Die Ware bleibt bis zur vollständigen Bezahlung unser Eigentum. Wir danken für Ihren Auftrag!", MARGIN, y - 30, {
      size: 8,
    });
    const pages = canvas.doc.getPages();
    pages.forEach((page, i) => {
      canvas.page = page;
      canvas.rule(MARGIN, MARGIN + 42, RIGHT, 0.3);
      const columns: string[][] = [
        [bill.vendor.name, bill.vendor.street, bill.vendor.city, `Tel. ${bill.vendor.phone}`],
        [`UID: ${bill.vendor.vat}`, `FN ${noiseDigits(noiseOf(bill, 5), 6)} k`, "Landesgericht Linz", bill.vendor.email],
        ["Raiffeisenbank", `IBAN: ${printedIban(bill.vendor.iban)}`, "BIC: RZOOAT2L", `Seite ${i + 1} von ${pages.length}`],
      ];
      columns.forEach((lines, column) =>
        lines.forEach((text, row) => canvas.text(text, MARGIN + 170 * column, MARGIN + 30 - 10 * row, { size: 6.5 })),
      );
    });
  },
};
