/**
 * Calibration bill layouts, written blind after real vendors' bills like the held-out ones and used only
 * to fit the field-confidence calibration (never the bench, never to tune the extractor): a Dutch or
 * Belgian wholesaler's English invoice grouped by delivery note, a Swiss French "facture" with its QR-bill
 * payment part. The German online shop's is in `bill_layouts_calibration_de.ts`.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData, BillLine } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban, type Pick } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { A4, MARGIN, RIGHT, TOP, belgianVat, daysBetween, noiseDigits, noiseOf, rateOf, room } from "./bill_print";

/** An ISO 11649 creditor reference ("RF" and two check digits), printed in groups of four. */
function creditorReference(pick: Pick): string {
  const reference = noiseDigits(pick, 12);
  const check = 98 - Number(BigInt(`${reference}271500`) % 97n);
  return `RF${String(check).padStart(2, "0")}${reference}`.replace(/(.{4})/g, "$1 ").trim();
}

/** Splits lines into delivery notes: one note for a few lines, two or three for more. */
function deliveries(lines: readonly BillLine[]): BillLine[][] {
  const notes = lines.length < 4 ? 1 : lines.length < 9 ? 2 : 3;
  const size = Math.ceil(lines.length / notes);
  return Array.from({ length: notes }, (_, i) => lines.slice(i * size, (i + 1) * size)).filter((note) => note.length);
}

/** Dutch or Belgian wholesaler, in English: a boxed header row, lines under their delivery notes, "Invoice amount". */
export const invoiceWholesaleNl: BillLayout = {
  name: "invoice_wholesale_nl",
  split: "calibration",
  language: "en",
  countries: ["NL", "BE"],
  lineCount: [2, 24],
  amountStyle: "de",
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `€ ${printedAmount(cents, "de")}`;
    const date = (iso: string) => printedDate(iso, "dmy_dash");
    const noise = noiseOf(bill, 11);
    const vat = bill.vendor.country === "BE" ? belgianVat(bill.vendor.vat) : bill.vendor.vat;
    const register = bill.vendor.country === "BE" ? "Enterprise no." : "Chamber of Commerce no.";
    const continued = (page: BillCanvas) => {
      page.text(`${bill.vendor.name} · invoice ${bill.invoiceNumber} (continued)`, MARGIN, TOP, { size: 8, grey: true });
      return TOP;
    };
    canvas.text(bill.vendor.name, MARGIN, TOP - 4, { size: 15, bold: true });
    canvas.text("Wholesale · Packaging · Warehouse supplies", MARGIN, TOP - 18, { size: 8, grey: true });
    const contact = [
      bill.vendor.street,
      bill.vendor.city,
      `Tel. ${bill.vendor.phone}`,
      bill.vendor.email,
      `${register} ${noiseDigits(noise, 8)}`,
      `VAT no. ${vat}`,
    ];
    contact.forEach((line, i) => canvas.text(line, RIGHT, TOP - 11 * i, { size: 7.5, align: "right" }));
    canvas.text("Invoice address", MARGIN, TOP - 90, { size: 7.5, grey: true });
    canvas.text("Delivery address", 320, TOP - 90, { size: 7.5, grey: true });
    [bill.buyer.name, bill.buyer.street, bill.buyer.city].forEach((line, i) =>
      canvas.text(line, MARGIN, TOP - 102 - 11 * i, { bold: i === 0 }),
    );
    [bill.buyer.name, "Goods receipt, dock 3", bill.buyer.city].forEach((line, i) => canvas.text(line, 320, TOP - 102 - 11 * i));
    canvas.text("INVOICE", MARGIN, TOP - 160, { size: 13, bold: true });
    const header = [
      { label: "Invoice no.", width: 95 },
      { label: "Invoice date", width: 80 },
      { label: "Debtor no.", width: 70 },
      { label: "Your VAT no.", width: 110 },
      { label: "Due date", width: 70 },
      { label: "Currency", width: 70 },
    ];
    const values = [
      bill.invoiceNumber,
      date(bill.invoiceDate),
      noiseDigits(noise, 6),
      bill.buyer.vat,
      date(bill.dueDate),
      bill.currency,
    ];
    canvas.table(header, [values], TOP - 170, { x: MARGIN, borders: "grid", size: 8 });
    const columns = [
      { label: "Article", width: 60 },
      { label: "Description", width: 185 },
      { label: "Qty", width: 35, align: "right" as const },
      { label: "Unit", width: 35 },
      { label: "Price", width: 65, align: "right" as const },
      { label: "VAT", width: 35, align: "right" as const },
      { label: "Amount", width: 80, align: "right" as const },
    ];
    const rows: string[][] = [];
    deliveries(bill.lines).forEach((lines, i, notes) => {
      const delivered = date(addDays(bill.invoiceDate, -2 * (notes.length - i)));
      rows.push([`Delivery note ${noiseDigits(noise, 7)} of ${delivered}, your order PO-${noiseDigits(noise, 4)}`]);
      for (const line of lines)
        rows.push([
          noiseDigits(noise, 6),
          line.description.replace(/ \(.*\)$/, ""),
          String(line.quantity),
          line.description.includes("(") ? "hr" : "pc",
          printedAmount(line.unitCents, "de"),
          `${rateOf(line.taxRate, ",")}%`,
          printedAmount(line.amountCents, "de"),
        ]);
    });
    let y = canvas.table(columns, rows, TOP - 225, {
      x: MARGIN,
      borders: "rules",
      size: 8,
      onNewPage: (page) => continued(page) - 20,
    });
    const pages = canvas.doc.getPageCount();
    y = room(canvas, y, 170) - 20;
    if (canvas.doc.getPageCount() > pages) continued(canvas);
    canvas.pair("Goods value", money(bill.untaxedCents), 330, RIGHT, y);
    for (const group of bill.taxes)
      canvas.pair(
        `VAT ${rateOf(group.rate, ",")}% over ${money(group.baseCents)}`,
        money(group.taxCents),
        330,
        RIGHT,
        (y -= 12),
        {
          size: 8,
        },
      );
    canvas.pair("Total VAT", money(bill.taxCents), 330, RIGHT, (y -= 13));
    canvas.rule(330, y - 6, RIGHT, 1);
    canvas.pair("Invoice amount", money(bill.totalCents), 330, RIGHT, (y -= 20), { bold: true, size: 10.5 });
    y -= 40;
    const days = daysBetween(bill.invoiceDate, bill.dueDate);
    canvas.text(`Payment within ${days} days. Please transfer the invoice amount to`, MARGIN, y, { size: 8.5 });
    canvas.text(`IBAN ${printedIban(bill.vendor.iban)} stating the invoice and debtor number.`, MARGIN, y - 11, { size: 8.5 });
    canvas.text(
      "All deliveries are subject to our general terms of delivery, filed with the Chamber of Commerce.",
      MARGIN,
      MARGIN,
      { size: 6.5, grey: true },
    );
  },
};

