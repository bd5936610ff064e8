/**
 * A calibration bill layout in German, written blind after real vendors' bills and used only to fit the
 * field-confidence calibration: an online shop's "Rechnung" to a business customer, already paid by
 * PayPal, so it prints no due date; the shop's imprint and bank account in the footer.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { MARGIN, RIGHT, TOP, noiseDigits, noiseOf, rateOf, room } from "./bill_print";

/** German online shop (B2B): DIN 5008 information block, order number, paid by PayPal, "Gesamtsumme", imprint footer. */
export const rechnungShopDe: BillLayout = {
  name: "rechnung_shop_de",
  split: "calibration",
  language: "de",
  countries: ["DE"],
  lineCount: [1, 11],
  omits: ["due_date"],
  amountStyle: "de",
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `${printedAmount(cents, "de")} €`;
    const noise = noiseOf(bill, 13);
    const city = bill.vendor.city.replace(/^\d+ /, "");
    canvas.text(bill.vendor.name.replace(/ (GmbH|KG|OHG)$/, ""), MARGIN, TOP, { size: 18, bold: true });
    canvas.text("Ihr Online-Shop für Büro, Lager und Werkstatt", MARGIN, TOP - 14, { size: 8, grey: true });
    canvas.text(`${bill.vendor.name} · ${bill.vendor.street} · ${bill.vendor.city}`, MARGIN, TOP - 95, { size: 6.5 });
    canvas.rule(MARGIN, TOP - 98, MARGIN + 230, 0.3);
    [bill.buyer.name, "z. Hd. Kreditorenbuchhaltung", bill.buyer.street, bill.buyer.city].forEach((line, i) =>
      canvas.text(line, MARGIN, TOP - 112 - 12 * i),
    );
    const order = `${300 + (noise(99) + 1)}-${noiseDigits(noise, 7)}-${noiseDigits(noise, 7)}`;
    const info: [string, string][] = [
      ["Rechnungsnr.", bill.invoiceNumber],
      ["Rechnungsdatum", printedDate(bill.invoiceDate, "long_de")],
      ["Lieferdatum", "entspricht Rechnungsdatum"],
      ["Bestellnr.", order],
      ["Bestelldatum", printedDate(addDays(bill.invoiceDate, -2), "dmy_dot")],
      ["Kundennr.", noiseDigits(noise, 7)],
      ["Zahlungsart", "PayPal"],
    ];
    info.forEach(([label, value], i) => {
      canvas.text(`${label}:`, 340, TOP - 95 - 12 * i, { size: 8 });
      canvas.text(value, 420, TOP - 95 - 12 * i, { size: 8 });
    });
    canvas.text("Rechnung", MARGIN, TOP - 200, { size: 15, bold: true });
    canvas.text("Vielen Dank für Ihre Bestellung! Wir berechnen Ihnen folgende Artikel:", MARGIN, TOP - 218);
    const rows = bill.lines.map((line, i) => [
      String(i + 1),
      noiseDigits(noise, 8),
      line.description,
      String(line.quantity),
      money(line.unitCents),
      `${rateOf(line.taxRate, ",")} %`,
      money(line.amountCents),
    ]);
    const columns = [
      { label: "Pos.", width: 28 },
      { label: "Art.-Nr.", width: 55 },
      { label: "Artikel", width: 170 },
      { label: "Menge", width: 37, align: "right" as const },
      { label: "Einzelpreis netto", width: 80, align: "right" as const },
      { label: "MwSt.", width: 40, align: "right" as const },
      { label: "Gesamt netto", width: 85, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 232, { x: MARGIN, borders: "stripes", size: 8 });
    y = room(canvas, y, 190) - 20;
    canvas.pair("Zwischensumme netto", money(bill.untaxedCents), 340, RIGHT, y);
    canvas.pair("Versandkosten (netto)", money(0), 340, RIGHT, (y -= 12));
    for (const group of bill.taxes)
      canvas.pair(`zzgl. ${rateOf(group.rate, ",")} % MwSt.`, money(group.taxCents), 340, RIGHT, (y -= 12));
    if (bill.taxes.length > 1) canvas.pair("MwSt. gesamt", money(bill.taxCents), 340, RIGHT, (y -= 12));
    canvas.rule(340, y - 5, RIGHT, 0.8);
    canvas.pair("Gesamtsumme", money(bill.totalCents), 340, RIGHT, (y -= 18), { bold: true, size: 11 });
    y -= 36;
    canvas.text(
      `Der Rechnungsbetrag wurde am ${printedDate(bill.invoiceDate, "dmy_dot")} per PayPal beglichen (Transaktions-ID ${noiseDigits(noise, 4)}ABX${noiseDigits(noise, 9)}).`,
      MARGIN,
      y,
      { size: 8 },
    );
    canvas.text("Bitte überweisen Sie den Betrag nicht erneut. Es gelten unsere AGB.", MARGIN, y - 11, { size: 8 });
    const bank = `${city === "München" ? "Stadtsparkasse München" : `Sparkasse ${city}`}`;
    const columnsFooter: string[][] = [
      [bill.vendor.name, bill.vendor.street, bill.vendor.city, bill.vendor.phone],
      [
        `Geschäftsführer: ${["A. Kraus", "J. Hansen", "M. Weiß"][noise(3)] ?? ""}`,
        `Amtsgericht ${city} HRB ${noiseDigits(noise, 5)}`,
        `St.-Nr. ${noiseDigits(noise, 2)}/${noiseDigits(noise, 3)}/${noiseDigits(noise, 5)}`,
        `USt-IdNr. ${bill.vendor.vat}`,
      ],
      ["Bankverbindung", bank, `IBAN ${printedIban(bill.vendor.iban)}`, "BIC SPKADE2HXXX"],
    ];
    for (const [page, i] of canvas.doc.getPages().map((p, n) => [p, n] as const)) {
      canvas.page = page;
      canvas.rule(MARGIN, MARGIN + 36, RIGHT, 0.3);
      columnsFooter.forEach((lines, c) =>
        lines.forEach((line, l) => canvas.text(line, MARGIN + 170 * c, MARGIN + 27 - 9 * l, { size: 6.5, grey: true })),
      );
      canvas.text(`Seite ${i + 1}`, RIGHT, MARGIN - 12, { size: 6.5, grey: true, align: "right" });
    }
  },
};
