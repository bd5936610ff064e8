/**
 * Training layouts after real vendors' bills: a German wholesaler's B2B "Rechnung" in two columns (the
 * document data in a side column, the lines beside it) with "Bruttobetrag" and cash-discount terms, and a
 * Spanish utility's "Factura" with its consumption period, paid by direct debit from the customer's
 * account, so it prints the customer's masked IBAN and not the vendor's own.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { MARGIN, RIGHT, TOP, daysBetween, noiseDigits, noiseOf, rateOf, room } from "./bill_print";
import type { BillSector } from "./bill_sectors";

const UTILITY_ES: BillSector = {
  names: { ES: ["Comercializadora Eléctrica Levante S.L.", "Energía Verde del Norte S.L.", "Luz y Gas Meseta S.L."] },
  items: [
    ["Término de potencia (kW x días)", 9, 14, 300],
    ["Energía consumida P1 punta (kWh)", 17, 26, 900],
    ["Energía consumida P2 llano (kWh)", 12, 19, 1100],
    ["Energía consumida P3 valle (kWh)", 8, 13, 1400],
    ["Impuesto sobre la electricidad", 300, 4500, 1],
    ["Alquiler de equipos de medida (días)", 2, 5, 31],
  ],
};

/** German B2B wholesaler: side column of document data, "Bruttobetrag", "14 Tage 2 % Skonto, 30 Tage netto". */
export const rechnungZweispaltigDe: BillLayout = {
  name: "rechnung_zweispaltig_de",
  split: "train",
  language: "de",
  countries: ["DE"],
  lineCount: [1, 16],
  amountStyle: "de",
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `${printedAmount(cents, "de")} EUR`;
    const date = (iso: string) => printedDate(iso, "dmy_dot");
    const noise = noiseOf(bill, 67);
    const side = 415;
    const netDays = daysBetween(bill.invoiceDate, bill.dueDate);
    const discountDays = netDays > 14 ? 14 : 7;
    canvas.box(side - 10, MARGIN - 10, RIGHT - side + 20, TOP - MARGIN + 20, true);
    canvas.text(bill.vendor.name, side, TOP - 4, { bold: true, size: 10 });
    [bill.vendor.street, bill.vendor.city, `Telefon ${bill.vendor.phone}`, bill.vendor.email].forEach((line, i) =>
      canvas.text(line, side, TOP - 18 - 10 * i, { size: 7.5 }),
    );
    const data: [string, string][] = [
      ["Rechnungs-Nr.", bill.invoiceNumber],
      ["Rechnungsdatum", date(bill.invoiceDate)],
      ["Leistungsdatum", date(addDays(bill.invoiceDate, -3))],
      ["Kunden-Nr.", noiseDigits(noise, 6)],
      ["Lieferschein-Nr.", `LS ${noiseDigits(noise, 8)}`],
      ["Ihre Bestellung", `${noiseDigits(noise, 10)} vom ${date(addDays(bill.invoiceDate, -9))}`],
      ["Ihre USt-IdNr.", bill.buyer.vat],
      ["Bearbeiter", ["Frau Albers", "Herr Yilmaz", "Frau Brandt"][noise(3)] ?? ""],
    ];
    data.forEach(([label, value], i) => {
      canvas.text(label, side, TOP - 80 - 24 * i, { size: 6.5, grey: true });
      canvas.text(value, side, TOP - 89 - 24 * i, { size: 8 });
    });
    const bank: [string, string][] = [
      ["Bankverbindung", "Commerzbank AG"],
      ["IBAN", printedIban(bill.vendor.iban)],
      ["BIC", "COBADEFFXXX"],
      ["USt-IdNr.", bill.vendor.vat],
      ["Handelsregister", `HRB ${noiseDigits(noise, 5)}`],
    ];
    bank.forEach(([label, value], i) => {
      canvas.text(label, side, MARGIN + 110 - 20 * i, { size: 6.5, grey: true });
      canvas.text(value, side, MARGIN + 102 - 20 * i, { size: 7 });
    });
    canvas.text(`${bill.vendor.name} | ${bill.vendor.street} | ${bill.vendor.city}`, MARGIN, TOP - 40, { size: 6 });
    [bill.buyer.name, "Rechnungseingang", bill.buyer.street, bill.buyer.city].forEach((line, i) =>
      canvas.text(line, MARGIN, TOP - 54 - 12 * i),
    );
    canvas.text(`Rechnung ${bill.invoiceNumber}`, MARGIN, TOP - 140, { size: 14, bold: true });
    canvas.text("Sehr geehrte Damen und Herren,", MARGIN, TOP - 160);
    canvas.text("für unsere Lieferungen und Leistungen berechnen wir Ihnen:", MARGIN, TOP - 172);
    const rows = bill.lines.map((line) => [
      `${line.quantity} x`,
      line.description,
      printedAmount(line.unitCents, "de"),
      printedAmount(line.amountCents, "de"),
    ]);
    const columns = [
      { label: "Menge", width: 38 },
      { label: "Bezeichnung", width: 170 },
      { label: "E-Preis", width: 60, align: "right" as const },
      { label: "Betrag", width: 67, align: "right" as const },
    ];
    const pageTop = (c: BillCanvas) => {
      c.text(`Fortsetzung Rechnung ${bill.invoiceNumber}`, MARGIN, TOP, { size: 8, grey: true });
      return TOP - 20;
    };
    let y = canvas.table(columns, rows, TOP - 190, { x: MARGIN, borders: "rules", size: 8, onNewPage: pageTop });
    y = room(canvas, y, 210) - 18;
    const right = MARGIN + 335;
    canvas.pair("Warenwert netto", money(bill.untaxedCents), MARGIN + 130, right, y);
    for (const group of bill.taxes)
      canvas.pair(
        `USt. ${rateOf(group.rate, ",")} % auf ${printedAmount(group.baseCents, "de")}`,
        money(group.taxCents),
        MARGIN + 130,
        right,
        (y -= 12),
      );
    canvas.rule(MARGIN + 130, y - 5, right, 1);
    canvas.pair("Bruttobetrag", money(bill.totalCents), MARGIN + 130, right, (y -= 18), { bold: true, size: 10 });
    const discount = Math.round(bill.totalCents * 0.02);
    const terms = [
      `Zahlungsbedingungen: ${discountDays} Tage 2 % Skonto, ${netDays} Tage netto.`,
      `Bei Zahlung bis ${date(addDays(bill.invoiceDate, discountDays))} ziehen Sie ${printedAmount(discount, "de")} EUR Skonto ab`,
      `und überweisen ${printedAmount(bill.totalCents - discount, "de")} EUR; ohne Abzug fällig am ${date(bill.dueDate)}.`,
      "Die Ware bleibt bis zur vollständigen Bezahlung unser Eigentum.",
    ];
    terms.forEach((line, i) => canvas.text(line, MARGIN, y - 34 - 11 * i, { size: 8 }));
    const pages = canvas.doc.getPages();
    pages.forEach((page, i) => {
      canvas.page = page;
      canvas.text(`Blatt ${i + 1}/${pages.length}`, MARGIN, MARGIN - 20, { size: 7, grey: true });
    });
  },
};