/** Swiss French "facture": place and long date, VAT codes per line, "Montant TTC", a QR-bill payment part. */
export const factureChQr: BillLayout = {
  name: "facture_ch_qr",
  split: "calibration",
  language: "fr",
  countries: ["CH"],
  lineCount: [1, 7],
  amountStyle: "ch",
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => printedAmount(cents, "ch");
    const noise = noiseOf(bill, 12);
    const uid = bill.vendor.vat.replace(/^CHE(\d{3})(\d{3})(\d{3})$/, "CHE-$1.$2.$3 TVA");
    const town = bill.vendor.city.replace(/^\d+ /, "");
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 13, bold: true });
    canvas.text(`${bill.vendor.street} · ${bill.vendor.city}`, MARGIN, TOP - 14, { size: 8 });
    canvas.text(`${bill.vendor.phone} · ${bill.vendor.email}`, MARGIN, TOP - 25, { size: 8 });
    [bill.buyer.name, "Service comptabilité", bill.buyer.street, bill.buyer.city].forEach((line, i) =>
      canvas.text(line, 320, TOP - 70 - 12 * i),
    );
    canvas.text(`${town}, le ${printedDate(bill.invoiceDate, "long_fr")}`, MARGIN, TOP - 140);
    canvas.text(`Facture ${bill.invoiceNumber}`, MARGIN, TOP - 165, { size: 13, bold: true });
    const facts: [string, string][] = [
      ["N° client", `${noiseDigits(noise, 5)}`],
      ["Votre commande", `du ${printedDate(addDays(bill.invoiceDate, -9), "dmy_dot")}`],
      ["Livraison", printedDate(addDays(bill.invoiceDate, -3), "dmy_dot")],
      ["Échéance", printedDate(bill.dueDate, "dmy_dot")],
    ];
    facts.forEach(([label, value], i) => {
      const [x, y] = [MARGIN + 170 * (i % 2), TOP - 185 - 12 * Math.floor(i / 2)];
      canvas.text(label, x, y, { size: 8, grey: true });
      canvas.text(value, x + 75, y, { size: 8 });
    });
    const codes = new Map(bill.taxes.map((group, i) => [group.rate, "ABC"[i] ?? "X"]));
    const rows = bill.lines.map((line, i) => [
      String(10 * (i + 1)),
      line.description,
      String(line.quantity),
      money(line.unitCents),
      codes.get(line.taxRate) ?? "",
      money(line.amountCents),
    ]);
    const columns = [
      { label: "Pos.", width: 30 },
      { label: "Désignation", width: 220 },
      { label: "Quantité", width: 50, align: "right" as const },
      { label: "Prix unit.", width: 70, align: "right" as const },
      { label: "Code", width: 35, align: "right" as const },
      { label: "Montant CHF", width: 90, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 220, { x: MARGIN, borders: "rules", size: 8.5 }) - 16;
    canvas.pair("Total hors TVA", money(bill.untaxedCents), 330, RIGHT, y);
    for (const group of bill.taxes)
      canvas.pair(
        `TVA ${rateOf(group.rate, ",")} % (${codes.get(group.rate) ?? ""})`,
        money(group.taxCents),
        330,
        RIGHT,
        (y -= 12),
        {
          size: 8,
        },
      );
    canvas.pair("Total TVA", money(bill.taxCents), 330, RIGHT, (y -= 12), { size: 8 });
    canvas.pair("Montant TTC CHF", money(bill.totalCents), 330, RIGHT, (y -= 18), { bold: true, size: 10.5 });
    canvas.text(`Conditions de paiement : ${daysBetween(bill.invoiceDate, bill.dueDate)} jours net.`, MARGIN, y - 24, {
      size: 8,
    });
    canvas.text(`N° IDE ${uid}`, MARGIN, y - 35, { size: 8 });
    // The QR-bill: receipt on the left, payment part on the right, below a perforation line.
    const qrAmount = printedAmount(bill.totalCents, "plain").replace(/\B(?=(\d{3})+(?!\d)\.)/g, " ");
    const reference = creditorReference(noise);
    const top = 290;
    for (let x = 0; x < A4[0]; x += 6) canvas.rule(x, top, x + 3, 0.4);
    for (let y0 = top; y0 > 0; y0 -= 6)
      canvas.page.drawLine({ start: { x: 176, y: y0 }, end: { x: 176, y: y0 - 3 }, thickness: 0.4 });
    canvas.text("Récépissé", 20, top - 20, { size: 11, bold: true });
    canvas.text("Section paiement", 195, top - 20, { size: 11, bold: true });
    const block = (x: number, y0: number, size: number) => {
      const parts: [string, string[]][] = [
        ["Compte / Payable à", [printedIban(bill.vendor.iban), bill.vendor.name, bill.vendor.street, bill.vendor.city]],
        ["Référence", [reference]],
        ["Payable par", [bill.buyer.name, bill.buyer.street, bill.buyer.city]],
      ];
      let yy = y0;
      for (const [label, lines] of parts) {
        canvas.text(label, x, yy, { size: size - 1.5, bold: true });
        for (const line of lines) canvas.text(line, x, (yy -= size + 1), { size });
        yy -= size + 6;
      }
    };
    block(20, top - 40, 7.5);
    block(370, top - 40, 8.5);
    canvas.text("Informations supplémentaires", 370, top - 205, { size: 7, bold: true });
    canvas.text(`Facture ${bill.invoiceNumber}`, 370, top - 215, { size: 8.5 });
    canvas.box(195, top - 195, 130, 130);
    canvas.text("Swiss QR Code", 260, top - 133, { size: 7, grey: true, align: "center" });
    for (const [x, size] of [
      [20, 7.5],
      [195, 8.5],
    ] as const) {
      canvas.text("Monnaie", x, top - 225, { size: size - 1.5, bold: true });
      canvas.text("Montant", x + 50, top - 225, { size: size - 1.5, bold: true });
      canvas.text(bill.currency, x, top - 236, { size });
      canvas.text(qrAmount, x + 50, top - 236, { size });
    }
  },
};
