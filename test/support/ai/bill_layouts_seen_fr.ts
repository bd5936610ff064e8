/**
 * Bill layouts in French, written blind after real vendors' bills as the held-out set of 2026-12-05;
 * training layouts since they were measured and inspected: a Belgian or Luxembourg supplier's
 * "facture" with its structured communication, and a French freelancer's invoice with its legal
 * mentions. Both print the noise real bills carry: the buyer's VAT number, customer and order
 * numbers, other amounts.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import {
  A4,
  MARGIN,
  RIGHT,
  TOP,
  belgianVat,
  daysBetween,
  noiseDigits,
  noiseOf,
  rateOf,
  room,
  siretOf,
  structuredCommunication,
} from "./bill_print";
import { FREELANCE_FR } from "./bill_sectors";

/** Belgian or Luxembourg "facture": TVA-exclusive/inclusive totals, "Montant à payer", dash dates. */
export const factureBeLu: BillLayout = {
  name: "facture_be_lu",
  split: "train",
  language: "fr",
  countries: ["BE", "LU"],
  lineCount: [1, 12],
  amountStyle: "de",
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `${printedAmount(cents, "de")} €`;
    const date = (iso: string) => printedDate(iso, "dmy_dash");
    const noise = noiseOf(bill, 1);
    const belgian = bill.vendor.country === "BE";
    const vat = belgian ? belgianVat(bill.vendor.vat) : bill.vendor.vat.replace(/^LU/, "LU ");
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 16, bold: true });
    canvas.text(`${bill.vendor.street} · ${bill.vendor.city}`, MARGIN, TOP - 16, { size: 8, grey: true });
    canvas.text(`Tél. ${bill.vendor.phone} · ${bill.vendor.email}`, MARGIN, TOP - 27, { size: 8, grey: true });
    canvas.text(bill.buyer.name, 330, TOP - 80, { bold: true });
    canvas.text(bill.buyer.street, 330, TOP - 93);
    canvas.text(bill.buyer.city, 330, TOP - 106);
    canvas.text(`N° TVA client : ${bill.buyer.vat}`, 330, TOP - 122, { size: 8 });
    canvas.text("FACTURE", MARGIN, TOP - 80, { size: 18, bold: true });
    const info: [string, string][] = [
      ["Numéro de facture", bill.invoiceNumber],
      ["Date de facture", date(bill.invoiceDate)],
      ["Date d'échéance", date(bill.dueDate)],
      ["Numéro client", `C${noiseDigits(noise, 5)}`],
      ["Votre référence", `BC ${noiseDigits(noise, 6)}`],
    ];
    info.forEach(([label, value], i) => {
      canvas.text(label, MARGIN, TOP - 100 - 12 * i, { size: 8, grey: true });
      canvas.text(value, MARGIN + 95, TOP - 100 - 12 * i, { size: 8.5 });
    });
    const rows = bill.lines.map((line) => [
      `ART${noiseDigits(noise, 4)}`,
      line.description,
      String(line.quantity),
      printedAmount(line.unitCents, "de"),
      `${rateOf(line.taxRate, ",")}%`,
      printedAmount(line.amountCents, "de"),
    ]);
    const columns = [
      { label: "Réf.", width: 55 },
      { label: "Description", width: 195 },
      { label: "Qté", width: 35, align: "right" as const },
      { label: "P.U. HTVA", width: 70, align: "right" as const },
      { label: "TVA", width: 45, align: "right" as const },
      { label: "Total HTVA", width: 95, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 175, { x: MARGIN, borders: "rules", size: 8.5 });
    y = room(canvas, y, 150) - 22;
    const summary = bill.taxes.map((group) => [
      `${rateOf(group.rate, ",")} %`,
      printedAmount(group.baseCents, "de"),
      printedAmount(group.taxCents, "de"),
    ]);
    const taxColumns = [
      { label: "Taux", width: 45 },
      { label: "Base", width: 75, align: "right" as const },
      { label: "TVA", width: 70, align: "right" as const },
    ];
    canvas.table(taxColumns, summary, y + 10, { x: MARGIN, borders: "none", size: 8 });
    canvas.pair("Total HTVA", money(bill.untaxedCents), 350, RIGHT, y);
    canvas.pair("Total TVA", money(bill.taxCents), 350, RIGHT, (y -= 13));
    canvas.pair("Total TVAC", money(bill.totalCents), 350, RIGHT, (y -= 13));
    canvas.box(345, y - 30, RIGHT - 345 + 5, 20, true);
    canvas.pair("Montant à payer", money(bill.totalCents), 350, RIGHT, (y -= 24), { bold: true, size: 10.5 });
    const bic = belgian ? "GEBABEBB" : "BCEELULL";
    const reference = belgian
      ? `la communication structurée ${structuredCommunication(noise)}`
      : `la référence ${bill.invoiceNumber}`;
    y -= 40;
    canvas.text(`Merci de verser le montant au plus tard le ${date(bill.dueDate)} sur le compte`, MARGIN, y, { size: 8.5 });
    canvas.text(`${printedIban(bill.vendor.iban)} (BIC ${bic}) en mentionnant ${reference}.`, MARGIN, y - 11, { size: 8.5 });
    canvas.text("Toute réclamation doit nous parvenir par écrit dans les huit jours de la date de facture.", MARGIN, y - 26, {
      size: 7,
      grey: true,
    });
    const register = belgian ? `RPM ${bill.vendor.city.replace(/^\d+ /, "")}` : `RCS Luxembourg B${noiseDigits(noise, 6)}`;
    const pages = canvas.doc.getPages();
    pages.forEach((page, i) => {
      canvas.page = page;
      canvas.rule(MARGIN, MARGIN + 22, RIGHT, 0.3);
      canvas.text(
        `${bill.vendor.name} · ${bill.vendor.street}, ${bill.vendor.city} · TVA ${vat} · ${register}`,
        MARGIN,
        MARGIN + 10,
        {
          size: 7,
          grey: true,
        },
      );
      canvas.text(`IBAN ${printedIban(bill.vendor.iban)} · BIC ${bic}`, MARGIN, MARGIN, { size: 7, grey: true });
      canvas.text(`${i + 1}/${pages.length}`, RIGHT, MARGIN, { size: 7, grey: true, align: "right" });
    });
  },
};

