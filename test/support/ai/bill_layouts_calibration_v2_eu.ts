/**
 * Calibration bill layouts in French and German, written blind after real vendors' bills and used only to
 * fit the field-confidence calibration (never the bench, never tuning): a Belgian accountancy firm's
 * (fiduciaire) fee invoice, the client's address on the right, "Total TVAC" and a payment box with the
 * structured communication +++123/4567/89012+++; and a German or Austrian print shop's "Rechnung" with
 * its order number, delivery date, job title and "Zahlungsziel … Tage netto". The English ones are in
 * `bill_layouts_calibration_v2.ts`.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { block, col, unitOf } from "./bill_layouts_calibration_v2";
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
  structuredCommunication,
} from "./bill_print";
import { DRUCKEREI, FIDUCIAIRE_BE } from "./bill_sectors_calibration_v2";

/** The city of "1000 Bruxelles" or "8010 Graz", as a court's or a place's name. */
function cityOf(city: string): string {
  return city.replace(/^[A-Z]?-?\d+ /, "");
}

/** Belgian fiduciaire: letter with the client on the right, "Total TVAC", a payment box with the structured communication. */
export const factureFiduciaireBe: BillLayout = {
  name: "facture_fiduciaire_be",
  split: "calibration",
  language: "fr",
  countries: ["BE"],
  lineCount: [1, 5],
  amountStyle: "fr",
  sector: FIDUCIAIRE_BE,
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `${printedAmount(cents, "fr")} €`;
    const noise = noiseOf(bill, 97);
    const place = cityOf(bill.vendor.city).replace("Antwerpen", "Anvers");
    const bic = ["GEBABEBB", "BBRUBEBB", "KREDBEBB", "GKCCBEBB"][noise(4)] ?? "GEBABEBB";
    const itaa = `${noiseDigits(noise, 2)}.${noiseDigits(noise, 3)}.${noiseDigits(noise, 3)}`;
    const communication = structuredCommunication(noise);
    const month = Number(bill.invoiceDate.slice(5, 7));
    const year = Number(bill.invoiceDate.slice(0, 4));
    const quarter = month <= 3 ? 4 : Math.ceil((month - 3) / 3);
    const period = `${quarter === 1 ? "1er" : `${quarter}e`} trimestre ${month <= 3 ? year - 1 : year}`;
    const due = printedDate(bill.dueDate, "dmy_slash");
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 14, bold: true });
    const letterhead = ["Experts-comptables et conseils fiscaux · Membre de l'ITAA", bill.vendor.street, bill.vendor.city];
    block(canvas, [...letterhead, `Tél. ${bill.vendor.phone} · ${bill.vendor.email}`], MARGIN, TOP - 14, { size: 8 }, 10);
    const client = [bill.buyer.name, "Service comptabilité fournisseurs", bill.buyer.street, bill.buyer.city];
    block(canvas, [...client, `N° TVA : ${bill.buyer.vat}`], 320, TOP - 100);
    canvas.text(`${place}, le ${printedDate(bill.invoiceDate, "long_fr")}`, 320, TOP - 175);
    canvas.text(`FACTURE N° ${bill.invoiceNumber}`, MARGIN, TOP - 205, { size: 13, bold: true });
    const info = [col("Réf. client", 100), col("Dossier", 110), col("Période", 150), col("Échéance", 135)];
    const values = [`C${noiseDigits(noise, 4)}`, `${noise(2) ? "SOC" : "TVA"}/${year}/${noiseDigits(noise, 3)}`, period, due];
    canvas.table(info, [values], TOP - 215, { x: MARGIN, borders: "grid", size: 8 });
    canvas.text(`Objet : nos honoraires pour les prestations du ${period}, selon lettre de mission.`, MARGIN, TOP - 264);
    const columns = [col("Description des prestations", 235), col("Qté", 30, true), col("Unité", 55)];
    columns.push(col("P.U. HTVA", 65, true), col("TVA", 35, true), col("Montant HTVA", 75, true));
    const rows = bill.lines.map((line) => {
      const [text, unit] = unitOf(line.description, "forfait");
      const price = printedAmount(line.unitCents, "fr");
      return [text, String(line.quantity), unit, price, `${rateOf(line.taxRate, ",")} %`, printedAmount(line.amountCents, "fr")];
    });
    let y = canvas.table(columns, rows, TOP - 276, { x: MARGIN, borders: "rules", size: 7.5 });
    y = room(canvas, y, 230) - 18;
    canvas.pair("Total HTVA", money(bill.untaxedCents), 330, RIGHT, y);
    for (const group of bill.taxes)
      canvas.pair(`TVA ${rateOf(group.rate, ",")} % sur ${money(group.baseCents)}`, money(group.taxCents), 330, RIGHT, (y -= 13));
    canvas.rule(330, y - 6, RIGHT, 0.8);
    canvas.pair("Total TVAC", money(bill.totalCents), 330, RIGHT, (y -= 20), { bold: true, size: 11 });
    y -= 30;
    canvas.box(MARGIN, y - 62, RIGHT - MARGIN, 70);
    const payment = [
      `Merci de verser la somme de ${money(bill.totalCents)} au plus tard le ${due}`,
      `sur le compte IBAN ${printedIban(bill.vendor.iban)} (BIC ${bic}) de ${bill.vendor.name},`,
      `avec la communication structurée ${communication}`,
    ];
    canvas.text("Paiement", MARGIN + 8, y - 8, { bold: true });
    block(canvas, payment, MARGIN + 8, y - 22, {}, 13);
    const terms = [
      `Nos honoraires sont payables à ${daysBetween(bill.invoiceDate, bill.dueDate)} jours date de facture. Tout montant impayé à l'échéance`,
      "produit de plein droit un intérêt de retard au taux légal (loi du 2 août 2002) et une indemnité forfaitaire de 40 €.",
      "Toute contestation doit nous parvenir par écrit dans les huit jours de la réception de la présente facture.",
    ];
    block(canvas, terms, MARGIN, y - 85, { size: 7, grey: true }, 9);
    const court = place === "Anvers" ? "RPM Anvers" : `RPM ${place}`;
    const pages = canvas.doc.getPages();
    pages.forEach((page, i) => {
      canvas.page = page;
      canvas.rule(MARGIN, MARGIN + 14, RIGHT, 0.3);
      const legal = `${bill.vendor.name} · N° d'entreprise / TVA ${belgianVat(bill.vendor.vat)} · ${court} · ITAA ${itaa}`;
      canvas.text(legal, MARGIN, MARGIN + 4, { size: 6.5, grey: true });
      const bank = `IBAN ${printedIban(bill.vendor.iban)} · BIC ${bic} · Page ${i + 1}/${pages.length}`;
      canvas.text(bank, MARGIN, MARGIN - 5, { size: 6.5, grey: true });
    });
  },
};

