/**
 * A held-out bill layout in Spanish (fifth set), written blind after real gestorías' invoices: a
 * gestoría / asesoría fiscal y laboral's monthly "Factura" with its series, "Fecha de expedición", the
 * issuer and client blocks with both NIFs, the fees grouped by area (laboral, fiscal, contable) with
 * their subtotals, "Base imponible", IVA and "Total factura", payment by SEPA direct debit or transfer to
 * the firm's IBAN, and the RGPD / LOPDGDD notice and Registro Mercantil entry at the foot. The firms are
 * companies (S.L.) billing companies abroad, so no IRPF withholding applies and none is printed.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData, BillLine } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { block, unitOf } from "./bill_layouts_calibration_v2";
import { MARGIN, RIGHT, TOP, noiseDigits, noiseOf, rateOf } from "./bill_print";
import { GESTORIA_ES, gestoriaArea } from "./bill_sectors_heldout_v5_es_be";

const BANKS: [string, string][] = [
  ["Ibercaja Banco", "CAZRES2ZXXX"],
  ["Unicaja Banco", "UCJAES2MXXX"],
  ["Kutxabank", "BASKES2BXXX"],
  ["Banco Sabadell", "BSABESBBXXX"],
  ["Caja Rural", "BCOEESMMXXX"],
];

/** Words of `text` in lines no wider than `width` points at `size`. */
function wrap(canvas: BillCanvas, text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (line && canvas.width(next, { size }) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  return line ? [...lines, line] : lines;
}

/** A line's concept as the firm prints it: the billed month or quarter after monthly and quarterly work. */
function concept(line: BillLine, month: string, quarter: string): string {
  const [text, unit] = unitOf(line.description, "ud.");
  if (unit === "mes" || unit === "nómina") return `${text}, ${month}`;
  if (/^Modelo (303|111)/.test(text)) return `${text}, ${quarter}`;
  return text;
}

const AREAS = ["Laboral", "Fiscal", "Contable y mercantil"] as const;

/** Spanish gestoría: "Factura" box with series, issuer and client blocks, fees by area, direct debit or transfer. */
export const facturaAsesoriaEs: BillLayout = {
  name: "factura_asesoria_es",
  split: "heldout",
  language: "es",
  countries: ["ES"],
  lineCount: [2, 9],
  amountStyle: "de",
  sector: GESTORIA_ES,
  draw(canvas: BillCanvas, bill: BillData) {
    const amount = (cents: number) => printedAmount(cents, "de");
    const euros = (cents: number) => `${amount(cents)} €`;
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const noise = noiseOf(bill, 151);
    const nif = bill.vendor.vat.replace(/^ES/, "");
    const town = bill.vendor.city.replace(/^\d+ /, "");
    const year = Number(bill.invoiceDate.slice(0, 4));
    const monthIndex = Number(bill.invoiceDate.slice(5, 7));
    const month = printedDate(bill.invoiceDate, "long_es").replace(/^\d+ de /, "");
    const lastQuarter = monthIndex <= 3 ? `4T ${year - 1}` : `${Math.ceil((monthIndex - 3) / 3)}T ${year}`;
    const debit = noise(3) > 0;
    const [bank, bic] = BANKS[noise(BANKS.length)] ?? ["Banco Sabadell", "BSABESBBXXX"];
    const colegiado = noiseDigits(noise, 4);
    const client = noiseDigits(noise, 4);
    const engagement = date(addDays(`${year - 1 - noise(3)}-01-01`, noise(300)));

    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 15, bold: true });
    canvas.text("Asesoría fiscal, laboral y contable · Gestoría administrativa", MARGIN, TOP - 14, { size: 8, grey: true });
    canvas.text(`Gestor Administrativo colegiado nº ${colegiado} del Colegio Oficial de ${town}`, MARGIN, TOP - 25, {
      size: 7,
      grey: true,
    });
    canvas.box(370, TOP - 62, RIGHT - 370, 74);
    canvas.text("FACTURA", 378, TOP - 4, { size: 13, bold: true });
    const head: [string, string][] = [
      ["Serie", "A"],
      ["Factura nº", bill.invoiceNumber],
      ["Fecha de expedición", date(bill.invoiceDate)],
      ["Periodo", month],
    ];
    head.forEach(([label, value], i) => {
      canvas.text(label, 378, TOP - 20 - 11 * i, { size: 7.5, grey: true });
      canvas.text(value, RIGHT - 8, TOP - 20 - 11 * i, { size: 8, bold: i === 1, align: "right" });
    });

    canvas.rule(MARGIN, TOP - 80, RIGHT, 0.6);
    canvas.text("EMISOR", MARGIN, TOP - 94, { size: 7, bold: true, grey: true });
    canvas.text(bill.vendor.name, MARGIN, TOP - 106, { bold: true });
    const issuer = [bill.vendor.street, bill.vendor.city, `NIF: ${nif}`, `Tel. ${bill.vendor.phone} · ${bill.vendor.email}`];
    block(canvas, issuer, MARGIN, TOP - 118, { size: 8 }, 10);
    canvas.text("CLIENTE", 310, TOP - 94, { size: 7, bold: true, grey: true });
    canvas.text(`Cód. cliente ${client}`, RIGHT, TOP - 94, { size: 7, grey: true, align: "right" });
    canvas.text(bill.buyer.name, 310, TOP - 106, { bold: true });
    block(canvas, [bill.buyer.street, bill.buyer.city, `NIF-IVA: ${bill.buyer.vat}`], 310, TOP - 118, { size: 8 }, 10);
    canvas.rule(MARGIN, TOP - 162, RIGHT, 0.6);
    canvas.text(
      `Honorarios profesionales correspondientes a ${month}, según hoja de encargo firmada el ${engagement}.`,
      MARGIN,
      TOP - 180,
      { size: 8.5 },
    );

    const header = (top: number) => {
      canvas.box(MARGIN, top - 13, RIGHT - MARGIN, 14, true);
      canvas.text("Concepto", MARGIN + 4, top - 9, { size: 8, bold: true });
      canvas.text("Uds.", 350, top - 9, { size: 8, bold: true, align: "right" });
      canvas.text("Precio", 415, top - 9, { size: 8, bold: true, align: "right" });
      canvas.text("% IVA", 460, top - 9, { size: 8, bold: true, align: "right" });
      canvas.text("Importe", RIGHT - 4, top - 9, { size: 8, bold: true, align: "right" });
      return top - 27;
    };
    let y = header(TOP - 195);
    const fit = (needed: number) => {
      if (y - needed > MARGIN + 55) return;
      canvas.newPage();
      canvas.text(`${bill.vendor.name} · Factura nº ${bill.invoiceNumber} (continuación)`, MARGIN, TOP, { size: 8, grey: true });
      y = header(TOP - 14);
    };
    const present = AREAS.filter((area) => bill.lines.some((line) => gestoriaArea(line.description) === area));
    for (const area of present) {
      const lines = bill.lines.filter((line) => gestoriaArea(line.description) === area);
      fit(40);
      canvas.text(`ÁREA ${area.toUpperCase()}`, MARGIN + 4, y, { size: 7.5, bold: true });
      y -= 12;
      for (const line of lines) {
        fit(14);
        canvas.text(concept(line, month, lastQuarter), MARGIN + 12, y, { size: 8 });
        canvas.text(String(line.quantity), 350, y, { size: 8, align: "right" });
        canvas.text(amount(line.unitCents), 415, y, { size: 8, align: "right" });
        canvas.text(rateOf(line.taxRate, ","), 460, y, { size: 8, align: "right" });
        canvas.text(amount(line.amountCents), RIGHT - 4, y, { size: 8, align: "right" });
        y -= 12;
      }
      y -= 6;
      if (present.length === 1) continue;
      y += 6;
      const subtotal = lines.reduce((sum, line) => sum + line.amountCents, 0);
      canvas.rule(470, y + 8, RIGHT, 0.3);
      canvas.text(`Subtotal área ${area.toLowerCase()}`, 460, y - 1, { size: 7, grey: true, align: "right" });
      canvas.text(amount(subtotal), RIGHT - 4, y - 1, { size: 7.5, grey: true, align: "right" });
      y -= 18;
    }
    fit(200);
    canvas.rule(MARGIN, y + 6, RIGHT, 0.8);
    y -= 12;

    const totals: [string, string][] = [["Base imponible", euros(bill.untaxedCents)]];
    for (const group of bill.taxes) totals.push([`IVA ${rateOf(group.rate, ",")} %`, euros(group.taxCents)]);
    const boxHeight = 14 * totals.length + 30;
    canvas.box(340, y - boxHeight + 10, RIGHT - 340, boxHeight);
    totals.forEach(([label, value], i) => canvas.pair(label, value, 348, RIGHT - 8, y - 14 * i, { size: 9 }));
    const totalY = y - 14 * totals.length - 8;
    canvas.box(340, totalY - 6, RIGHT - 340, 18, true);
    canvas.pair("TOTAL FACTURA", euros(bill.totalCents), 348, RIGHT - 8, totalY, { size: 10.5, bold: true });

    canvas.text("FORMA DE PAGO", MARGIN, y, { size: 7.5, bold: true });
    const payment = debit
      ? [
          "Domiciliación bancaria (adeudo directo SEPA B2B)",
          `Fecha de cargo: ${date(bill.dueDate)}`,
          `Cuenta de cargo: ES${noiseDigits(noise, 2)} **** **** ** ******${noiseDigits(noise, 4)}`,
          `Referencia del mandato: MAN-${client}-${noiseDigits(noise, 3)}`,
          "Si prefiere pagar por transferencia, a nuestra cuenta en",
          `${bank}: IBAN ${printedIban(bill.vendor.iban)}`,
        ]
      : [
          "Transferencia bancaria",
          `Fecha de vencimiento: ${date(bill.dueDate)}`,
          `Entidad: ${bank} · BIC: ${bic}`,
          `IBAN: ${printedIban(bill.vendor.iban)}`,
          `Indique en el concepto: Fra. ${bill.invoiceNumber}`,
        ];
    block(canvas, payment, MARGIN, y - 13, { size: 8 }, 11);
    y -= 13 + 11 * payment.length + 14;
    const notes = [
      "Los suplidos (tasas, aranceles registrales, timbres) abonados por cuenta del cliente se facturan aparte, sin IVA,",
      "con su justificante. La cuota mensual incluye la contabilidad y las declaraciones periódicas; el resto se factura según tarifa.",
    ];
    block(canvas, notes, MARGIN, y, { size: 7, grey: true }, 9);

    const rgpd =
      `Protección de datos: de conformidad con el Reglamento (UE) 2016/679 (RGPD) y la Ley Orgánica 3/2018 (LOPDGDD), ` +
      `le informamos de que sus datos son tratados por ${bill.vendor.name} con la finalidad de prestarle los servicios ` +
      `contratados y de gestionar su facturación, y se conservarán durante los plazos legales. Puede ejercer sus derechos ` +
      `de acceso, rectificación, supresión, oposición, limitación y portabilidad en ${bill.vendor.email} o reclamar ante la AEPD.`;
    const registry =
      `Inscrita en el Registro Mercantil de ${town}, Tomo ${noiseDigits(noise, 5)}, Folio ${1 + noise(200)}, ` +
      `Sección 8, Hoja ${town[0] ?? "M"}-${noiseDigits(noise, 6)}, Inscripción 1ª · NIF ${nif}`;
    const foot = [...wrap(canvas, rgpd, RIGHT - MARGIN, 6), registry];
    const pages = canvas.doc.getPages();
    pages.forEach((page, i) => {
      canvas.page = page;
      canvas.rule(MARGIN, MARGIN + 14 + 8 * foot.length, RIGHT, 0.3);
      block(canvas, foot, MARGIN, MARGIN + 6 + 8 * (foot.length - 1), { size: 6, grey: true }, 8);
      canvas.text(`Página ${i + 1} de ${pages.length}`, RIGHT, MARGIN - 6, { size: 6.5, grey: true, align: "right" });
    });
  },
};