/** A French freelancer: SIRET and intra-community VAT number, long French dates, "Net à payer". */
export const factureFreelanceFr: BillLayout = {
  name: "facture_freelance_fr",
  split: "train",
  language: "fr",
  countries: ["FR"],
  lineCount: [1, 5],
  amountStyle: "space",
  sector: FREELANCE_FR,
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `${printedAmount(cents, "space")} €`;
    const date = (iso: string) => printedDate(iso, "long_fr");
    const noise = noiseOf(bill, 2);
    const siret = siretOf(bill.vendor.vat, noise);
    const vat = `${bill.vendor.vat.slice(0, 4)} ${bill.vendor.vat.slice(4)}`;
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 16, bold: true });
    canvas.text("Prestations de services informatiques et rédactionnelles", MARGIN, TOP - 16, { grey: true });
    canvas.text(bill.vendor.street, MARGIN, TOP - 34);
    canvas.text(bill.vendor.city, MARGIN, TOP - 46);
    canvas.text(`${bill.vendor.email} · ${bill.vendor.phone}`, MARGIN, TOP - 58);
    canvas.text(`SIRET : ${siret}`, MARGIN, TOP - 70);
    canvas.text("Facturé à", 340, TOP - 90, { bold: true, grey: true });
    canvas.text(bill.buyer.name, 340, TOP - 104, { bold: true });
    canvas.text(bill.buyer.street, 340, TOP - 116);
    canvas.text(bill.buyer.city, 340, TOP - 128);
    canvas.text(`TVA : ${bill.buyer.vat}`, 340, TOP - 140);
    canvas.text(`Facture n° ${bill.invoiceNumber}`, MARGIN, TOP - 175, { size: 14, bold: true });
    const performed = printedDate(bill.invoiceDate, "long_fr").replace(/^\S+ /, "");
    const details: [string, string][] = [
      ["Date d'émission", date(bill.invoiceDate)],
      ["Période de la prestation", performed],
      ["Votre commande", `n° 45000${noiseDigits(noise, 5)}`],
      ["Date d'échéance", date(bill.dueDate)],
    ];
    details.forEach(([label, value], i) => canvas.text(`${label} : ${value}`, MARGIN, TOP - 195 - 13 * i));
    const rows = bill.lines.map((line) => [
      line.description,
      String(line.quantity),
      printedAmount(line.unitCents, "space"),
      `${rateOf(line.taxRate, ",")} %`,
      printedAmount(line.amountCents, "space"),
    ]);
    const columns = [
      { label: "Description", width: 215 },
      { label: "Quantité", width: 55, align: "right" as const },
      { label: "Prix unitaire HT", width: 85, align: "right" as const },
      { label: "TVA", width: 45, align: "right" as const },
      { label: "Montant HT", width: 95, align: "right" as const },
    ];
    const start = TOP - 265;
    canvas.rule(MARGIN, start - 16, RIGHT, 0.8);
    let y = canvas.table(columns, rows, start, { x: MARGIN, borders: "none" }) - 4;
    canvas.rule(MARGIN, y + 6, RIGHT, 0.3);
    y = room(canvas, y, 180) - 14;
    canvas.pair("Total HT", money(bill.untaxedCents), 360, RIGHT, y);
    for (const group of bill.taxes) canvas.pair(`TVA ${rateOf(group.rate, ",")} %`, money(group.taxCents), 360, RIGHT, (y -= 13));
    canvas.pair("Net à payer", money(bill.totalCents), 360, RIGHT, (y -= 22), { bold: true, size: 12 });
    y -= 45;
    canvas.text(`Règlement par virement bancaire à ${daysBetween(bill.invoiceDate, bill.dueDate)} jours.`, MARGIN, y, {
      size: 8.5,
    });
    canvas.text(`IBAN : ${printedIban(bill.vendor.iban)} · BIC : CCBPFRPPLYO`, MARGIN, y - 12, { size: 8.5 });
    canvas.text(
      "Pénalités de retard : trois fois le taux d'intérêt légal. Indemnité forfaitaire pour frais de recouvrement : 40 €.",
      MARGIN,
      y - 30,
      { size: 7 },
    );
    canvas.text("Pas d'escompte pour paiement anticipé.", MARGIN, y - 40, { size: 7 });
    canvas.text(
      `${bill.vendor.name} · Entrepreneur individuel · SIRET ${siret} · Code APE 6201Z · N° TVA intracommunautaire : ${vat}`,
      A4[0] / 2,
      MARGIN,
      { size: 7, grey: true, align: "center" },
    );
  },
};