/** Spanish utility: consumption period, "Base imponible", "IVA (21%)", "Importe total", "Fecha de cargo". */
export const facturaSuministroEs: BillLayout = {
  name: "factura_suministro_es",
  split: "train",
  language: "es",
  countries: ["ES"],
  lineCount: [3, 6],
  sector: UTILITY_ES,
  omits: ["partner_iban"],
  amountStyle: "de",
  draw(canvas: BillCanvas, bill: BillData) {
    const euros = (cents: number) => `${printedAmount(cents, "de")} €`;
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const noise = noiseOf(bill, 79);
    const end = addDays(bill.invoiceDate, -5);
    const start = addDays(end, -29);
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 14, bold: true });
    canvas.text(`CIF ${bill.vendor.vat.replace(/^ES/, "")} · ${bill.vendor.street} · ${bill.vendor.city}`, MARGIN, TOP - 13, {
      size: 7,
      grey: true,
    });
    canvas.text("Factura de electricidad", RIGHT, TOP, { size: 12, bold: true, align: "right" });
    canvas.box(MARGIN, TOP - 120, 250, 90);
    canvas.text("IMPORTE TOTAL DE LA FACTURA", MARGIN + 10, TOP - 48, { size: 8, bold: true });
    canvas.text(euros(bill.totalCents), MARGIN + 10, TOP - 72, { size: 20, bold: true });
    canvas.text(`Periodo de consumo: ${date(start)} a ${date(end)} (30 días)`, MARGIN + 10, TOP - 92, { size: 7.5 });
    canvas.text(`Fecha de cargo: ${date(bill.dueDate)}`, MARGIN + 10, TOP - 106, { size: 7.5 });
    const facts: [string, string][] = [
      ["Nº de factura", bill.invoiceNumber],
      ["Fecha de emisión", date(bill.invoiceDate)],
      ["Nº de contrato", noiseDigits(noise, 12)],
      ["CUPS", `ES00${noiseDigits(noise, 16)}JF0F`],
      ["Potencia contratada", `${3 + noise(8)},${noise(10)}0 kW`],
      ["Tarifa de acceso", "2.0TD"],
    ];
    facts.forEach(([label, value], i) => canvas.pair(`${label}:`, value, 320, RIGHT, TOP - 40 - 12 * i, { size: 8 }));
    canvas.text("Titular del contrato", 320, TOP - 125, { size: 7, grey: true });
    [bill.buyer.name, `NIF ${bill.buyer.vat}`, bill.buyer.street, bill.buyer.city].forEach((line, i) =>
      canvas.text(line, 320, TOP - 136 - 11 * i, { size: 8 }),
    );
    canvas.text("DETALLE DE LA FACTURA", MARGIN, TOP - 200, { bold: true, size: 10 });
    canvas.rule(MARGIN, TOP - 204, RIGHT, 1.2);
    let y = TOP - 222;
    const seen = new Set<string>();
    for (const line of bill.lines) {
      const per = printedAmount(line.unitCents, "de");
      const detail = line.quantity > 1 ? `${line.quantity} x ${per} €` : "";
      // A concept billed twice is a correction of an earlier estimated reading.
      canvas.text(seen.has(line.description) ? `${line.description}, regularización` : line.description, MARGIN, y);
      seen.add(line.description);
      canvas.text(detail, 340, y, { size: 8, grey: true, align: "right" });
      canvas.text(euros(line.amountCents), RIGHT, y, { align: "right" });
      y -= 15;
    }
    canvas.rule(300, y + 5, RIGHT, 0.4);
    y -= 8;
    canvas.pair("Base imponible", euros(bill.untaxedCents), 300, RIGHT, y);
    for (const group of bill.taxes)
      canvas.pair(`IVA (${rateOf(group.rate, ",")}%)`, euros(group.taxCents), 300, RIGHT, (y -= 14));
    canvas.pair("Importe total", euros(bill.totalCents), 300, RIGHT, (y -= 18), { bold: true, size: 11 });
    y = room(canvas, y, 150) - 40;
    canvas.text("INFORMACIÓN DE PAGO", MARGIN, y, { bold: true, size: 9 });
    const masked = `${bill.buyer.vat.slice(0, 2) === "DE" ? "DE" : "ES"}${noiseDigits(noise, 2)} **** **** ** ******${noiseDigits(noise, 4)}`;
    [
      `Forma de pago: domiciliación bancaria. Se cargará en la cuenta ${masked}`,
      `el ${printedDate(bill.dueDate, "long_es")}. Consumo medio diario: ${noise(20) + 5},${noise(10)}${noise(10)} kWh.`,
      `Su próxima lectura está prevista hacia el ${date(addDays(end, 30))}.`,
    ].forEach((line, i) => canvas.text(line, MARGIN, y - 14 - 11 * i, { size: 8 }));
    canvas.text(
      `${bill.vendor.name} · NIF ${bill.vendor.vat} · Inscrita en el Registro Mercantil, tomo ${noiseDigits(noise, 5)}, folio ${noiseDigits(noise, 3)}`,
      MARGIN,
      MARGIN - 10,
      { size: 6.5, grey: true },
    );
  },
};