/** German or Austrian print shop: grey band letterhead, a grid with the order number and delivery date, "Rechnungsbetrag". */
export const rechnungDruckereiDe: BillLayout = {
  name: "rechnung_druckerei_de",
  split: "calibration",
  language: "de",
  countries: ["DE", "AT"],
  lineCount: [1, 8],
  amountStyle: "de",
  sector: DRUCKEREI,
  draw(canvas: BillCanvas, bill: BillData) {
    const austrian = bill.vendor.country === "AT";
    const amount = (cents: number) => printedAmount(cents, "de");
    const date = (iso: string) => printedDate(iso, "dmy_dot");
    const noise = noiseOf(bill, 89);
    const city = cityOf(bill.vendor.city);
    const delivered = addDays(bill.invoiceDate, -(1 + noise(6)));
    const ordered = addDays(delivered, -(4 + noise(9)));
    const job = ["Frühjahrsmailing", "Messeauftritt", "Geschäftsausstattung", "Imagebroschüre", "Jahresbericht"][noise(5)] ?? "";
    canvas.box(MARGIN, TOP - 16, RIGHT - MARGIN, 34, true);
    canvas.text(bill.vendor.name, MARGIN + 8, TOP - 4, { size: 16, bold: true });
    canvas.text("Offsetdruck · Digitaldruck · Großformat · Weiterverarbeitung", RIGHT - 8, TOP - 3, {
      size: 7.5,
      align: "right",
    });
    canvas.text(`${bill.vendor.name} · ${bill.vendor.street} · ${bill.vendor.city}`, MARGIN, TOP - 70, { size: 6.5 });
    canvas.rule(MARGIN, TOP - 73, MARGIN + 240, 0.3);
    block(canvas, [bill.buyer.name, "z. Hd. Marketing / Einkauf", bill.buyer.street, bill.buyer.city], MARGIN, TOP - 88, {}, 12);
    const contactPerson = ["Sabine Krüger", "Markus Ebner", "Jana Wolff", "Stefan Pichler"][noise(4)] ?? "";
    const contact = ["Ihr Ansprechpartner", contactPerson, `Tel. ${bill.vendor.phone}`, bill.vendor.email];
    block(canvas, contact, 370, TOP - 70, { size: 8 }, 11);
    canvas.text(`Rechnung Nr. ${bill.invoiceNumber}`, MARGIN, TOP - 170, { size: 14, bold: true });
    const grid = [col("Rechnungsdatum", 95), col("Kundennummer", 95), col("Auftragsnummer", 105), col("Lieferdatum", 95)];
    const order = `A${bill.invoiceDate.slice(2, 4)}-${noiseDigits(noise, 5)}`;
    const values = [date(bill.invoiceDate), noiseDigits(noise, 5), order, date(delivered), date(ordered)];
    canvas.table([...grid, col("Ihre Bestellung vom", 105)], [values], TOP - 180, { x: MARGIN, borders: "grid", size: 8 });
    canvas.text(`Objekt: ${job} ${bill.invoiceDate.slice(0, 4)}`, MARGIN, TOP - 225, { bold: true });
    canvas.text(
      `Ihr Zeichen: ${["Frau Keller", "Herr Brandt", "Frau Novak"][noise(3)]}, Freigabe Druck-PDF per E-Mail`,
      MARGIN,
      TOP - 238,
    );
    const salutation = "Sehr geehrte Damen und Herren, für die Ausführung des oben genannten Auftrags berechnen wir Ihnen:";
    canvas.text(salutation, MARGIN, TOP - 260);
    const columns = [col("Pos.", 28), col("Menge", 42, true), col("Einh.", 35), col("Bezeichnung", 240)];
    columns.push(col("Einzelpreis €", 70, true), col("Gesamtpreis €", 80, true));
    const rows = bill.lines.map((line, i) => {
      const [text, unit] = unitOf(line.description, "Stk.");
      return [String(i + 1), String(line.quantity), unit, text, amount(line.unitCents), amount(line.amountCents)];
    });
    let y = canvas.table(columns, rows, TOP - 272, { x: MARGIN, borders: "rules", size: 7.5 });
    y = room(canvas, y, 200) - 18;
    canvas.pair("Summe netto", `${amount(bill.untaxedCents)} EUR`, 330, RIGHT, y);
    for (const group of bill.taxes)
      canvas.pair(
        `zzgl. ${rateOf(group.rate, ",")} % ${austrian ? "USt." : "MwSt."}`,
        `${amount(group.taxCents)} EUR`,
        330,
        RIGHT,
        (y -= 13),
      );
    canvas.rule(330, y - 6, RIGHT, 1);
    canvas.pair("Rechnungsbetrag", `${amount(bill.totalCents)} EUR`, 330, RIGHT, (y -= 20), { bold: true, size: 11 });
    const days = daysBetween(bill.invoiceDate, bill.dueDate);
    const closing = [
      `Zahlungsziel ${days} Tage netto - zahlbar ohne Abzug bis zum ${date(bill.dueDate)}. Bitte geben Sie die Rechnungsnummer an.`,
      "Das Leistungsdatum entspricht dem Lieferdatum. Die Ware bleibt bis zur vollständigen Bezahlung unser Eigentum.",
      "Mehr- oder Minderlieferungen bis 10 % der bestellten Auflage bleiben vorbehalten (AGB der Druckindustrie).",
    ];
    block(canvas, closing, MARGIN, (y -= 40), { size: 8 }, 12);
    block(canvas, ["Mit freundlichen Grüßen", `Ihr Team von ${bill.vendor.name}`], MARGIN, y - 50, {}, 12);
    const taxNumber = `St.-Nr. ${noiseDigits(noise, 2)}/${noiseDigits(noise, 3)}/${noiseDigits(noise, 5)}`;
    const court = `${city === "Wien" ? "Handelsgericht" : "Landesgericht"} ${city}`;
    const register = austrian
      ? `FN ${noiseDigits(noise, 6)}${"abdfkmpt"[noise(8)]}, ${court} · UID-Nr. ${bill.vendor.vat}`
      : `Amtsgericht ${city} HRB ${noiseDigits(noise, 5)} · USt-IdNr. ${bill.vendor.vat} · ${taxNumber}`;
    const bank = austrian
      ? "Raiffeisenbank · BIC RZOOAT2L"
      : `Volksbank ${city} eG · BIC GENODEF1${["HH2", "M01", "K01", "LVB"][noise(4)]}`;
    const manager = ["Dipl.-Ing. Peter Albrecht", "Claudia Lindner", "Thomas Hofbauer"][noise(3)] ?? "";
    const pages = canvas.doc.getPages();
    pages.forEach((page, i) => {
      canvas.page = page;
      canvas.rule(MARGIN, MARGIN + 22, RIGHT, 0.3);
      const footer = [
        `${bill.vendor.name} · ${bill.vendor.street} · ${bill.vendor.city} · Geschäftsführung: ${manager}`,
        register,
        `${bank} · IBAN ${printedIban(bill.vendor.iban)} · Seite ${i + 1} von ${pages.length}`,
      ];
      footer.forEach((line, l) => canvas.text(line, A4[0] / 2, MARGIN + 13 - 8 * l, { size: 6.5, grey: true, align: "center" }));
    });
  },
};
