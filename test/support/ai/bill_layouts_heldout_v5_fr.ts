/**
 * A held-out bill layout of the fifth set, in French, written blind after real vendors' bills: a French
 * or Luxembourg lift and HVAC maintenance company's quarterly invoice for its maintenance contract (the
 * references in a boxed column on the right ending in "Date d'échéance", the maintained site and its lift
 * apart from the billing address, a grey band with the contract number and "Période du … au …", "Net à
 * payer", "Règlement par virement" with IBAN and BIC, late-payment penalties and the 40 € flat fee, and the
 * company's capital, RCS, SIRET and intra-community VAT number at the foot).
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { block, col, unitOf } from "./bill_layouts_calibration_v2";
import { A4, MARGIN, RIGHT, TOP, daysBetween, noiseDigits, noiseOf, rateOf, room, siretOf } from "./bill_print";
import { MAINTENANCE_FR } from "./bill_sectors_heldout_v5_fr_de";

const BANKS: Record<"FR" | "LU", [name: string, bic: string][]> = {
  FR: [
    ["Crédit Agricole Centre-Est", "AGRIFRPP878"],
    ["Société Générale", "SOGEFRPPXXX"],
    ["BNP Paribas", "BNPAFRPPXXX"],
    ["CIC Lyonnaise de Banque", "CMCIFRPPXXX"],
  ],
  LU: [
    ["Spuerkeess (BCEE)", "BCEELULL"],
    ["BGL BNP Paribas", "BGLLLULL"],
    ["Banque Raiffeisen", "CCRALULL"],
  ],
};

const SITES: Record<"FR" | "LU", string[]> = {
  FR: [
    "Résidence Les Terrasses du Parc",
    "Immeuble de bureaux Le Quadrant",
    "Copropriété Le Clos Fleuri",
    "Centre d'affaires Europa",
  ],
  LU: ["Résidence Belle Vue", "Immeuble Kirchberg Plaza", "Centre administratif Gare"],
};

const STREETS: Record<"FR" | "LU", string[]> = {
  FR: ["18 rue Pasteur", "5 allée des Tilleuls", "102 boulevard Gambetta", "7 place de la Mairie"],
  LU: ["14, rue Goethe", "2, boulevard Royal", "29, route d'Arlon"],
};

/** The first and last day of the calendar quarter of an ISO date. */
function quarterOf(iso: string): [string, string, number] {
  const quarter = Math.floor((Number(iso.slice(5, 7)) - 1) / 3);
  const start = `${iso.slice(0, 4)}-${String(3 * quarter + 1).padStart(2, "0")}-01`;
  const next = new Date(`${start}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 3);
  return [start, addDays(next.toISOString().slice(0, 10), -1), quarter + 1];
}

/** A whole number of euros with French thousands: 250000 → "250 000". */
function euros(units: number): string {
  return printedAmount(units * 100, "fr").replace(/,00$/, "");
}

/** Lift and HVAC maintenance: reference box on the right, site apart from billing, contract band, "Net à payer". */
export const factureMaintenanceFr: BillLayout = {
  name: "facture_maintenance_fr",
  split: "heldout",
  language: "fr",
  countries: ["FR", "FR", "LU"],
  lineCount: [2, 7],
  amountStyle: "fr",
  sector: MAINTENANCE_FR,
  draw(canvas: BillCanvas, bill: BillData) {
    const lux = bill.vendor.country === "LU";
    const land = lux ? "LU" : "FR";
    const amount = (cents: number) => printedAmount(cents, "fr");
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const noise = noiseOf(bill, 103);
    const town = bill.vendor.city.replace(/^(L-)?\d+ /, "");
    const [start, end, quarter] = quarterOf(bill.invoiceDate);
    const year = bill.invoiceDate.slice(0, 4);
    const contract = `CM-${noiseDigits(noise, 2)}-${noiseDigits(noise, 6)}`;
    const customer = `${noiseDigits(noise, 7)}`;
    const formula = ["Essentiel", "Confort", "Intégral"][noise(3)] ?? "Confort";

    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 13, bold: true });
    canvas.text("Ascenseurs · Monte-charges · Portes automatiques · Génie climatique", MARGIN, TOP - 13, {
      size: 7.5,
      grey: true,
    });
    canvas.text(`Agence de ${town}`, MARGIN, TOP - 32, { size: 8, bold: true });
    const agency = [bill.vendor.street, bill.vendor.city, `Tél. ${bill.vendor.phone}`, bill.vendor.email];
    block(canvas, agency, MARGIN, TOP - 43, { size: 8 }, 10);
    const hotline = lux ? `+352 80 02 ${noiseDigits(noise, 4)}` : `0 800 ${noiseDigits(noise, 3)} ${noiseDigits(noise, 3)}`;
    canvas.text(`Dépannage 24h/24 et 7j/7 : ${hotline}`, MARGIN, TOP - 88, { size: 8, bold: true });

    canvas.text("FACTURE", RIGHT, TOP, { size: 16, bold: true, align: "right" });
    const refs = [
      ["Date de facture", date(bill.invoiceDate)],
      ["N° client", customer],
      ["N° de contrat", contract],
      ["Date d'échéance", date(bill.dueDate)],
      ["Page", "1/1"],
    ];
    canvas.table([col("N° de facture", 90), col(bill.invoiceNumber, RIGHT - 345 - 90)], refs, TOP - 18, {
      x: 345,
      borders: "grid",
      size: 8,
    });

    const boxTop = TOP - 118;
    canvas.box(MARGIN, boxTop - 76, 250, 76);
    canvas.text("Site d'intervention", MARGIN + 6, boxTop - 11, { size: 7, grey: true });
    const equipment = `Appareil n° ${noise(2) ? "A" : "E"}${noiseDigits(noise, 5)} · ${630 + 100 * noise(4)} kg, ${4 + noise(9)} niveaux`;
    const site = [
      SITES[land][noise(SITES[land].length)] ?? "",
      STREETS[land][noise(STREETS[land].length)] ?? "",
      bill.vendor.city,
      equipment,
    ];
    site.forEach((line, i) => canvas.text(line, MARGIN + 6, boxTop - 24 - 12 * i, { size: 8.5, bold: i === 0 }));
    canvas.box(320, boxTop - 76, RIGHT - 320, 76);
    canvas.text("Adresse de facturation", 326, boxTop - 11, { size: 7, grey: true });
    const billing = [bill.buyer.name, "Service comptabilité fournisseurs", bill.buyer.street, bill.buyer.city];
    billing.forEach((line, i) => canvas.text(line, 326, boxTop - 24 - 12 * i, { size: 8.5, bold: i === 0 }));
    canvas.text(`N° TVA client : ${bill.buyer.vat}`, 320, boxTop - 88, { size: 7.5 });

    const bandTop = boxTop - 100;
    canvas.box(MARGIN, bandTop - 32, RIGHT - MARGIN, 32, true);
    canvas.text(`Contrat d'entretien n° ${contract} · Formule ${formula}`, MARGIN + 8, bandTop - 13, { size: 9, bold: true });
    canvas.text(
      `Période du ${date(start)} au ${date(end)} · facturation trimestrielle, terme à échoir`,
      MARGIN + 8,
      bandTop - 26,
      { size: 8.5 },
    );
    canvas.text(
      "Nous vous prions de trouver ci-dessous le détail des prestations facturées au titre de ce contrat.",
      MARGIN,
      bandTop - 50,
      { size: 8 },
    );

    const columns = [col("Désignation", 215), col("Réf. / période", 80), col("Unité", 60)];
    columns.push(col("Qté", 25, true), col("P.U. HT", 55, true), col("Montant HT", RIGHT - MARGIN - 435, true));
    const rows = bill.lines.map((line) => {
      const [text, unit] = unitOf(line.description, "forfait");
      const extra = unit === "intervention" || unit === "h";
      const done = addDays(start, -(5 + noise(80)));
      const ref = extra ? `BI ${noiseDigits(noise, 5)} du ${date(done).slice(0, 5)}` : `T${quarter} ${year}`;
      return [text, ref, unit, String(line.quantity), amount(line.unitCents), amount(line.amountCents)];
    });
    let y = canvas.table(columns, rows, bandTop - 62, { x: MARGIN, borders: "rules", size: 8 });

    y = room(canvas, y, 250) - 16;
    const summary = [["Total HT", amount(bill.untaxedCents)]];
    for (const group of bill.taxes) summary.push([`TVA ${rateOf(group.rate, ",")} %`, amount(group.taxCents)]);
    summary.push(["Total TTC", amount(bill.totalCents)]);
    const after = canvas.table([col("Récapitulatif", 110), col("EUR", RIGHT - 345 - 110, true)], summary, y, {
      x: 345,
      borders: "grid",
      size: 8.5,
    });
    canvas.box(345, after - 26, RIGHT - 345, 22, true);
    canvas.pair("NET À PAYER", `${amount(bill.totalCents)} €`, 351, RIGHT - 6, after - 18, { size: 10.5, bold: true });

    const days = daysBetween(bill.invoiceDate, bill.dueDate);
    canvas.text(`Échéance : ${date(bill.dueDate)}`, MARGIN, y - 10, { size: 9, bold: true });
    canvas.text(`Conditions de paiement : ${days} jours date de facture`, MARGIN, y - 23, { size: 8 });
    canvas.text("Escompte pour paiement anticipé : néant", MARGIN, y - 34, { size: 8 });
    const [bankName, bic] = BANKS[land][noise(BANKS[land].length)] ?? ["Société Générale", "SOGEFRPPXXX"];
    canvas.box(MARGIN, y - 112, 270, 66);
    canvas.text("Règlement par virement", MARGIN + 6, y - 58, { size: 8.5, bold: true });
    const transfer = [
      `Banque : ${bankName}`,
      `IBAN : ${printedIban(bill.vendor.iban)}`,
      `BIC : ${bic}`,
      `Référence à rappeler : ${bill.invoiceNumber}`,
    ];
    block(canvas, transfer, MARGIN + 6, y - 71, { size: 8 }, 11);

    y = Math.min(y - 130, after - 50);
    const terms = lux
      ? [
          "Tout retard de paiement entraîne de plein droit des intérêts de retard au taux légal (loi modifiée du 18 avril 2004",
          "relative aux délais de paiement) et une indemnité forfaitaire de 40 € pour frais de recouvrement.",
          "Les prestations sont exécutées selon les conditions générales de maintenance remises lors de la signature du contrat.",
        ]
      : [
          "Pénalités de retard : taux de refinancement de la BCE majoré de 10 points, exigibles dès le lendemain de l'échéance,",
          "et indemnité forfaitaire de 40 € pour frais de recouvrement (art. L441-10 et D441-5 du Code de commerce).",
          "Contrat d'entretien d'ascenseur conforme aux articles R134-1 et suivants du Code de la construction et de l'habitation.",
        ];
    block(canvas, terms, MARGIN, y, { size: 7, grey: true }, 9);

    const form = /(SAS|SARL|SA)$/.exec(bill.vendor.name)?.[1] ?? "SAS";
    const siren = bill.vendor.vat.slice(4).replace(/(\d{3})(?=\d)/g, "$1 ");
    const legal = lux
      ? [
          `${bill.vendor.name} · Société à responsabilité limitée au capital social de ${euros(12500 * (1 + noise(4)))} €`,
          `R.C.S. Luxembourg B ${noiseDigits(noise, 6)} · Autorisation d'établissement n° 10${noiseDigits(noise, 6)}/0 · N° TVA intracommunautaire ${bill.vendor.vat}`,
        ]
      : [
          `${bill.vendor.name} · ${form} au capital social de ${euros(50000 * (1 + noise(30)))} € · RCS ${town} B ${siren}`,
          `SIRET ${siretOf(bill.vendor.vat, noise)} · Code NAF ${noise(2) ? "4329A" : "4322B"} · TVA intracommunautaire ${bill.vendor.vat}`,
        ];
    const pages = canvas.doc.getPages();
    pages.forEach((page, i) => {
      canvas.page = page;
      canvas.rule(MARGIN, MARGIN + 18, RIGHT, 0.3);
      legal.forEach((line, l) => canvas.text(line, A4[0] / 2, MARGIN + 9 - 8 * l, { size: 6.5, grey: true, align: "center" }));
      if (pages.length > 1)
        canvas.text(`${i + 1}/${pages.length}`, RIGHT, MARGIN - 12, { size: 6.5, grey: true, align: "right" });
    });
  },
};
