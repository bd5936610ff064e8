/**
 * A train bill layout in Spanish, written blind after real vendors' bills and held out in the third
 * measured set (measured once, then inspected and moved here): an IT
 * distributor's "Factura" with a header band of cells, the CIF without its country prefix, the totals in
 * a horizontal strip with the VAT broken down by rate, "TOTAL FACTURA" and a "Vencimientos" block.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { A4, MARGIN, RIGHT, TOP, daysBetween, noiseDigits, noiseOf, rateOf, room } from "./bill_print";

/** Spanish IT distributor: a header band of cells, a horizontal totals strip, "TOTAL FACTURA", "Vencimientos". */
export const facturaDistribuidorEs: BillLayout = {
  name: "factura_distribuidor_es",
  split: "train",
  language: "es",
  countries: ["ES"],
  lineCount: [2, 14],
  amountStyle: "de",
  draw(canvas: BillCanvas, bill: BillData) {
    const amount = (cents: number) => printedAmount(cents, "de");
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const noise = noiseOf(bill, 71);
    const cif = bill.vendor.vat.replace(/^ES/, "");
    canvas.text(bill.vendor.name.toUpperCase(), MARGIN, TOP, { size: 14, bold: true });
    canvas.text("Distribución informática y material de oficina", MARGIN, TOP - 13, { size: 8, grey: true });
    [`C.I.F. ${cif}`, bill.vendor.street, bill.vendor.city, `Tfno. ${bill.vendor.phone}`, bill.vendor.email].forEach((line, i) =>
      canvas.text(line, MARGIN, TOP - 30 - 10 * i, { size: 8 }),
    );
    canvas.box(310, TOP - 85, RIGHT - 310, 70);
    canvas.text("Datos del cliente", 318, TOP - 27, { size: 7.5, grey: true });
    [bill.buyer.name, bill.buyer.street, bill.buyer.city, `NIF/CIF: ${bill.buyer.vat}`].forEach((line, i) =>
      canvas.text(line, 318, TOP - 40 - 11 * i, { size: 8.5, bold: i === 0 }),
    );
    canvas.text("FACTURA", MARGIN, TOP - 110, { size: 12, bold: true });
    const band = [
      { label: "Nº factura", width: 110 },
      { label: "Fecha", width: 80 },
      { label: "Cód. cliente", width: 80 },
      { label: "S/Pedido", width: 90 },
      { label: "Forma de pago", width: A4[0] - 2 * MARGIN - 360 },
    ];
    const values = [
      bill.invoiceNumber,
      date(bill.invoiceDate),
      noiseDigits(noise, 5),
      `PED-${noiseDigits(noise, 5)}`,
      "Transferencia",
    ];
    canvas.table(band, [values], TOP - 118, { x: MARGIN, borders: "grid", size: 8 });
    const rows = bill.lines.map((line) => [
      `${["HP", "LG", "CN", "EP"][noise(4)]}${noiseDigits(noise, 5)}`,
      line.description,
      String(line.quantity),
      amount(line.unitCents),
      "0,00",
      `${rateOf(line.taxRate, ",")}`,
      amount(line.amountCents),
    ]);
    const columns = [
      { label: "Código", width: 55 },
      { label: "Descripción", width: 190 },
      { label: "Cant.", width: 40, align: "right" as const },
      { label: "Precio", width: 60, align: "right" as const },
      { label: "Dto. %", width: 45, align: "right" as const },
      { label: "IVA", width: 35, align: "right" as const },
      { label: "Importe", width: A4[0] - 2 * MARGIN - 425, align: "right" as const },
    ];
    const header = (page: BillCanvas) => {
      page.text(`${bill.vendor.name} · Factura ${bill.invoiceNumber} · ${date(bill.invoiceDate)} (continuación)`, MARGIN, TOP, {
        size: 8,
        grey: true,
      });
      return TOP - 14;
    };
    let y = canvas.table(columns, rows, TOP - 170, { x: MARGIN, borders: "rules", size: 8, onNewPage: header });
    const pages = canvas.doc.getPageCount();
    y = room(canvas, y, 190) - 16;
    if (canvas.doc.getPageCount() > pages) y = header(canvas) - 10;
    const strip = [
      { label: "Importe bruto", width: 90, align: "right" as const },
      { label: "Base imponible", width: 95, align: "right" as const },
      { label: "% IVA", width: 50, align: "right" as const },
      { label: "Cuota IVA", width: 85, align: "right" as const },
      { label: "TOTAL FACTURA", width: A4[0] - 2 * MARGIN - 320, align: "right" as const },
    ];
    const taxRows = bill.taxes.map((group, i) => [
      i === 0 ? amount(bill.untaxedCents) : "",
      amount(group.baseCents),
      rateOf(group.rate, ","),
      amount(group.taxCents),
      i === 0 ? `${amount(bill.totalCents)} €` : "",
    ]);
    if (bill.taxes.length > 1) taxRows.push(["", amount(bill.untaxedCents), "", amount(bill.taxCents), ""]);
    y = canvas.table(strip, taxRows, y, { x: MARGIN, borders: "grid", size: 8.5 }) - 24;
    canvas.text("Vencimientos", MARGIN, y, { bold: true });
    canvas.text(`${date(bill.dueDate)}     ${amount(bill.totalCents)} €`, MARGIN, y - 13);
    canvas.text(`Transferencia a ${daysBetween(bill.invoiceDate, bill.dueDate)} días f.f. a la cuenta:`, 250, y);
    canvas.text(printedIban(bill.vendor.iban), 250, y - 13, { bold: true });
    canvas.rule(MARGIN, MARGIN + 22, RIGHT, 0.3);
    canvas.text(
      `${bill.vendor.name.replace(/\.?$/, ".")} Inscrita en el Registro Mercantil de ${bill.vendor.city.replace(/^\d+ /, "")}, Tomo ${noiseDigits(noise, 5)}, Folio ${noiseDigits(noise, 3)}, Hoja ${noiseDigits(noise, 6)}. C.I.F. ${cif}`,
      MARGIN,
      MARGIN + 10,
      { size: 6.5, grey: true },
    );
    canvas.text(
      "Sus datos se tratan conforme al RGPD para la gestión de la relación comercial. Puede ejercer sus derechos en nuestro domicilio social.",
      MARGIN,
      MARGIN + 1,
      { size: 6.5, grey: true },
    );
  },
};
