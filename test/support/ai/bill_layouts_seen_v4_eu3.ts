/**
 * A training layout in Spanish (held out in the fourth measured set until it was measured), written blind
 * after real vendors' bills: a cleaning and maintenance contractor's monthly "Factura" (the CIF as
 * "B-12345678", a labelled client block with the client's own NIF, contract, work site and billed month,
 * "Base imponible", "Cuota IVA", "Total factura", "Forma de pago: transferencia bancaria", the registry,
 * data-protection and certification mentions at the foot).
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { A4, MARGIN, RIGHT, TOP, daysBetween, noiseDigits, noiseOf, rateOf, room } from "./bill_print";
import type { BillSector } from "./bill_sectors";

const CLEANING_ES: BillSector = {
  names: {
    ES: [
      "Limpiezas Guadalquivir S.L.",
      "Brillamar Servicios Integrales S.L.",
      "Multiservicios Ebro S.L.",
      "Limpiezas y Mantenimientos Turia S.L.",
    ],
  },
  items: [
    ["Servicio de limpieza de oficinas según contrato (mes)", 85000, 240000, 1],
    ["Limpieza de cristales en altura (ud.)", 18000, 42000, 2],
    ["Horas extraordinarias de limpieza (h)", 1650, 2200, 30],
    ["Mantenimiento preventivo de climatización (ud.)", 9500, 16500, 2],
    ["Reposición de consumibles higiénicos (ud.)", 4500, 9800, 6],
    ["Desinfección y control de plagas (ud.)", 12000, 26000, 1],
    ["Abrillantado y cristalizado de suelos (m²)", 300, 650, 400],
  ],
};

const BANKS_ES: [string, string][] = [
  ["CaixaBank", "CAIXESBBXXX"],
  ["Banco Sabadell", "BSABESBBXXX"],
  ["BBVA", "BBVAESMMXXX"],
  ["Banco Santander", "BSCHESMMXXX"],
];

/** The province's letters in a Registro Mercantil sheet number ("Hoja M-123456"). */
const PROVINCE: Record<string, string> = { Madrid: "M", Barcelona: "B", Sevilla: "SE", Valencia: "V" };

