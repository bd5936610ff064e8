/**
 * A training layout in French (held out in the fourth measured set until it was measured), written blind
 * after real vendors' bills: an office-supplies wholesaler's "facture" as its ERP prints it (reference
 * cells, delivery and billing addresses, order and delivery-note numbers, list price, discount and net
 * price per line, a VAT summary by code, the due date with the payment mode, the RIB in its
 * bank/branch/account/key cells, the legal mentions at the foot). The German one is in
 * `bill_layouts_seen_v4_eu2.ts`, the Spanish one in `bill_layouts_seen_v4_eu3.ts`.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { A4, MARGIN, RIGHT, TOP, daysBetween, noiseDigits, noiseOf, rateOf, room, siretOf } from "./bill_print";
import type { BillSector } from "./bill_sectors";

const OFFICE_WHOLESALE_FR: BillSector = {
  names: {
    FR: [
      "Papeteries Réunies Dalbe SAS",
      "Rhône Bureau Distribution SAS",
      "Comptoir Aquitain du Bureau SARL",
      "Nord Fournitures Pro SA",
    ],
  },
  items: [
    ["Ramette papier A4 80 g blanc (RAM)", 390, 620, 100],
    ["Classeur à levier dos 80 mm (U)", 180, 420, 50],
    ["Stylo bille pointe moyenne bleu, boîte de 50 (BTE)", 1190, 1890, 10],
    ["Toner laser noir compatible HP 415A (U)", 6900, 11900, 6],
    ["Enveloppes C5 blanches, boîte de 500 (BTE)", 2290, 3490, 8],
    ["Notes repositionnables 76 x 76, lot de 12 (LOT)", 690, 1290, 20],
    ["Chemises cartonnées 240 g, paquet de 100 (PAQ)", 990, 1690, 10],
    ["Fauteuil de bureau ergonomique (U)", 14900, 32900, 4],
    ["Piles alcalines AA, boîte de 24 (BTE)", 890, 1490, 10],
  ],
};

/** French banks as a RIB names them, with their BIC. */
const BANKS_FR: [string, string][] = [
  ["BNP PARIBAS LYON ENTREPRISES", "BNPAFRPPXXX"],
  ["CIC LILLE ENTREPRISES", "CMCIFRPPXXX"],
  ["CRÉDIT AGRICOLE AQUITAINE", "AGRIFRPP833"],
  ["SOCIÉTÉ GÉNÉRALE PARIS OPÉRA", "SOGEFRPPXXX"],
];

/**
 * The list price a wholesaler's catalogue shows for a net price after a discount in percent: the one whose
 * discounted price, rounded to the cent, is the net price (one always is for discounts under 50 %).
 */
function listPrice(netCents: number, discount: number): number {
  const guess = Math.round((netCents * 100) / (100 - discount));
  for (const candidate of [guess, guess - 1, guess + 1, guess - 2, guess + 2])
    if (Math.round((candidate * (100 - discount)) / 100) === netCents) return candidate;
  return guess;
}

