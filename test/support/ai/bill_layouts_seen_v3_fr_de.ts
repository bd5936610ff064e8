/**
 * Train bill layouts in French and German, written blind after real vendors' bills and held out in the third
 * measured set (measured once, then inspected and moved here): a
 * French builder's "facture de travaux" (site address, quotation reference, lines by lot, amounts as
 * "1 234,50 €"), and a German freelancer's "Honorarrechnung" written as a letter (number and date in the
 * subject line, "Endbetrag", bank and tax numbers in a three-column footer). The Spanish one is in
 * `bill_layouts_seen_v3_es.ts`.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { A4, MARGIN, RIGHT, TOP, daysBetween, noiseDigits, noiseOf, rateOf, room, siretOf } from "./bill_print";
import type { BillSector } from "./bill_sectors";

const BUILDING_FR: BillSector = {
  names: { FR: ["Maçonnerie Dubreuil SARL", "Bâti-Rénov Lyonnais SAS", "Menuiserie Perrin et Fils", "Plâtrerie Morel SARL"] },
  items: [
    ["Dépose cloison existante (m²)", 2500, 4500, 40],
    ["Fourniture et pose plaque BA13 (m²)", 3200, 5200, 60],
    ["Bandes et enduit de finition (m²)", 800, 1500, 60],
    ["Peinture acrylique deux couches (m²)", 1400, 2600, 120],
    ["Main-d'œuvre compagnon (h)", 4200, 5500, 40],
    ["Évacuation des gravats (forfait)", 15000, 35000, 1],
    ["Installation de chantier (ens)", 20000, 45000, 1],
  ],
};

const FREELANCE_DE: BillSector = {
  names: {
    DE: ["Dipl.-Ing. Katrin Vogel", "Jonas Brandt Webentwicklung", "Lena Hoffmann Übersetzungen", "Tobias Keller IT-Beratung"],
  },
  items: [
    ["Beratung und Konzeption (Std.)", 8500, 12500, 40],
    ["Programmierung (Std.)", 7500, 11000, 80],
    ["Projektmanagement (Std.)", 7000, 9500, 20],
    ["Workshop vor Ort (Tage)", 90000, 140000, 3],
    ["Fachübersetzung (Normzeilen)", 120, 190, 600],
    ["Reisekosten (pauschal)", 8000, 25000, 1],
  ],
};

/** "Pose plaque (m²)" → ["Pose plaque", "m²"]; no unit → `fallback`. */
function unitOf(description: string, fallback: string): [string, string] {
  const match = /^(.*) \((.+)\)$/.exec(description);
  return match ? [match[1] ?? description, match[2] ?? fallback] : [description, fallback];
}

