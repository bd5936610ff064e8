/**
 * A held-out bill layout in French (fifth set), written blind after real Belgian and Luxembourg energy
 * suppliers' bills: a professional customer's monthly electricity and gas bill on real (remote) meter
 * readings. A first page sums it up (customer and contract numbers, the delivery points' EAN codes, the
 * consumption period "du … au …", "Montant à payer" "à payer avant le", a breakdown by energy, a
 * twelve-month consumption chart and a transfer slip with the structured communication); the next ones
 * detail the meter readings, each price component with its period, the VAT and the supplier's legal
 * mentions (N° d'entreprise, TVA, regulator and ombudsman).
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData, BillLine } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { block, col, unitOf } from "./bill_layouts_calibration_v2";
import { MARGIN, RIGHT, TOP, belgianVat, noiseDigits, noiseOf, rateOf, room, structuredCommunication } from "./bill_print";
import { ENERGY_BE } from "./bill_sectors_heldout_v5_es_be";

type Pick = (n: number) => number;
const SITES = {
  BE: [
    "Rue de l'Industrie 12, 4460 Grâce-Hollogne",
    "Zoning des Hauts-Sarts 2, 4040 Herstal",
    "Avenue Jean Mermoz 30, 6041 Gosselies",
  ],
  LU: ["Zone d'activités Bourmicht 8, L-8070 Bertrange", "Rue de l'Industrie 5, L-3895 Foetz", "Op der Hött 14, L-9964 Huldange"],
};
const MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];
const BICS = { BE: ["GEBABEBB", "BBRUBEBB", "KREDBEBB", "GKCCBEBB"], LU: ["BCEELULL", "BGLLLULL", "CCRALULL", "BILLLULL"] };

/** A Belgian EAN (GSRN) of a delivery point: 18 digits, "5414…", with its GS1 check digit. */
function ean(pick: Pick): string {
  const body = `5414${noiseDigits(pick, 13)}`;
  const sum = [...body].reverse().reduce((acc, ch, i) => acc + Number(ch) * (i % 2 === 0 ? 3 : 1), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const fuelOf = (line: BillLine) =>
  line.description.startsWith("Électricité") ? "elec" : line.description.startsWith("Gaz") ? "gas" : "tax";

/** Each line's own period: a component billed more than once changed price within the month. */
function periods(lines: readonly BillLine[], start: string, end: string): string[] {
  const days = Math.round((Date.parse(end) - Date.parse(start)) / 86400000) + 1;
  const seen = new Map<string, number>();
  return lines.map((line) => {
    const count = lines.filter((other) => other.description === line.description).length;
    const index = seen.get(line.description) ?? 0;
    seen.set(line.description, index + 1);
    const from = addDays(start, Math.floor((days * index) / count));
    const to = index + 1 === count ? end : addDays(start, Math.floor((days * (index + 1)) / count) - 1);
    return `${printedDate(from, "dmy_slash").slice(0, 5)}-${printedDate(to, "dmy_slash").slice(0, 5)}`;
  });
}

/** Belgian or Luxembourg energy supplier: summary page with transfer slip, then readings and price details. */
export const factureEnergieBe: BillLayout = {
  name: "facture_energie_be",
  split: "heldout",
  language: "fr",
  countries: ["BE", "LU"],
  lineCount: [3, 10],
  amountStyle: "space",
  sector: ENERGY_BE,
  draw(canvas: BillCanvas, bill: BillData) {
    const amount = (cents: number) => printedAmount(cents, "space");
    const euros = (cents: number) => `${amount(cents)} €`;
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const noise = noiseOf(bill, 163);
    const belgian = bill.vendor.country === "BE";
    const country = belgian ? "BE" : "LU";
    const bic = BICS[country][noise(4)] ?? "GEBABEBB";
    const end = addDays(`${bill.invoiceDate.slice(0, 7)}-01`, -1);
    const start = `${end.slice(0, 7)}-01`;
    const monthName = printedDate(start, "long_fr").replace(/^1er /, "");
    const site = SITES[country][noise(3)] ?? "";
    const customer = noiseDigits(noise, 10);
    const contract = `${noiseDigits(noise, 3)} ${noiseDigits(noise, 3)} ${noiseDigits(noise, 3)}`;
    const fuels = (["elec", "gas"] as const).filter((fuel) => bill.lines.some((line) => fuelOf(line) === fuel));
    if (fuels.length === 0) fuels.push("elec");
    const points = fuels.map((fuel) => ({
      fuel,
      label: fuel === "elec" ? "Électricité" : "Gaz naturel",
      code: belgian ? ean(noise) : `LU0000010${noiseDigits(noise, 19)}`,
      meter: fuel === "elec" ? `1SAG${noiseDigits(noise, 10)}` : `G${noiseDigits(noise, 8)}`,
      cents: bill.lines.filter((line) => fuelOf(line) === fuel).reduce((sum, line) => sum + line.amountCents, 0),
    }));
    const levies = bill.lines.filter((line) => fuelOf(line) === "tax").reduce((sum, line) => sum + line.amountCents, 0);
    const rates = bill.taxes.map((group) => `${rateOf(group.rate, ",")} %`).join(" / ");
    const communication = belgian ? structuredCommunication(noise) : `${bill.invoiceNumber} / ${customer}`;
    const enterprise = bill.vendor.vat.replace(/^BE(\d{4})(\d{3})(\d{3})$/, "$1.$2.$3");

    // Page 1: the summary.
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 16, bold: true });
    canvas.text("Électricité et gaz naturel pour les professionnels", MARGIN, TOP - 14, { size: 8, grey: true });
    const service = [`Service clientèle ${bill.vendor.phone}`, "du lundi au vendredi de 8 h à 18 h", bill.vendor.email];
    block(canvas, service, RIGHT, TOP, { size: 7.5, align: "right" }, 10);
    block(canvas, [bill.buyer.name, "Service comptabilité", bill.buyer.street, bill.buyer.city], 330, TOP - 80, {}, 12);
    const refs: [string, string][] = [
      ["N° de client", customer],
      ["N° de contrat", contract],
      ["Facture n°", bill.invoiceNumber],
      ["Date de facture", date(bill.invoiceDate)],
      ["Votre n° de TVA", bill.buyer.vat],
    ];
    refs.forEach(([label, value], i) => {
      canvas.text(label, MARGIN, TOP - 80 - 12 * i, { size: 8, grey: true });
      canvas.text(value, MARGIN + 85, TOP - 80 - 12 * i, { size: 8, bold: i === 2 });
    });
    canvas.text(`Facture mensuelle de ${monthName} – relevé réel`, MARGIN, TOP - 165, { size: 13, bold: true });
    canvas.text(`Période de consommation du ${date(start)} au ${date(end)}`, MARGIN, TOP - 180, { size: 9 });
    canvas.box(MARGIN, TOP - 268, 215, 72, true);
    canvas.text("Montant à payer", MARGIN + 12, TOP - 214, { size: 10, bold: true });
    canvas.text(euros(bill.totalCents), MARGIN + 12, TOP - 238, { size: 20, bold: true });
    canvas.text(`à payer avant le ${date(bill.dueDate)}`, MARGIN + 12, TOP - 256, { size: 9 });
    let y = TOP - 206;
    canvas.text("Aperçu de votre facture", 300, y, { size: 9, bold: true });
    for (const point of points) canvas.pair(`${point.label} (HTVA)`, euros(point.cents), 300, RIGHT, (y -= 13), { size: 8.5 });
    if (levies > 0) canvas.pair("Cotisations et surcharges (HTVA)", euros(levies), 300, RIGHT, (y -= 13), { size: 8.5 });
    canvas.rule(300, y - 5, RIGHT, 0.4);
    canvas.pair("Total hors TVA", euros(bill.untaxedCents), 300, RIGHT, (y -= 17), { size: 8.5 });
    canvas.pair(`TVA ${rates}`, euros(bill.taxCents), 300, RIGHT, (y -= 13), { size: 8.5 });
    canvas.pair("Total TVA comprise", euros(bill.totalCents), 300, RIGHT, (y -= 13), { size: 8.5, bold: true });
    y = Math.min(y, TOP - 268) - 28;
    for (const point of points) {
      canvas.text(`${point.label} – ${belgian ? "code EAN" : "code POD"} ${point.code}`, MARGIN, y, { size: 8, bold: true });
      canvas.text(`Adresse de fourniture : ${site}`, MARGIN, y - 11, { size: 8 });
      y -= 28;
    }
    const energies = points.map((point) => (point.fuel === "elec" ? "d'électricité" : "de gaz naturel")).join(" et ");
    canvas.text(`Votre consommation ${energies} des 12 derniers mois (kWh)`, MARGIN, y, { size: 8, bold: true });
    const base = y - 72;
    for (let m = 0; m < 12; m++) {
      const height = 12 + noise(44) + (m < 3 || m > 9 ? 10 : 0);
      canvas.box(MARGIN + 10 + 40 * m, base, 22, height, m !== 11);
      const label = MONTHS[(Number(start.slice(5, 7)) + m) % 12] ?? "";
      canvas.text(label, MARGIN + 21 + 40 * m, base - 10, { size: 6.5, align: "center", grey: true });
    }
    y = MARGIN + 155;
    canvas.rule(MARGIN, y, RIGHT, 0.3);
    canvas.text("- - - Virement - - -", RIGHT, y + 3, { size: 6, grey: true, align: "right" });
    canvas.box(MARGIN, y - 112, RIGHT - MARGIN, 100);
    const slip: [string, string][] = [
      ["Montant", euros(bill.totalCents)],
      ["Compte bénéficiaire (IBAN)", printedIban(bill.vendor.iban)],
      ["BIC", bic],
      ["Bénéficiaire", bill.vendor.name],
      [belgian ? "Communication structurée" : "Communication", communication],
      ["Date d'échéance", date(bill.dueDate)],
    ];
    slip.forEach(([label, value], i) => {
      canvas.text(label, MARGIN + 10, y - 26 - 14 * i, { size: 8, grey: true });
      canvas.text(value, MARGIN + 150, y - 26 - 14 * i, { size: 9, bold: i === 0 || i === 4 });
    });
    const legal = belgian
      ? `N° d'entreprise ${enterprise} · TVA ${belgianVat(bill.vendor.vat)} · RPM Bruxelles · Fournisseur agréé CWaPE, BRUGEL et VREG`
      : `RCS Luxembourg B${noiseDigits(noise, 6)} · TVA ${bill.vendor.vat} · Fournisseur autorisé par l'ILR`;
    const mediation = belgian
      ? "Plainte ? Service de Médiation de l'Énergie, boulevard du Roi Albert II 8, 1000 Bruxelles – www.mediateurenergie.be"
      : "Réclamation ? Service de médiation de l'ILR, 17, rue du Fossé, L-1536 Luxembourg";

    // Page 2: readings and details.
    canvas.newPage();
    const detail = `${bill.vendor.name} – facture n° ${bill.invoiceNumber} du ${date(bill.invoiceDate)} – détail`;
    const header = (c: BillCanvas) => {
      c.text(detail, MARGIN, TOP, { size: 8, grey: true });
      return TOP - 20;
    };
    y = header(canvas);
    canvas.text("Relevés de compteur", MARGIN, y, { size: 11, bold: true });
    y -= 8;
    const readingRows: string[][] = [];
    for (const point of points) {
      const kwh = bill.lines.filter((line) => fuelOf(line) === point.fuel && unitOf(line.description, "")[1] === "kWh");
      const registers = point.fuel === "elec" ? ["heures pleines", "heures creuses"] : ["énergie consommée"];
      const rows = registers
        .map((register) => [register, kwh.filter((line) => line.description.includes(register))] as const)
        .filter(([, lines]) => lines.length > 0);
      // No energy line: the register read as a whole, its index unchanged when only fixed fees apply.
      if (rows.length === 0) rows.push(["total", kwh.slice(0, 1)]);
      for (const [register, lines] of rows) {
        const used = lines.reduce((sum, line) => sum + line.quantity, 0);
        const factor = point.fuel === "gas" ? 10 + noise(10) / 10 : 1;
        const units = Math.round(used / factor);
        const from = 10000 + noise(80000);
        const unit = point.fuel === "gas" ? "m³" : "kWh";
        const name = `${point.label} ${register}`;
        readingRows.push([name, point.meter, `${from} ${unit}`, `${from + units} ${unit}`, `${used} kWh`]);
      }
    }
    const readingColumns = [col("Registre", 155), col("Compteur", 90), col(`Index au ${date(start)}`, 85, true)];
    readingColumns.push(col(`Index au ${date(end)}`, 85, true), col("Consommation", RIGHT - MARGIN - 415, true));
    y = canvas.table(readingColumns, readingRows, y, { x: MARGIN, borders: "rules", size: 7.5 });
    const note = readingRows.some((row) => row[0]?.startsWith("Gaz"))
      ? "Gaz : m³ convertis en kWh selon le pouvoir calorifique supérieur publié par le gestionnaire de réseau."
      : "Index télérelevés par le gestionnaire de réseau de distribution.";
    canvas.text(note, MARGIN, y - 10, { size: 7, grey: true });
    y -= 36;
    canvas.text("Détail des montants", MARGIN, y, { size: 11, bold: true });
    const spans = periods(bill.lines, start, end);
    // Grouped by energy, each component's lines together in their periods' order.
    const first = (line: BillLine) => bill.lines.findIndex((other) => other.description === line.description);
    const order = (line: BillLine) => 100 * ["elec", "gas", "tax"].indexOf(fuelOf(line)) + first(line);
    const sorted = bill.lines.map((line, i) => ({ line, span: spans[i] ?? "" })).sort((a, b) => order(a.line) - order(b.line));
    const rows = sorted.map(({ line, span }) => {
      const [text, unit] = unitOf(line.description, "forfait");
      const price =
        unit === "kWh" ? `${(line.unitCents / 100).toFixed(4).replace(".", ",")} €/kWh` : `${amount(line.unitCents)} €`;
      const quantity = unit === "kWh" ? `${line.quantity} kWh` : `${line.quantity} ${unit}`;
      return [text, span, quantity, price, `${rateOf(line.taxRate, ",")} %`, amount(line.amountCents)];
    });
    const columns = [col("Description", 190), col("Période", 65), col("Quantité", 60, true), col("Prix unitaire", 75, true)];
    columns.push(col("TVA", 35, true), col("Montant HTVA (€)", RIGHT - MARGIN - 425, true));
    y = canvas.table(columns, rows, y - 8, { x: MARGIN, borders: "stripes", size: 7.5, onNewPage: header });
    y = room(canvas, y, 200) - 16;
    const vatRows = bill.taxes.map((group) => [
      amount(group.baseCents),
      `${rateOf(group.rate, ",")} %`,
      amount(group.taxCents),
      amount(group.baseCents + group.taxCents),
    ]);
    const vatColumns = [col("Base HTVA (€)", 90, true), col("Taux TVA", 60, true), col("TVA (€)", 80, true)];
    vatColumns.push(col("Total TVAC (€)", 90, true));
    y = canvas.table(vatColumns, vatRows, y, { x: MARGIN, borders: "grid", size: 8 }) - 20;
    canvas.pair("Total HTVA", euros(bill.untaxedCents), 330, RIGHT, y, { size: 9 });
    canvas.pair("Total TVA", euros(bill.taxCents), 330, RIGHT, (y -= 13), { size: 9 });
    canvas.rule(330, y - 6, RIGHT, 0.8);
    canvas.pair("Montant à payer", euros(bill.totalCents), 330, RIGHT, (y -= 20), { size: 11, bold: true });
    y -= 30;
    const info = [
      "Prix de l'énergie : formule variable, indexée chaque mois. Les frais de réseau sont fixés par le régulateur et reversés",
      "au gestionnaire de réseau. Comparez les offres des fournisseurs sur le site du régulateur de votre région.",
      `Paiement par domiciliation possible : contactez-nous en mentionnant votre n° de client ${customer}.`,
    ];
    block(canvas, info, MARGIN, y, { size: 7, grey: true }, 9);

    const pages = canvas.doc.getPages();
    pages.forEach((page, i) => {
      canvas.page = page;
      canvas.rule(MARGIN, MARGIN + 10, RIGHT, 0.3);
      canvas.text(`${bill.vendor.name} · ${bill.vendor.street}, ${bill.vendor.city} · ${legal}`, MARGIN, MARGIN, { size: 6 });
      canvas.text(`${mediation} · IBAN ${printedIban(bill.vendor.iban)} · BIC ${bic}`, MARGIN, MARGIN - 8, {
        size: 6,
        grey: true,
      });
      canvas.text(`${i + 1}/${pages.length}`, RIGHT, MARGIN - 18, { size: 6.5, grey: true, align: "right" });
    });
  },
};