/** French office-supplies wholesaler: reference cells, order and delivery note, discounts, VAT codes, RIB cells, legal foot. */
export const factureGrossisteFr: BillLayout = {
  name: "facture_grossiste_fr",
  split: "train",
  language: "fr",
  countries: ["FR"],
  lineCount: [2, 26],
  amountStyle: "fr",
  sector: OFFICE_WHOLESALE_FR,
  draw(canvas: BillCanvas, bill: BillData) {
    const amount = (cents: number) => printedAmount(cents, "fr");
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const noise = noiseOf(bill, 83);
    const town = bill.vendor.city.replace(/^\d+ /, "");
    const customer = `${bill.buyer.name.slice(0, 3).toUpperCase()}${noiseDigits(noise, 4)}`;
    const domain = bill.vendor.email.replace(/^.*@/, "");
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 14, bold: true });
    canvas.text("Fournitures de bureau · Consommables · Mobilier", MARGIN, TOP - 13, { size: 7.5, grey: true });
    [bill.vendor.street, bill.vendor.city, `Tél. ${bill.vendor.phone}`, `commandes@${domain}`].forEach((line, i) =>
      canvas.text(line, MARGIN, TOP - 28 - 10 * i, { size: 8 }),
    );
    canvas.text("FACTURE", RIGHT, TOP, { size: 18, bold: true, align: "right" });
    const cells = [
      { label: "N° facture", width: 85 },
      { label: "Date", width: 60 },
      { label: "Code client", width: RIGHT - 330 - 145 },
    ];
    canvas.table(cells, [[bill.invoiceNumber, date(bill.invoiceDate), customer]], TOP - 14, { x: 330, borders: "grid", size: 8 });
    canvas.box(330, TOP - 126, RIGHT - 330, 68);
    canvas.text("Adresse de facturation", 336, TOP - 68, { size: 7, grey: true });
    [bill.buyer.name, bill.buyer.street, bill.buyer.city, `N° TVA intracom. : ${bill.buyer.vat}`].forEach((line, i) =>
      canvas.text(line, 336, TOP - 81 - 11 * i, { size: 8.5, bold: i === 0 }),
    );
    canvas.text("Adresse de livraison", MARGIN, TOP - 80, { size: 7, grey: true });
    [bill.buyer.name, `Réception marchandises, quai ${1 + noise(4)}`, bill.buyer.street, bill.buyer.city].forEach((line, i) =>
      canvas.text(line, MARGIN, TOP - 93 - 11 * i, { size: 8.5 }),
    );
    const ordered = addDays(bill.invoiceDate, -(4 + noise(10)));
    const delivered = addDays(ordered, 1 + noise(3));
    const labels = ["N° de commande", "Date de commande", "Bon de livraison", "Date de livraison", "Représentant"];
    const references = labels.map((label) => ({ label, width: (RIGHT - MARGIN) / labels.length }));
    const ref = [
      `${noiseDigits(noise, 7)}`,
      date(ordered),
      `BL${delivered.slice(2, 4)}${noiseDigits(noise, 5)}`,
      date(delivered),
      ["M. Girard", "Mme Lambert", "Ventes sédentaires", "M. Benali"][noise(4)] ?? "",
    ];
    canvas.table(references, [ref], TOP - 150, { x: MARGIN, borders: "grid", size: 7.5 });
    const codes = new Map(bill.taxes.map((group, i) => [group.rate, String(i + 1)]));
    const rows = bill.lines.map((line) => {
      const discount = [0, 0, 5, 10, 12, 15][noise(6)] ?? 0;
      const [, designation = line.description, unit = "U"] = /^(.*) \((.+)\)$/.exec(line.description) ?? [];
      const initials = designation
        .normalize("NFD")
        .replace(/[^A-Za-z ]/g, "")
        .split(" ")
        .slice(0, 2)
        .map((word) => word.slice(0, 2).toUpperCase())
        .join("");
      return [
        `${initials}${noiseDigits(noise, 4)}`,
        designation,
        String(line.quantity),
        unit,
        amount(listPrice(line.unitCents, discount)),
        discount ? rateOf(discount, ",") : "",
        amount(line.unitCents),
        amount(line.amountCents),
        codes.get(line.taxRate) ?? "1",
      ];
    });
    const columns = [
      { label: "Référence", width: 52 },
      { label: "Désignation", width: 170 },
      { label: "Qté", width: 30, align: "right" as const },
      { label: "U.", width: 26 },
      { label: "P.U. brut", width: 50, align: "right" as const },
      { label: "Rem. %", width: 36, align: "right" as const },
      { label: "P.U. net", width: 50, align: "right" as const },
      { label: "Montant HT", width: 56, align: "right" as const },
      { label: "TVA", width: RIGHT - MARGIN - 470, align: "right" as const },
    ];
    const header = (page: BillCanvas) => {
      page.text(`${bill.vendor.name} · Facture ${bill.invoiceNumber} du ${date(bill.invoiceDate)} · suite`, MARGIN, TOP, {
        size: 8,
        grey: true,
      });
      return TOP - 14;
    };
    let y = canvas.table(columns, rows, TOP - 190, { x: MARGIN, borders: "rules", size: 7.5, onNewPage: header });
    const pages = canvas.doc.getPageCount();
    y = room(canvas, y, 250) - 14;
    if (canvas.doc.getPageCount() > pages) y = header(canvas) - 10;
    const recap = [
      { label: "Code", width: 34 },
      { label: "Base HT", width: 80, align: "right" as const },
      { label: "Taux", width: 46, align: "right" as const },
      { label: "Montant TVA", width: 80, align: "right" as const },
    ];
    const recapRows = bill.taxes.map((group) => [
      codes.get(group.rate) ?? "1",
      amount(group.baseCents),
      `${rateOf(group.rate, ",")} %`,
      amount(group.taxCents),
    ]);
    const recapBottom = canvas.table(recap, recapRows, y, { x: MARGIN, borders: "grid", size: 8 });
    canvas.text("Frais de port : franco (commande supérieure à 150 € HT)", MARGIN, recapBottom - 12, { size: 7, grey: true });
    const totals: [string, string][] = [
      ["Total HT", amount(bill.untaxedCents)],
      ["Total TVA", amount(bill.taxCents)],
      ["Total TTC", amount(bill.totalCents)],
      ["Acompte versé", amount(0)],
    ];
    totals.forEach(([label, value], i) => canvas.pair(label, value, 350, RIGHT - 6, y - 11 - 13 * i, { size: 8.5 }));
    canvas.box(344, y - 82, RIGHT - 344, 20, true);
    canvas.pair("NET À PAYER EUR", amount(bill.totalCents), 350, RIGHT - 6, y - 75, { size: 10, bold: true });
    y = Math.min(recapBottom - 22, y - 90) - 10;
    const lcr = noise(2) === 0;
    canvas.text(`Mode de règlement : ${lcr ? "LCR directe non acceptée" : "virement bancaire"}`, MARGIN, y, { size: 8.5 });
    canvas.text(`Conditions : ${daysBetween(bill.invoiceDate, bill.dueDate)} jours date de facture`, MARGIN, y - 12, {
      size: 8.5,
    });
    canvas.text(`Échéance : ${date(bill.dueDate)}`, 330, y, { size: 8.5, bold: true });
    canvas.text(`Montant : ${amount(bill.totalCents)} €`, 330, y - 12, { size: 8.5 });
    const [bankName, bic] = BANKS_FR[noise(BANKS_FR.length)] ?? ["BNP PARIBAS", "BNPAFRPPXXX"];
    const iban = bill.vendor.iban;
    const rib = [
      { label: "Domiciliation", width: 170 },
      { label: "Code banque", width: 70 },
      { label: "Code guichet", width: 70 },
      { label: "N° de compte", width: 110 },
      { label: "Clé RIB", width: RIGHT - MARGIN - 420 },
    ];
    canvas.text("Relevé d'identité bancaire", MARGIN, y - 32, { size: 7.5, bold: true });
    const ribRow = [bankName, iban.slice(4, 9), iban.slice(9, 14), iban.slice(14, 25), iban.slice(25)];
    y = canvas.table(rib, [ribRow], y - 36, { x: MARGIN, borders: "grid", size: 7.5 });
    canvas.text(`IBAN ${printedIban(iban)}     BIC ${bic}`, MARGIN, y - 11, { size: 8 });
    const mentions = [
      "Catégorie de l'opération : livraison de biens. Escompte pour paiement anticipé : néant.",
      "Tout retard de paiement entraîne des pénalités égales à trois fois le taux d'intérêt légal et une indemnité forfaitaire",
      "pour frais de recouvrement de 40 € (art. L441-10 et D441-5 du Code de commerce). Réserve de propriété jusqu'au paiement",
      "intégral du prix (loi n° 80-335 du 12 mai 1980). Éco-participation incluse dans les prix du mobilier.",
    ];
    mentions.forEach((line, i) => canvas.text(line, MARGIN, y - 30 - 9 * i, { size: 6.5, grey: true }));
    const siret = siretOf(bill.vendor.vat, noise);
    const siren = siret.slice(0, 11);
    const capital = printedAmount((4 + noise(30)) * 2500000, "fr").replace(/,00$/, "");
    const all = canvas.doc.getPages();
    all.forEach((page, i) => {
      canvas.page = page;
      canvas.rule(MARGIN, MARGIN + 20, RIGHT, 0.3);
      canvas.text(
        `${bill.vendor.name} au capital de ${capital} € · RCS ${town} B ${siren} · SIRET ${siret} · NAF 4666Z`,
        A4[0] / 2,
        MARGIN + 10,
        { size: 6.5, grey: true, align: "center" },
      );
      canvas.text(
        `N° TVA intracommunautaire ${bill.vendor.vat} · ${bill.vendor.street}, ${bill.vendor.city}`,
        A4[0] / 2,
        MARGIN + 1,
        {
          size: 6.5,
          grey: true,
          align: "center",
        },
      );
      canvas.text(`Page ${i + 1}/${all.length}`, RIGHT, MARGIN - 10, { size: 7, align: "right" });
    });
  },
};
