/**
 * A held-out bill layout of the fifth set, in German, written blind after real hotels' bills: a German or
 * Austrian conference hotel's "Rechnung" to a company for a stay or a seminar, as the hotel's front-office
 * system prints it (centred letterhead, the company in the address window and the guest, room, arrival
 * and departure in a folio block on the right, one dated row per night, seminar packages per person,
 * "Gesamtbetrag", the VAT split by rate with net and gross, "zahlbar bis", and a three-column footer with
 * the commercial register, VAT identification number and bank account).
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { block, col, unitOf } from "./bill_layouts_calibration_v2";
import { A4, MARGIN, RIGHT, TOP, daysBetween, noiseDigits, noiseOf, rateOf, room } from "./bill_print";
import { HOTEL_DE } from "./bill_sectors_heldout_v5_fr_de";

/** The savings bank of the hotel's town, with its BIC. */
const BANKS: Record<string, [name: string, bic: string]> = {
  Hamburg: ["Hamburger Sparkasse", "HASPDEHHXXX"],
  München: ["Stadtsparkasse München", "SSKMDEMMXXX"],
  Köln: ["Sparkasse KölnBonn", "COLSDE33XXX"],
  Leipzig: ["Sparkasse Leipzig", "WELADE8LXXX"],
  Wien: ["Erste Bank der oesterreichischen Sparkassen", "GIBAATWWXXX"],
  Graz: ["Steiermärkische Sparkasse", "STSPAT2GXXX"],
  Linz: ["Sparkasse Oberösterreich", "ASPKAT2LXXX"],
  Salzburg: ["Salzburger Sparkasse", "SBGSAT2SXXX"],
};

const GUESTS = ["Herr Jan Becker", "Frau Dr. Miriam Sommer", "Herr Lukas Brenner", "Frau Anna Lechner", "Herr Tobias Wendt"];
const EVENTS = ["Vertriebstagung", "Führungskräfte-Workshop", "Strategieklausur", "Produktschulung", "Jahresauftaktmeeting"];
const ROOMS = ["Salon Bellevue", "Lindenblüte", "Panoramasaal", "Bibliothek"];

