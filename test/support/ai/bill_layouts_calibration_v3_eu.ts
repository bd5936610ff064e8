/**
 * Calibration bill layouts in French and Spanish, written blind after real vendors' bills and used only to
 * fit the field-confidence calibration (never the bench, never tuning): a Romandy or French printer and
 * sign-maker's "facture" (centred letterhead, job and proof (BAT) numbers, each item with its technical
 * line, "Conditions de paiement : 30 jours net", the IDE/TVA or SIRET mentions at the foot), and a Spanish
 * vehicle repair workshop's "Factura" (repair order, vehicle grid with plate, VIN and mileage, labour and
 * parts tables, a horizontal totals strip, the statutory repair guarantee). The English one of the set is
 * in `bill_layouts_calibration_v3.ts`.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { block, col, unitOf } from "./bill_layouts_calibration_v2";
import { A4, MARGIN, RIGHT, TOP, daysBetween, noiseDigits, noiseOf, rateOf, room, siretOf } from "./bill_print";
import { CARS_ES, IMPRIMERIE, PRINTER_BANKS, PRINT_PREFIXES, PRINT_SPECS, TALLER, codeOf } from "./bill_sectors_calibration_v3";

const CENTER = A4[0] / 2;

/** Romandy or French printer and sign-maker: centred letterhead, job and BAT numbers, spec lines, "30 jours net". */
export const factureImprimerieCh: BillLayout = {
  name: "facture_imprimerie_ch",
  split: "calibration",
  language: "fr",
  countries: ["CH", "FR"],
  lineCount: [1, 7],
  amountStyle: "fr",
  sector: IMPRIMERIE,
  draw(canvas: BillCanvas, bill: BillData) {
    const swiss = bill.vendor.country === "CH";
    const amount = (cents: number) => printedAmount(cents, "fr");
    const money = (cents: number) => (swiss ? `CHF ${amount(cents)}` : `${amount(cents)} €`);
    const date = (iso: string) => printedDate(iso, swiss ? "dmy_dot" : "dmy_slash");
    const noise = noiseOf(bill, 113);
    const job = `${bill.invoiceDate.slice(2, 4)}-${noiseDigits(noise, 4)}`;
    const proofDate = addDays(bill.invoiceDate, -(6 + noise(12)));
    const delivered = addDays(bill.invoiceDate, -noise(4));
    const titles = ["Campagne d'ouverture du magasin", "Signalétique du nouveau siège", "Salon professionnel", "Portes ouvertes"];
    canvas.text(bill.vendor.name, CENTER, TOP, { size: 17, bold: true, align: "center" });
    const trade = "Impression offset et numérique · Enseignes · Signalétique · Lettrage · Grand format";
    canvas.text(trade, CENTER, TOP - 14, { size: 8, grey: true, align: "center" });
    const contact = `${bill.vendor.street} · ${bill.vendor.city} · Tél. ${bill.vendor.phone} · ${bill.vendor.email}`;
    canvas.text(contact, CENTER, TOP - 26, { size: 7.5, align: "center" });
    canvas.rule(MARGIN, TOP - 34, RIGHT, 1);
    canvas.rule(MARGIN, TOP - 37, RIGHT, 0.3);
    canvas.text("FACTURE", MARGIN, TOP - 72, { size: 18, bold: true });
    canvas.text(`N° ${bill.invoiceNumber}`, MARGIN, TOP - 88, { size: 11, bold: true });
    const facts: [string, string][] = [
      ["Date", date(bill.invoiceDate)],
      ["N° client", noiseDigits(noise, 5)],
      ["Travail n°", job],
      ["BAT", `n° ${1 + noise(3)} validé le ${date(proofDate)}`],
      ["Votre commande", `${["BC", "Cde", "PO"][noise(3)]} ${noiseDigits(noise, 6)}`],
      [swiss ? "Livraison" : "Livré le", date(delivered)],
      ["Échéance", date(bill.dueDate)],
    ];
    facts.forEach(([label, value], i) => {
      canvas.text(label, MARGIN, TOP - 108 - 11 * i, { size: 8, grey: true });
      canvas.text(value, MARGIN + 85, TOP - 108 - 11 * i, { size: 8.5, bold: i === 6 });
    });
    const client = [bill.buyer.name, "Service communication", bill.buyer.street, bill.buyer.city];
    block(canvas, client, 320, TOP - 90, { size: 9.5 }, 12);
    canvas.text(`N° TVA client : ${bill.buyer.vat}`, 320, TOP - 146, { size: 7.5, grey: true });
    const title = `${titles[noise(titles.length)] ?? ""} ${bill.invoiceDate.slice(0, 4)}`;
    canvas.text(`Concerne : ${title}`, MARGIN, TOP - 200, { size: 9.5, bold: true });
    const columns = [col("Réf.", 50), col("Désignation", 225), col("Qté", 40, true), col("Unité", 35)];
    columns.push(col("Prix unit.", 65, true), col("Montant", 80, true));
    const rows: string[][] = [];
    for (const line of bill.lines) {
      const [text, unit] = unitOf(line.description, "pce");
      const prefix = PRINT_PREFIXES.find(([match]) => text.startsWith(match))?.[1] ?? "ENS";
      rows.push([codeOf(prefix, text), text, String(line.quantity), unit, amount(line.unitCents), amount(line.amountCents)]);
      const spec = PRINT_SPECS.find(([match]) => text.startsWith(match))?.[1];
      if (spec) rows.push(["", spec]);
    }
    let y = canvas.table(columns, rows, TOP - 212, { x: MARGIN, borders: "rules", size: 7.5 });
    y = room(canvas, y, 215) - 20;
    canvas.pair(swiss ? "Total hors TVA" : "Total HT", money(bill.untaxedCents), 335, RIGHT, y);
    for (const group of bill.taxes) canvas.pair(`TVA ${rateOf(group.rate, ",")} %`, money(group.taxCents), 335, RIGHT, (y -= 13));
    canvas.box(330, y - 27, RIGHT - 330, 18, true);
    canvas.pair(swiss ? "Total à payer" : "Total TTC", money(bill.totalCents), 335, RIGHT - 5, (y -= 22), {
      bold: true,
      size: 10.5,
    });
    y -= 36;
    const days = daysBetween(bill.invoiceDate, bill.dueDate);
    canvas.text(`Conditions de paiement : ${days} jours net, soit au plus tard le ${date(bill.dueDate)}.`, MARGIN, y, {
      size: 9,
    });
    const banks = PRINTER_BANKS[bill.vendor.country] ?? [];
    const [bank, bic] = banks[noise(banks.length)] ?? ["", ""];
    canvas.box(MARGIN, y - 56, 300, 44);
    const bankLines = [
      `Virement : ${bank}`,
      `IBAN ${printedIban(bill.vendor.iban)}`,
      `BIC ${bic} · Réf. : ${bill.invoiceNumber}`,
    ];
    block(canvas, bankLines, MARGIN + 8, y - 24, { size: 8.5 }, 11);
    const mentions = swiss
      ? [
          "Le BAT signé par le client dégage notre responsabilité pour les erreurs qui n'y ont pas été corrigées.",
          "Toute réclamation doit nous parvenir par écrit dans les 8 jours dès réception de la marchandise.",
        ]
      : [
          "Pénalités de retard : trois fois le taux d'intérêt légal. Indemnité forfaitaire pour frais de recouvrement : 40 €",
          "(art. L441-10 du Code de commerce). Pas d'escompte pour paiement anticipé. Le BAT signé vaut acceptation.",
        ];
    block(canvas, mentions, MARGIN, y - 74, { size: 7, grey: true }, 9);
    const uid = bill.vendor.vat.replace(/^CHE(\d{3})(\d{3})(\d{3})$/, "CHE-$1.$2.$3");
    const city = bill.vendor.city.replace(/^\d+ /, "");
    const legal = swiss
      ? `${bill.vendor.name} · Inscrite au registre du commerce · N° IDE/TVA ${uid} TVA`
      : `${bill.vendor.name} · SIRET ${siretOf(bill.vendor.vat, noise)} · RCS ${city} · APE 1812Z · TVA intracom. ${bill.vendor.vat}`;
    const pages = canvas.doc.getPages();
    pages.forEach((page, i) => {
      canvas.page = page;
      canvas.rule(MARGIN, MARGIN + 14, RIGHT, 0.3);
      canvas.text(legal, CENTER, MARGIN + 4, { size: 6.5, grey: true, align: "center" });
      const foot = `${bank} · IBAN ${printedIban(bill.vendor.iban)} · Page ${i + 1}/${pages.length}`;
      canvas.text(foot, CENTER, MARGIN - 5, { size: 6.5, grey: true, align: "center" });
    });
  },
};

