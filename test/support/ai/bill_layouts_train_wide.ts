/**
 * Training layouts after real vendors' bills, wider than the first ones: a British consultancy's
 * letter-style invoice whose totals are written out in sentences, and a French haulier's "facture"
 * with its VAT summary table and "Net à payer" boxed at the bottom right. Both carry the noise real
 * bills do: the client's purchase order and VAT number, consignment notes, other dates and amounts.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { MARGIN, RIGHT, TOP, britishVat, daysBetween, noiseDigits, noiseOf, rateOf, room, siretOf } from "./bill_print";
import type { BillSector } from "./bill_sectors";

const CONSULTING_GB: BillSector = {
  names: { GB: ["Ashdown Partners LLP", "Calder & Finch Advisory Ltd", "Marlowe Strategy Consulting Ltd"] },
  items: [
    ["Partner time (hours)", 28000, 42000, 20],
    ["Senior consultant time (hours)", 14000, 19500, 60],
    ["Analyst time (hours)", 7500, 9800, 80],
    ["Workshop facilitation (days)", 120000, 180000, 3],
    ["Disbursements: travel and subsistence", 8000, 60000, 1],
  ],
};

const HAULAGE_FR: BillSector = {
  names: { FR: ["Transports Bréval SA", "Messageries Rhodaniennes SAS", "Fret Garonne SARL", "Transports Leclerc et Fils SAS"] },
  items: [
    ["Lot complet semi-remorque Lyon - Paris", 68000, 98000, 3],
    ["Messagerie palette (palettes)", 4200, 7800, 18],
    ["Affrètement express véhicule léger", 21000, 39000, 2],
    ["Surcharge gazole (indexation CNR)", 1500, 9000, 1],
    ["Attente au chargement (heures)", 4500, 6000, 4],
    ["Hayon élévateur, livraison", 2500, 4000, 3],
  ],
};

/** British consultancy: a cover letter, narrative fee lines, totals in a paragraph ("making a total of"). */
export const consultancyLetterEn: BillLayout = {
  name: "consultancy_letter_en",
  split: "train",
  language: "en",
  countries: ["GB"],
  lineCount: [1, 5],
  sector: CONSULTING_GB,
  amountStyle: "en",
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `£${printedAmount(cents, "en")}`;
    const noise = noiseOf(bill, 41);
    const day = Number(bill.invoiceDate.slice(8));
    const suffix =
      day % 10 === 1 && day !== 11 ? "st" : day % 10 === 2 && day !== 12 ? "nd" : day % 10 === 3 && day !== 13 ? "rd" : "th";
    const letterDate = printedDate(bill.invoiceDate, "long_en").replace(/^\d+/, `${day}${suffix}`);
    canvas.text(bill.vendor.name.toUpperCase(), RIGHT, TOP, { size: 13, bold: true, align: "right" });
    [bill.vendor.street, bill.vendor.city, `T ${bill.vendor.phone}`, bill.vendor.email].forEach((line, i) =>
      canvas.text(line, RIGHT, TOP - 14 - 10 * i, { size: 8, grey: true, align: "right" }),
    );
    canvas.text("PRIVATE & CONFIDENTIAL", MARGIN, TOP - 70, { size: 8, bold: true });
    ["The Finance Director", bill.buyer.name, bill.buyer.street, bill.buyer.city].forEach((line, i) =>
      canvas.text(line, MARGIN, TOP - 84 - 12 * i),
    );
    canvas.text(letterDate, MARGIN, TOP - 150);
    const po = `PO ${noiseDigits(noise, 10)}`;
    canvas.text(`Our ref: ${["JF", "AC", "RM"][noise(3)] ?? "JF"}/${noiseDigits(noise, 4)}`, MARGIN, TOP - 168, { size: 8 });
    canvas.text(`Your ref: ${po}`, MARGIN, TOP - 179, { size: 8 });
    canvas.text(`INVOICE NUMBER ${bill.invoiceNumber}`, MARGIN, TOP - 205, { size: 11, bold: true });
    const from = printedDate(addDays(bill.invoiceDate, -45), "long_en");
    const to = printedDate(addDays(bill.invoiceDate, -4), "long_en");
    const paragraph = [
      "Dear Sirs,",
      "",
      `Re: advisory engagement under our letter of engagement dated ${printedDate(addDays(bill.invoiceDate, -120), "long_en")}`,
      "",
      `We enclose our invoice for professional services rendered to ${bill.buyer.name} in the period from`,
      `${from} to ${to}, as set out below. Time is charged at the rates agreed in our engagement letter.`,
    ];
    paragraph.forEach((line, i) => canvas.text(line, MARGIN, TOP - 230 - 12 * i, { bold: i === 2 }));
    const rows = bill.lines.map((line) => [
      line.description,
      `${line.quantity} @ ${money(line.unitCents)}`,
      money(line.amountCents),
    ]);
    const columns = [
      { label: "Services", width: 265 },
      { label: "Time at agreed rate", width: 130, align: "right" as const },
      { label: "Fees", width: 100, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 315, { x: MARGIN, borders: "none" });
    canvas.rule(MARGIN, y + 2, RIGHT, 0.4);
    y = room(canvas, y, 230) - 24;
    const vat = bill.taxes.map((group) => `VAT at ${rateOf(group.rate, ".")}% of ${money(group.taxCents)}`).join(" and ");
    const sentences = [
      `Total fees for the period amount to ${money(bill.untaxedCents)}, plus ${vat}, making a total of`,
      `${money(bill.totalCents)} now due.`,
      "",
      `Payment terms are ${daysBetween(bill.invoiceDate, bill.dueDate)} days from the date of this invoice; we should therefore be grateful to`,
      `receive payment by ${printedDate(bill.dueDate, "long_en")}, quoting ${bill.invoiceNumber} and your ${po}.`,
      "",
      "Yours faithfully,",
    ];
    sentences.forEach((line, i) => canvas.text(line, MARGIN, y - 12 * i));
    y -= 12 * sentences.length + 20;
    canvas.text(bill.vendor.name, MARGIN, y, { bold: true });
    y -= 36;
    canvas.text("Remittance: please pay by BACS or SWIFT transfer to", MARGIN, y, { size: 8 });
    canvas.text(
      `${bill.vendor.name} · IBAN ${printedIban(bill.vendor.iban)} · Sort code ${bill.vendor.iban.slice(8, 10)}-${bill.vendor.iban.slice(10, 12)}-${bill.vendor.iban.slice(12, 14)}`,
      MARGIN,
      y - 10,
      { size: 8 },
    );
    const footer = `Registered in England and Wales No. ${bill.vendor.name.endsWith("LLP") ? `OC${noiseDigits(noise, 6)}` : noiseDigits(noise, 8)} · VAT Registration No. ${britishVat(bill.vendor.vat)} · Client VAT ${bill.buyer.vat}`;
    canvas.text(footer, MARGIN, MARGIN - 10, { size: 6.5, grey: true });
  },
};