/** Spanish cleaning contractor: labelled client block with its NIF, contract and work site, "Cuota IVA", transfer. */
export const facturaLimpiezaEs: BillLayout = {
  name: "factura_limpieza_es",
  split: "train",
  language: "es",
  countries: ["ES"],
  lineCount: [1, 7],
  amountStyle: "de",
  sector: CLEANING_ES,
  draw(canvas: BillCanvas, bill: BillData) {
    const euros = (cents: number) => `${printedAmount(cents, "de")} €`;
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const noise = noiseOf(bill, 97);
    const cif = bill.vendor.vat.replace(/^ES(.)/, "$1-");
    const town = bill.vendor.city.replace(/^\d+ /, "");
    const contract = `CT-${bill.invoiceDate.slice(2, 4)}/${noiseDigits(noise, 3)}`;
    const billedMonth = printedDate(`${addDays(`${bill.invoiceDate.slice(0, 7)}-01`, -1).slice(0, 7)}-01`, "long_es").replace(
      /^1 de /,
      "",
    );
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 14, bold: true });
    canvas.text("Limpieza integral · Mantenimiento de edificios · Control de plagas", MARGIN, TOP - 13, {
      size: 7.5,
      grey: true,
    });
    [`CIF: ${cif}`, bill.vendor.street, bill.vendor.city, `Tel. ${bill.vendor.phone} · ${bill.vendor.email}`].forEach((line, i) =>
      canvas.text(line, MARGIN, TOP - 29 - 10 * i, { size: 8 }),
    );
    canvas.text("FACTURA", RIGHT, TOP - 4, { size: 22, bold: true, align: "right" });
    const data: [string, string][] = [
      ["Nº de factura", bill.invoiceNumber],
      ["Fecha de factura", date(bill.invoiceDate)],
      ["Vencimiento", date(bill.dueDate)],
      ["Nº de contrato", contract],
      ["Periodo facturado", billedMonth],
    ];
    data.forEach(([label, value], i) => {
      canvas.text(`${label}:`, 360, TOP - 36 - 12 * i, { size: 8.5, grey: true });
      canvas.text(value, RIGHT, TOP - 36 - 12 * i, { size: 8.5, bold: i === 0, align: "right" });
    });
    canvas.box(MARGIN, TOP - 182, RIGHT - MARGIN, 82);
    canvas.text("CLIENTE", MARGIN + 8, TOP - 114, { size: 8, bold: true });
    const client: [string, string][] = [
      ["Razón social", bill.buyer.name],
      ["NIF/CIF", bill.buyer.vat],
      ["Domicilio fiscal", `${bill.buyer.street}, ${bill.buyer.city}`],
      ["Centro de trabajo", `Oficina de ${["Madrid", "Barcelona", "Valencia"][noise(3)]}, planta ${2 + noise(9)}`],
    ];
    client.forEach(([label, value], i) => {
      canvas.text(label, MARGIN + 8, TOP - 130 - 12 * i, { size: 8.5, grey: true });
      canvas.text(value, MARGIN + 100, TOP - 130 - 12 * i, { size: 8.5 });
    });
    const rows = bill.lines.map((line) => {
      const [, concept = line.description, unit = "ud."] = /^(.*) \((.+)\)$/.exec(line.description) ?? [];
      return [
        unit === "mes" ? `${concept}, ${billedMonth}` : concept,
        `${line.quantity} ${unit}`,
        printedAmount(line.unitCents, "de"),
        `${rateOf(line.taxRate, ",")} %`,
        printedAmount(line.amountCents, "de"),
      ];
    });
    const columns = [
      { label: "Concepto", width: 245 },
      { label: "Cantidad", width: 65, align: "right" as const },
      { label: "Precio unitario", width: 70, align: "right" as const },
      { label: "IVA", width: 45, align: "right" as const },
      { label: "Importe", width: RIGHT - MARGIN - 425, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 205, { x: MARGIN, borders: "rules", size: 8.5 }) - 20;
    y = room(canvas, y, 230);
    for (const group of bill.taxes) {
      const suffix = bill.taxes.length > 1 ? ` (${rateOf(group.rate, ",")} %)` : "";
      canvas.pair(`Base imponible${suffix}`, euros(group.baseCents), 330, RIGHT - 6, y, { size: 9 });
      canvas.pair(`Cuota IVA ${rateOf(group.rate, ",")} %`, euros(group.taxCents), 330, RIGHT - 6, (y -= 13), { size: 9 });
      y -= 13;
    }
    canvas.box(324, y - 10, RIGHT - 324, 20, true);
    canvas.pair("TOTAL FACTURA", euros(bill.totalCents), 330, RIGHT - 6, y - 3, { size: 10.5, bold: true });
    y -= 44;
    const [bank, bic] = BANKS_ES[noise(BANKS_ES.length)] ?? ["CaixaBank", "CAIXESBBXXX"];
    canvas.box(MARGIN, y - 66, RIGHT - MARGIN, 78);
    const payment = [
      "Forma de pago: transferencia bancaria",
      `Plazo: ${daysBetween(bill.invoiceDate, bill.dueDate)} días desde la fecha de factura`,
      `Entidad: ${bank} · BIC: ${bic}`,
      `IBAN: ${printedIban(bill.vendor.iban)}`,
      `Rogamos indiquen en el concepto de la transferencia el número de factura ${bill.invoiceNumber}.`,
    ];
    payment.forEach((line, i) => canvas.text(line, MARGIN + 8, y - 12 * i, { size: 8.5, bold: i === 3 }));
    y -= 90;
    const notes = [
      `Observaciones: servicio prestado según contrato ${contract}, de lunes a viernes en horario de 19:00 a 22:00.`,
      "Los materiales y productos empleados disponen de ficha de seguridad a disposición del cliente.",
    ];
    notes.forEach((line, i) => canvas.text(line, MARGIN, y - 11 * i, { size: 7.5 }));
    canvas.rule(MARGIN, MARGIN + 30, RIGHT, 0.3);
    canvas.text(
      `${bill.vendor.name} · Inscrita en el Registro Mercantil de ${town}, Tomo ${noiseDigits(noise, 4)}, Libro 0, Folio ${1 + noise(220)}, Hoja ${PROVINCE[town] ?? "M"}-${noiseDigits(noise, 5)} · CIF ${cif}`,
      A4[0] / 2,
      MARGIN + 20,
      { size: 6.5, grey: true, align: "center" },
    );
    canvas.text(
      "Responsable del tratamiento de sus datos: el emisor de esta factura, con la finalidad de gestionar la relación comercial (RGPD).",
      A4[0] / 2,
      MARGIN + 11,
      { size: 6.5, grey: true, align: "center" },
    );
    canvas.text("Empresa con sistemas de gestión certificados ISO 9001 e ISO 14001", A4[0] / 2, MARGIN + 2, {
      size: 6.5,
      grey: true,
      align: "center",
    });
  },
};