/** Spanish vehicle repair workshop: repair order, vehicle grid, labour and parts tables, totals strip, guarantee. */
export const facturaTallerEs: BillLayout = {
  name: "factura_taller_es",
  split: "calibration",
  language: "es",
  countries: ["ES"],
  lineCount: [2, 14],
  amountStyle: "de",
  sector: TALLER,
  draw(canvas: BillCanvas, bill: BillData) {
    const amount = (cents: number) => printedAmount(cents, "de");
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const noise = noiseOf(bill, 127);
    const cif = bill.vendor.vat.replace(/^ES/, "");
    const order = `OR-${bill.invoiceDate.slice(0, 4)}/${noiseDigits(noise, 5)}`;
    const [model, vinStart] = CARS_ES[noise(CARS_ES.length)] ?? ["SEAT Ibiza", "VSSZZZKJ"];
    const from = (chars: string, n: number) => Array.from({ length: n }, () => chars[noise(chars.length)] ?? "0").join("");
    const plate = `${noiseDigits(noise, 4)} ${from("BCDFGHJKLMNPRSTVWXYZ", 3)}`;
    const vin = `${vinStart}${from("0123456789ABCDEFGHJKLMNPRSTUVWXYZ", 3)}${from("0123456789", 6)}`;
    const km = String(12000 + noise(190000)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    const entered = addDays(bill.invoiceDate, -(1 + noise(5)));
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 14, bold: true });
    canvas.text("Mecánica · Electricidad · Chapa y pintura · Neumáticos · Pre-ITV", MARGIN, TOP - 13, { size: 7.5, grey: true });
    const contact = [bill.vendor.street, bill.vendor.city, `Tel. ${bill.vendor.phone} · ${bill.vendor.email}`, `CIF: ${cif}`];
    const town = bill.vendor.city.replace(/^\d+ /, "");
    const province: Record<string, string> = { Madrid: "28", Barcelona: "08", Sevilla: "41", Valencia: "46" };
    contact.push(`Nº Registro Industrial: ${province[town] ?? "28"}/${noiseDigits(noise, 5)}`);
    block(canvas, contact, MARGIN, TOP - 27, { size: 8 }, 10);
    canvas.box(370, TOP - 60, RIGHT - 370, 66);
    canvas.box(370, TOP - 12, RIGHT - 370, 18, true);
    canvas.text("FACTURA", (370 + RIGHT) / 2, TOP - 7, { size: 11, bold: true, align: "center" });
    const header: [string, string][] = [
      ["Nº factura", bill.invoiceNumber],
      ["Fecha factura", date(bill.invoiceDate)],
      ["Orden de reparación", order],
    ];
    header.forEach(([label, value], i) => canvas.pair(label, value, 378, RIGHT - 8, TOP - 26 - 12 * i, { size: 8 }));
    canvas.box(300, TOP - 168, RIGHT - 300, 82);
    canvas.text(`CLIENTE  ·  Cód. ${noiseDigits(noise, 5)}`, 308, TOP - 99, { size: 7.5, bold: true });
    const client = [bill.buyer.name, bill.buyer.street, bill.buyer.city, `NIF: ${bill.buyer.vat}`];
    block(canvas, client, 308, TOP - 113, { size: 8.5 }, 12);
    canvas.text("DATOS DEL VEHÍCULO", MARGIN, TOP - 184, { size: 8, bold: true });
    const vehicle = [col("Matrícula", 65), col("Marca / modelo", 130), col("Nº bastidor (VIN)", 110)];
    vehicle.push(col("Kilómetros", 60, true), col("F. entrada", 65), col("F. salida", 65));
    const car = [plate, model, vin, km, date(entered), date(bill.invoiceDate)];
    canvas.table(vehicle, [car], TOP - 190, { x: MARGIN, borders: "grid", size: 8 });
    const brakes = bill.lines.some((line) => line.description.includes("freno"));
    const complaint = brakes ? "Ruido al frenar; revisión de mantenimiento" : "Revisión según plan de mantenimiento";
    const request = `Trabajo solicitado: ${complaint}. Presupuesto previo renunciado por el cliente.`;
    canvas.text(request, MARGIN, TOP - 234, { size: 8 });
    const labour = bill.lines.filter((line) => line.description.endsWith("(h)"));
    const parts = bill.lines.filter((line) => !line.description.endsWith("(h)"));
    const continued = (page: BillCanvas) => {
      const header = `${bill.vendor.name} · Factura ${bill.invoiceNumber} · ${order} · ${plate} (continuación)`;
      page.text(header, MARGIN, TOP, { size: 8 });
      return TOP - 16;
    };
    let y = TOP - 250;
    if (labour.length) {
      canvas.text("MANO DE OBRA", MARGIN, y, { size: 8.5, bold: true });
      const columns = [col("Código", 55), col("Operación", 255), col("Horas", 45, true), col("Precio/h", 60, true)];
      columns.push(col("Importe", 80, true));
      const rows = labour.map((line) => {
        const [text] = unitOf(line.description, "h");
        return [codeOf("MO", text), text, `${line.quantity},00`, amount(line.unitCents), amount(line.amountCents)];
      });
      y = canvas.table(columns, rows, y - 5, { x: MARGIN, borders: "rules", size: 8, onNewPage: continued }) - 16;
    }
    if (parts.length) {
      y = room(canvas, y, 60);
      canvas.text("RECAMBIOS Y MATERIALES", MARGIN, y, { size: 8.5, bold: true });
      const columns = [col("Referencia", 75), col("Descripción", 190), col("Cant.", 40, true), col("PVP", 60, true)];
      columns.push(col("Dto. %", 40, true), col("Importe", 90, true));
      const rows = parts.map((line) => {
        const [text, unit] = unitOf(line.description, "ud.");
        const discount = [0, 0, 5, 10, 15][noise(5)] ?? 0;
        const price = amount(Math.round(line.unitCents / (1 - discount / 100)));
        const quantity = `${line.quantity},00 ${unit}`;
        return [codeOf(unit === "l" ? "LUB" : "R", text), text, quantity, price, String(discount), amount(line.amountCents)];
      });
      y = canvas.table(columns, rows, y - 5, { x: MARGIN, borders: "rules", size: 8, onNewPage: continued }) - 16;
    }
    y = room(canvas, y, 200) - 6;
    const sum = (lines: typeof labour) => lines.reduce((total, line) => total + line.amountCents, 0);
    const strip = [col("Mano de obra", 80, true), col("Recambios", 80, true), col("Base imponible", 90, true)];
    strip.push(col("% IVA", 45, true), col("Cuota IVA", 80, true), col("Total", 120, true));
    const groups = bill.taxes.map((group, i) => [
      i ? "" : amount(sum(labour)),
      i ? "" : amount(sum(parts)),
      amount(group.baseCents),
      rateOf(group.rate, ","),
      amount(group.taxCents),
      i ? "" : amount(bill.totalCents),
    ]);
    y = canvas.table(strip, groups, y, { x: MARGIN, borders: "grid", size: 8 });
    canvas.box(345, y - 26, RIGHT - 345, 20, true);
    canvas.pair("TOTAL FACTURA", `${amount(bill.totalCents)} €`, 352, RIGHT - 7, y - 19, { size: 10.5, bold: true });
    y -= 48;
    const payment = [
      "Forma de pago: Transferencia bancaria",
      `Vencimiento: ${date(bill.dueDate)} (${daysBetween(bill.invoiceDate, bill.dueDate)} días fecha factura)`,
      `IBAN: ${printedIban(bill.vendor.iban)}`,
      `Indiquen como concepto: ${bill.invoiceNumber}`,
    ];
    block(canvas, payment, MARGIN, y, { size: 8.5 }, 12);
    canvas.box(345, y - 44, RIGHT - 345, 52);
    canvas.text("Conforme y recibí el vehículo, el cliente:", 352, y - 4, { size: 7.5, grey: true });
    const legal = [
      "Garantía de la reparación: 3 meses o 2.000 km, lo que antes se cumpla (Real Decreto 1457/1986); las piezas nuevas, la del fabricante.",
      "Las piezas sustituidas se han puesto a disposición del cliente. Hay hojas de reclamaciones a disposición de los usuarios.",
    ];
    block(canvas, legal, MARGIN, y - 64, { size: 6.8, grey: true }, 9);
    const register = `${bill.vendor.name} · Inscrita en el Registro Mercantil de ${town}, Hoja ${noiseDigits(noise, 5)} · CIF ${cif}`;
    const pages = canvas.doc.getPages();
    pages.forEach((page, i) => {
      canvas.page = page;
      canvas.text(`${register} · Página ${i + 1} de ${pages.length}`, CENTER, MARGIN - 6, {
        size: 6.5,
        grey: true,
        align: "center",
      });
    });
  },
};