/** French builder: site and quotation, lines by lot with subtotals, "Total TTC", legal mentions and insurance. */
export const factureTravauxFr: BillLayout = {
  name: "facture_travaux_fr",
  split: "train",
  language: "fr",
  countries: ["FR"],
  lineCount: [3, 12],
  amountStyle: "space",
  sector: BUILDING_FR,
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `${printedAmount(cents, "space")} €`;
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const noise = noiseOf(bill, 61);
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 15, bold: true });
    canvas.text("Plâtrerie · Peinture · Rénovation tous corps d'état", MARGIN, TOP - 14, { size: 8, grey: true });
    [bill.vendor.street, bill.vendor.city, `Tél. ${bill.vendor.phone}`, bill.vendor.email].forEach((line, i) =>
      canvas.text(line, MARGIN, TOP - 30 - 10 * i, { size: 8 }),
    );
    canvas.box(340, TOP - 62, RIGHT - 340, 62);
    canvas.text(`FACTURE N° ${bill.invoiceNumber}`, 350, TOP - 18, { size: 11, bold: true });
    canvas.text(`Date : ${date(bill.invoiceDate)}`, 350, TOP - 34);
    canvas.text(`Code client : C${noiseDigits(noise, 5)}`, 350, TOP - 48);
    canvas.text("Adressée à :", 340, TOP - 90, { size: 8, grey: true });
    [bill.buyer.name, bill.buyer.street, bill.buyer.city].forEach((line, i) => canvas.text(line, 340, TOP - 103 - 12 * i));
    const quote = addDays(bill.invoiceDate, -(20 + noise(40)));
    canvas.text("Chantier :", MARGIN, TOP - 90, { size: 8, grey: true });
    canvas.text(`Rénovation des bureaux, ${1 + noise(4)}e étage`, MARGIN, TOP - 103);
    canvas.text(bill.buyer.street, MARGIN, TOP - 115);
    canvas.text(
      `Devis n° D${quote.slice(0, 4)}-${noiseDigits(noise, 3)} du ${date(quote)}, accepté le ${date(addDays(quote, 6))}`,
      MARGIN,
      TOP - 127,
      {
        size: 8,
      },
    );
    const lots = ["Lot 1 - Démolition et préparation", "Lot 2 - Cloisons et finitions"];
    const half = Math.ceil(bill.lines.length / 2);
    const rows: string[][] = [];
    lots.forEach((lot, l) => {
      const lines = bill.lines.slice(l * half, (l + 1) * half);
      if (!lines.length) return;
      rows.push(["", lot]);
      lines.forEach((line, i) => {
        const [designation, unit] = unitOf(line.description, "u");
        rows.push([
          `${l + 1}.${i + 1}`,
          designation,
          unit,
          printedAmount(line.quantity * 100, "space"),
          printedAmount(line.unitCents, "space"),
          printedAmount(line.amountCents, "space"),
        ]);
      });
      const sum = lines.reduce((total, line) => total + line.amountCents, 0);
      rows.push(["", `Sous-total ${lot.slice(0, 5)}`, "", "", "", printedAmount(sum, "space")]);
    });
    const columns = [
      { label: "Réf.", width: 35 },
      { label: "Désignation", width: 215 },
      { label: "U", width: 35 },
      { label: "Qté", width: 55, align: "right" as const },
      { label: "P.U. HT", width: 70, align: "right" as const },
      { label: "Montant HT", width: A4[0] - 2 * MARGIN - 410, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 150, { x: MARGIN, borders: "grid", size: 8 });
    y = room(canvas, y, 200) - 10;
    canvas.box(360, y - 58, RIGHT - 360, 58);
    canvas.pair("Total HT", money(bill.untaxedCents), 368, RIGHT - 8, y - 14);
    bill.taxes.forEach((group, i) =>
      canvas.pair(`TVA ${rateOf(group.rate, ",")} %`, money(group.taxCents), 368, RIGHT - 8, y - 28 - 10 * i),
    );
    canvas.pair("Total TTC", money(bill.totalCents), 368, RIGHT - 8, y - 48, { bold: true, size: 10.5 });
    canvas.text(
      `Règlement par virement à ${daysBetween(bill.invoiceDate, bill.dueDate)} jours date de facture,`,
      MARGIN,
      y - 14,
      { size: 8 },
    );
    canvas.text(`soit au plus tard le ${date(bill.dueDate)}.`, MARGIN, y - 25, { size: 8 });
    canvas.text(`IBAN : ${printedIban(bill.vendor.iban)}`, MARGIN, y - 40, { size: 8 });
    canvas.text(`BIC : ${["CCBPFRPPLYO", "AGRIFRPP878", "CEPAFRPP693"][noise(3)]}`, MARGIN, y - 51, { size: 8 });
    y -= 85;
    const mentions = [
      "Pas d'escompte pour paiement anticipé. En cas de retard, pénalités au taux de trois fois le taux d'intérêt légal",
      "et indemnité forfaitaire pour frais de recouvrement de 40 € (art. L441-10 du Code de commerce).",
      `Assurance décennale : SMABTP, police n° ${noiseDigits(noise, 9)}, couverture France métropolitaine.`,
    ];
    mentions.forEach((line, i) => canvas.text(line, MARGIN, y - 10 * i, { size: 7, grey: true }));
    canvas.rule(MARGIN, MARGIN + 20, RIGHT, 0.3);
    canvas.text(
      `${bill.vendor.name} au capital de ${(2 + noise(8)) * 5000} € · SIRET ${siretOf(bill.vendor.vat, noise)} · APE 4333Z · TVA intracom. ${bill.vendor.vat}`,
      A4[0] / 2,
      MARGIN + 8,
      { size: 6.5, grey: true, align: "center" },
    );
  },
};