/** "2026-03-14" → "14.03.26", as front-office systems print folio dates. */
function short(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(2, 4)}`;
}

interface FolioRow {
  day: string;
  text: string;
  quantity: number;
  unitCents: number;
  amountCents: number;
}

/** German or Austrian conference hotel: folio block, one dated row per night, VAT split, "zahlbar bis", register footer. */
export const rechnungHotelDe: BillLayout = {
  name: "rechnung_hotel_de",
  split: "heldout",
  language: "de",
  countries: ["DE", "AT"],
  lineCount: [2, 7],
  amountStyle: "de",
  sector: HOTEL_DE,
  draw(canvas: BillCanvas, bill: BillData) {
    const austrian = bill.vendor.country === "AT";
    const amount = (cents: number) => printedAmount(cents, "de");
    const date = (iso: string) => printedDate(iso, "dmy_dot");
    const noise = noiseOf(bill, 107);
    const town = bill.vendor.city.replace(/^\d+ /, "");
    const brand = bill.vendor.name.replace(/ (GmbH & Co\.? KG|Betriebs-GmbH|GmbH)$/, "");
    const tax = austrian ? "USt." : "MwSt.";

    const units = bill.lines.map((line) => unitOf(line.description, "pauschal"));
    const nightly = bill.lines.filter((_, i) => units[i]?.[1] === "Nacht");
    const days = Math.max(1, ...bill.lines.filter((_, i) => units[i]?.[1] === "Tag").map((line) => line.quantity));
    const nights = Math.max(0, ...nightly.map((line) => line.quantity));
    const departure = addDays(bill.invoiceDate, -noise(3));
    const arrival = addDays(departure, nights ? -nights : 1 - days);
    const span = Math.max(1, nights || days);
    const persons = Math.max(1, ...bill.lines.filter((_, i) => units[i]?.[1] === "Pers.").map((line) => line.quantity));
    const rooms: string[] = [];
    const firstRoom = 100 * (1 + noise(4)) + 1 + noise(30);
    const rows: FolioRow[] = [];
    bill.lines.forEach((line, i) => {
      const [text = line.description, unit = "pauschal"] = units[i] ?? [];
      if (unit === "Nacht" || unit === "Tag") {
        let label = text;
        if (text.startsWith("Übernachtung")) {
          rooms.push(String(firstRoom + rooms.length));
          label = `${text} · Zi. ${rooms[rooms.length - 1]}`;
        }
        for (let n = 0; n < line.quantity; n++)
          rows.push({
            day: addDays(arrival, n),
            text: label,
            quantity: 1,
            unitCents: line.unitCents,
            amountCents: line.unitCents,
          });
      } else {
        const day = unit === "pauschal" ? addDays(arrival, span - 1) : addDays(arrival, i % span);
        rows.push({ day, text, quantity: line.quantity, unitCents: line.unitCents, amountCents: line.amountCents });
      }
    });
    rows.sort((a, b) => a.day.localeCompare(b.day));
    const event = bill.lines.some((_, i) => units[i]?.[1] === "Pers." || units[i]?.[1] === "Tag");

    canvas.text(brand, A4[0] / 2, TOP, { size: 18, bold: true, align: "center" });
    canvas.text("Tagungshotel · Restaurant · Wellness", A4[0] / 2, TOP - 15, { size: 8, grey: true, align: "center" });
    const contact = `${bill.vendor.street} · ${bill.vendor.city} · Tel. ${bill.vendor.phone} · ${bill.vendor.email}`;
    canvas.text(contact, A4[0] / 2, TOP - 27, { size: 7.5, align: "center" });
    canvas.rule(MARGIN, TOP - 35, RIGHT, 0.6);

    canvas.text(`${bill.vendor.name} · ${bill.vendor.street} · ${bill.vendor.city}`, MARGIN, TOP - 78, { size: 6, grey: true });
    canvas.rule(MARGIN, TOP - 81, MARGIN + 240, 0.3);
    const address = [bill.buyer.name, "Reisestelle / Kreditorenbuchhaltung", bill.buyer.street, bill.buyer.city];
    address.forEach((line, i) => canvas.text(line, MARGIN, TOP - 96 - 12 * i, { bold: i === 0 }));

    const guest = GUESTS[noise(GUESTS.length)] ?? "";
    const roomValue = rooms.length
      ? rooms.length > 2
        ? `${rooms[0]} u. ${rooms.length - 1} weitere`
        : rooms.join(", ")
      : (ROOMS[noise(ROOMS.length)] ?? "");
    const folio: [string, string][] = [
      ["Rechnungsdatum", date(bill.invoiceDate)],
      ["Gast", rooms.length > 1 ? `${guest} u. a.` : guest],
      [rooms.length ? "Zimmer" : "Raum", roomValue],
      ["Anreise", short(arrival)],
      ["Abreise", short(departure)],
      ["Personen", String(Math.max(persons, rooms.length))],
      ["Reservierungsnr.", noiseDigits(noise, 7)],
      ["Debitor", `D${noiseDigits(noise, 5)}`],
      ["Kassierer", ["FO-SANDRA", "FO-MARKUS", "FO-LEA", "NA-PETRA"][noise(4)] ?? ""],
    ];
    folio.forEach(([label, value], i) => {
      canvas.text(`${label}:`, 345, TOP - 60 - 11 * i, { size: 8, grey: true });
      canvas.text(value, 425, TOP - 60 - 11 * i, { size: 8 });
    });

    canvas.text(`Rechnung Nr. ${bill.invoiceNumber}`, MARGIN, TOP - 190, { size: 13, bold: true });
    const purpose = event
      ? `Veranstaltung: ${EVENTS[noise(EVENTS.length)]} ${bill.buyer.name} · ${persons} Teilnehmer`
      : `Geschäftsreise zur Firmenrate ${bill.buyer.name}`;
    canvas.text(purpose, MARGIN, TOP - 204, { size: 8.5 });
    canvas.text(`Ihre Bestellnummer: PO-${noiseDigits(noise, 6)}`, MARGIN, TOP - 215, { size: 8.5 });

    const columns = [col("Datum", 50), col("Leistung", 255), col("Anzahl", 40, true), col("Einzelpreis", 70, true)];
    columns.push(col("Betrag EUR", RIGHT - MARGIN - 415, true));
    const cells = rows.map((row) => [
      short(row.day),
      row.text,
      String(row.quantity),
      amount(row.unitCents),
      amount(row.amountCents),
    ]);
    const continued = (page: BillCanvas) =>
      page.text(`${brand} · Rechnung Nr. ${bill.invoiceNumber} · Fortsetzung`, MARGIN, TOP, { size: 8, grey: true });
    const header = (page: BillCanvas) => {
      continued(page);
      page.rule(MARGIN, TOP - 31, RIGHT, 0.6);
      return TOP - 16;
    };
    canvas.rule(MARGIN, TOP - 241, RIGHT, 0.6);
    let y = canvas.table(columns, cells, TOP - 226, { x: MARGIN, borders: "none", size: 8, onNewPage: header });
    canvas.rule(MARGIN, y - 2, RIGHT, 0.6);

    const pagesBefore = canvas.doc.getPageCount();
    y = room(canvas, y, 215) - 16;
    if (canvas.doc.getPageCount() > pagesBefore) continued(canvas);
    canvas.pair("Gesamtbetrag", `EUR ${amount(bill.totalCents)}`, 330, RIGHT - 4, y, { bold: true, size: 10 });
    canvas.pair("Offener Saldo", `EUR ${amount(bill.totalCents)}`, 330, RIGHT - 4, y - 14, { size: 8.5 });
    const split = [col(`${tax}-Satz`, 70), col("Netto", 75, true), col(tax, 70, true), col("Brutto", 75, true)];
    const splitRows = bill.taxes.map((group) => [
      `${rateOf(group.rate, ",")} %`,
      amount(group.baseCents),
      amount(group.taxCents),
      amount(group.baseCents + group.taxCents),
    ]);
    splitRows.push(["Summe", amount(bill.untaxedCents), amount(bill.taxCents), amount(bill.totalCents)]);
    y = canvas.table(split, splitRows, y - 30, { x: MARGIN, borders: "rules", size: 8 }) - 20;

    const due = daysBetween(bill.invoiceDate, bill.dueDate);
    const payment = [
      `Zahlungsziel ${due} Tage: zahlbar bis ${date(bill.dueDate)} ohne Abzug auf das unten genannte Konto.`,
      "Bitte geben Sie bei der Überweisung die Rechnungsnummer an. Die Leistungen wurden im Aufenthaltszeitraum erbracht.",
    ];
    block(canvas, payment, MARGIN, y, { size: 8.5 }, 12);
    block(
      canvas,
      ["Vielen Dank für Ihren Aufenthalt. Wir freuen uns, Sie bald wieder bei uns begrüßen zu dürfen.", `Ihr Team des ${brand}`],
      MARGIN,
      y - 34,
      { size: 8.5 },
      12,
    );

    const [bankName, bic] = BANKS[town] ?? ["Commerzbank", "COBADEFFXXX"];
    const manager = ["Christian Hoffmeister", "Sabine Reichl", "Matthias Auer", "Katharina Brandl"][noise(4)] ?? "";
    const kg = / KG$/.test(bill.vendor.name);
    const register = austrian
      ? [
          "Firmenbuch",
          `FN ${noiseDigits(noise, 6)}${"abdfkmpt"[noise(8)]}`,
          `${town === "Wien" ? "Handelsgericht" : "Landesgericht"} ${town}`,
          `UID-Nr. ${bill.vendor.vat}`,
        ]
      : [
          "Handelsregister",
          `Amtsgericht ${town} ${kg ? "HRA" : "HRB"} ${noiseDigits(noise, 5)}`,
          `USt-IdNr. ${bill.vendor.vat}`,
          `Steuernummer ${noiseDigits(noise, 2)}/${noiseDigits(noise, 3)}/${noiseDigits(noise, 5)}`,
        ];
    const columnsOf: string[][] = [
      [bill.vendor.name, bill.vendor.street, bill.vendor.city, `Geschäftsführung: ${manager}`],
      register,
      ["Bankverbindung", bankName, `IBAN ${printedIban(bill.vendor.iban)}`, `BIC ${bic}`],
    ];
    const pages = canvas.doc.getPages();
    pages.forEach((page, p) => {
      canvas.page = page;
      canvas.rule(MARGIN, MARGIN + 32, RIGHT, 0.3);
      columnsOf.forEach((lines, c) =>
        lines.forEach((line, l) =>
          canvas.text(line, MARGIN + 170 * c, MARGIN + 22 - 8 * l, { size: 6.5, grey: l > 0, bold: l === 0 }),
        ),
      );
      canvas.text(`Seite ${p + 1} von ${pages.length}`, RIGHT, MARGIN - 16, { size: 6.5, grey: true, align: "right" });
    });
  },
};