/** French haulier: consignment references, "Récapitulatif TVA" table, "Net à payer" boxed bottom right. */
export const factureTransportFr: BillLayout = {
  name: "facture_transport_fr",
  split: "train",
  language: "fr",
  countries: ["FR"],
  lineCount: [2, 14],
  sector: HAULAGE_FR,
  amountStyle: "fr",
  draw(canvas: BillCanvas, bill: BillData) {
    const amount = (cents: number) => printedAmount(cents, "fr");
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const noise = noiseOf(bill, 53);
    canvas.box(MARGIN, TOP - 62, 245, 68);
    canvas.text(bill.vendor.name, MARGIN + 8, TOP - 12, { size: 12, bold: true });
    canvas.text("Transport routier de marchandises · Messagerie · Affrètement", MARGIN + 8, TOP - 24, { size: 7, grey: true });
    canvas.text(bill.vendor.street, MARGIN + 8, TOP - 38, { size: 8 });
    canvas.text(`${bill.vendor.city} · Tél. ${bill.vendor.phone}`, MARGIN + 8, TOP - 48, { size: 8 });
    canvas.text("FACTURE", RIGHT, TOP - 10, { size: 20, bold: true, align: "right" });
    const head: [string, string][] = [
      ["N° facture", bill.invoiceNumber],
      ["Date", date(bill.invoiceDate)],
      ["Code client", `C${noiseDigits(noise, 5)}`],
      ["Votre commande", `BC-${noiseDigits(noise, 6)}`],
    ];
    head.forEach(([label, value], i) => canvas.pair(label, value, 360, RIGHT, TOP - 32 - 11 * i, { size: 8 }));
    canvas.text("Adresse de facturation", 320, TOP - 92, { size: 7, grey: true });
    [bill.buyer.name, bill.buyer.street, bill.buyer.city, `N° TVA intracom. : ${bill.buyer.vat}`].forEach((line, i) =>
      canvas.text(line, 320, TOP - 104 - 11 * i, { bold: i === 0 }),
    );
    const start = addDays(bill.invoiceDate, -28);
    canvas.text(`Prestations de transport du ${date(start)} au ${date(addDays(bill.invoiceDate, -1))}`, MARGIN, TOP - 165, {
      bold: true,
    });
    const rows = bill.lines.map((line, i) => [
      date(addDays(start, Math.min(27, i * 2))),
      `LV ${noiseDigits(noise, 7)}`,
      line.description,
      String(line.quantity),
      amount(line.unitCents),
      amount(line.amountCents),
      rateOf(line.taxRate, ","),
    ]);
    const columns = [
      { label: "Date enl.", width: 55 },
      { label: "Récépissé", width: 62 },
      { label: "Désignation", width: 190 },
      { label: "Qté", width: 30, align: "right" as const },
      { label: "P.U. HT", width: 60, align: "right" as const },
      { label: "Montant HT", width: 68, align: "right" as const },
      { label: "TVA %", width: 30, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 178, { x: MARGIN, borders: "grid", size: 7.5 });
    y = room(canvas, y, 200) - 22;
    canvas.text("Récapitulatif TVA", MARGIN, y, { bold: true, size: 8 });
    const vatRows = bill.taxes.map((group) => [amount(group.baseCents), `${rateOf(group.rate, ",")} %`, amount(group.taxCents)]);
    const vatColumns = [
      { label: "Base HT", width: 80, align: "right" as const },
      { label: "Taux", width: 45, align: "right" as const },
      { label: "Montant TVA", width: 80, align: "right" as const },
    ];
    const below = canvas.table(vatColumns, vatRows, y - 6, { x: MARGIN, borders: "grid", size: 8 });
    canvas.text("Pénalités de retard : 3 fois le taux d'intérêt légal. Indemnité forfaitaire", MARGIN, below - 16, { size: 6.5 });
    canvas.text("pour frais de recouvrement : 40 €. Pas d'escompte pour paiement anticipé.", MARGIN, below - 24, { size: 6.5 });
    canvas.text(`Échéance : ${date(bill.dueDate)} par virement`, MARGIN, below - 42, { size: 8, bold: true });
    canvas.pair("Total HT", `${amount(bill.untaxedCents)} €`, 355, RIGHT, y);
    canvas.pair("Total TVA", `${amount(bill.taxCents)} €`, 355, RIGHT, y - 13);
    canvas.pair("Total TTC", `${amount(bill.totalCents)} €`, 355, RIGHT, y - 26);
    canvas.pair("Acompte versé", "0,00 €", 355, RIGHT, y - 39, { grey: true });
    canvas.box(355, y - 78, RIGHT - 355, 28, true);
    canvas.box(355, y - 78, RIGHT - 355, 28);
    canvas.pair("NET À PAYER", `${amount(bill.totalCents)} €`, 362, RIGHT - 7, y - 68, { bold: true, size: 11 });
    const siret = siretOf(bill.vendor.vat, noise);
    const footer = [
      `${bill.vendor.name} au capital de ${(50 + noise(400)) * 1000} € · SIRET ${siret} · RCS ${bill.vendor.city.replace(/^\d+ /, "")} · APE 4941A`,
      `N° TVA : ${bill.vendor.vat} · Licence de transport communautaire n° ${noiseDigits(noise, 11)}`,
      `Règlement par virement : IBAN ${printedIban(bill.vendor.iban)} · BIC ${["CRLYFRPP", "AGRIFRPP", "BNPAFRPP"][noise(3)] ?? ""}`,
    ];
    for (const page of canvas.doc.getPages()) {
      canvas.page = page;
      footer.forEach((line, i) => canvas.text(line, MARGIN, MARGIN + 8 - 9 * i, { size: 6.5, grey: true }));
    }
  },
};