/** German freelancer's letter: "Honorarrechnung Nr. … vom …", "Leistungszeitraum", "Endbetrag", three-column footer. */
export const honorarrechnungDe: BillLayout = {
  name: "honorarrechnung_de",
  split: "train",
  language: "de",
  countries: ["DE"],
  lineCount: [1, 5],
  amountStyle: "de",
  sector: FREELANCE_DE,
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `${printedAmount(cents, "de")} €`;
    const noise = noiseOf(bill, 67);
    const [, month = "", year = ""] = printedDate(addDays(bill.invoiceDate, -20), "long_de").split(" ");
    canvas.text(bill.vendor.name, RIGHT, TOP, { size: 14, bold: true, align: "right" });
    canvas.text(`${bill.vendor.street} · ${bill.vendor.city}`, RIGHT, TOP - 14, { size: 8, align: "right" });
    canvas.text(`Mobil ${bill.vendor.phone} · ${bill.vendor.email}`, RIGHT, TOP - 24, { size: 8, align: "right" });
    canvas.text(`${bill.vendor.name} · ${bill.vendor.street} · ${bill.vendor.city}`, MARGIN, TOP - 75, { size: 6.5, grey: true });
    canvas.rule(MARGIN, TOP - 78, MARGIN + 230, 0.3);
    [bill.buyer.name, "z. Hd. Buchhaltung", bill.buyer.street, bill.buyer.city].forEach((line, i) =>
      canvas.text(line, MARGIN, TOP - 92 - 12 * i),
    );
    canvas.text(`${bill.vendor.city.replace(/^\d+ /, "")}, ${printedDate(bill.invoiceDate, "long_de")}`, RIGHT, TOP - 170, {
      align: "right",
    });
    canvas.text(`Honorarrechnung Nr. ${bill.invoiceNumber} vom ${printedDate(bill.invoiceDate, "dmy_dot")}`, MARGIN, TOP - 200, {
      size: 11,
      bold: true,
    });
    canvas.text(
      `Ihr Auftrag vom ${printedDate(addDays(bill.invoiceDate, -(30 + noise(60))), "dmy_dot")}, Projekt ${noiseDigits(noise, 4)}`,
      MARGIN,
      TOP - 214,
      {
        size: 8.5,
      },
    );
    canvas.text("Sehr geehrte Damen und Herren,", MARGIN, TOP - 240);
    canvas.text(
      `für meine Leistungen im Leistungszeitraum ${month} ${year} erlaube ich mir, wie vereinbart zu berechnen:`,
      MARGIN,
      TOP - 254,
    );
    const rows = bill.lines.map((line, i) => {
      const [leistung, einheit] = unitOf(line.description, "Std.");
      return [
        String(i + 1),
        leistung,
        String(line.quantity),
        einheit,
        printedAmount(line.unitCents, "de"),
        printedAmount(line.amountCents, "de"),
      ];
    });
    const columns = [
      { label: "Pos.", width: 30 },
      { label: "Leistung", width: 215 },
      { label: "Menge", width: 45, align: "right" as const },
      { label: "Einheit", width: 65 },
      { label: "Satz €", width: 65, align: "right" as const },
      { label: "Betrag €", width: A4[0] - 2 * MARGIN - 420, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 270, { x: MARGIN, borders: "rules" }) - 16;
    y = room(canvas, y, 190);
    canvas.pair("Summe netto", money(bill.untaxedCents), 330, RIGHT - 4, y);
    for (const group of bill.taxes)
      canvas.pair(`zzgl. ${rateOf(group.rate, ",")} % USt.`, money(group.taxCents), 330, RIGHT - 4, (y -= 14));
    canvas.rule(330, y - 6, RIGHT, 0.5);
    canvas.rule(330, y - 8, RIGHT, 0.5);
    canvas.pair("Endbetrag", money(bill.totalCents), 330, RIGHT - 4, (y -= 22), { bold: true, size: 10.5 });
    y -= 36;
    canvas.text(
      `Bitte überweisen Sie den Endbetrag bis zum ${printedDate(bill.dueDate, "dmy_dot")} ohne Abzug auf das unten genannte Konto.`,
      MARGIN,
      y,
    );
    canvas.text(`Als Verwendungszweck geben Sie bitte die Rechnungsnummer ${bill.invoiceNumber} an.`, MARGIN, y - 13);
    canvas.text("Vielen Dank für die angenehme Zusammenarbeit!", MARGIN, y - 35);
    canvas.text("Mit freundlichen Grüßen", MARGIN, y - 55);
    canvas.text(bill.vendor.name.replace(/ (Webentwicklung|Übersetzungen|IT-Beratung)$/, ""), MARGIN, y - 85);
    canvas.rule(MARGIN, MARGIN + 34, RIGHT, 0.3);
    const third = (RIGHT - MARGIN) / 3;
    const [bank, bic] = (
      [
        ["Sparkasse KölnBonn", "COLSDE33XXX"],
        ["Hamburger Sparkasse", "HASPDEHHXXX"],
        ["GLS Bank", "GENODEM1GLS"],
      ] as const
    )[noise(3)] ?? ["GLS Bank", "GENODEM1GLS"];
    const footer = [
      [bill.vendor.name, bill.vendor.street, bill.vendor.city],
      [bank, `IBAN ${printedIban(bill.vendor.iban)}`, `BIC ${bic}`],
      [
        `Steuernummer ${noiseDigits(noise, 2)}/${noiseDigits(noise, 3)}/${noiseDigits(noise, 5)}`,
        `USt-IdNr. ${bill.vendor.vat}`,
        `Finanzamt ${bill.vendor.city.replace(/^\d+ /, "")}`,
      ],
    ];
    footer.forEach((column, c) =>
      column.forEach((line, i) => canvas.text(line, MARGIN + third * c, MARGIN + 24 - 9 * i, { size: 6.5, grey: true })),
    );
  },
};
