/**
 * A training layout in German (held out in the fourth measured set until it was measured), written blind
 * after real vendors' bills: a German or Austrian IT service provider's monthly "Rechnung" (an info box
 * ending in "Zahlbar bis", recurring services for the current month and support hours for the past one with
 * their ticket numbers, article numbers, "Gesamtbetrag", a short Skonto term, a four-column footer with
 * register, bank and tax numbers). The Spanish one is in `bill_layouts_seen_v4_eu3.ts`.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { MARGIN, RIGHT, TOP, noiseDigits, noiseOf, rateOf, room } from "./bill_print";
import type { BillSector } from "./bill_sectors";

const IT_SERVICE_DE: BillSector = {
  names: {
    DE: [
      "Bitwerk Systemhaus GmbH",
      "Hanse Netzwerk Solutions GmbH",
      "ServerHafen IT GmbH",
      "Rheindata IT-Services GmbH & Co. KG",
    ],
    AT: ["Donau IT-Services GmbH", "Alpen Systemhaus GmbH", "Murtal Netzwerktechnik GmbH"],
  },
  items: [
    ["Managed Workplace, monatlich (Arbeitsplatz)", 2900, 4900, 40],
    ["Microsoft 365 Business Standard, monatlich (Lizenz)", 1170, 1260, 40],
    ["Server-Monitoring und Patchmanagement, monatlich (Server)", 3900, 6900, 6],
    ["Backup-as-a-Service 1 TB, monatlich (Paket)", 4900, 8900, 3],
    ["Remote-Support nach Aufwand (Std.)", 8900, 11500, 16],
    ["Vor-Ort-Einsatz Techniker (Std.)", 9500, 12500, 12],
    ["Anfahrtspauschale Zone 2 (pauschal)", 3500, 6500, 3],
    ["Einrichtung Notebook inkl. Softwareverteilung (Stk.)", 9000, 16000, 10],
  ],
};

/** The first and last day of the month `offset` months from an ISO date's. */
function monthOf(iso: string, offset: number): [string, string] {
  const date = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + offset);
  const first = date.toISOString().slice(0, 10);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return [first, addDays(date.toISOString().slice(0, 10), -1)];
}

/** "Support (Std.)" → ["Support", "Std."]; no unit → `fallback`. */
function unitOf(description: string, fallback: string): [string, string] {
  const match = /^(.*) \((.+)\)$/.exec(description);
  return match ? [match[1] ?? description, match[2] ?? fallback] : [description, fallback];
}

/** German or Austrian IT service provider: info box with "Zahlbar bis", recurring and hourly sections, ticket rows, "Gesamtbetrag". */
export const rechnungItServiceDe: BillLayout = {
  name: "rechnung_it_service_de",
  split: "train",
  language: "de",
  countries: ["DE", "AT"],
  lineCount: [2, 14],
  amountStyle: "de",
  sector: IT_SERVICE_DE,
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `${printedAmount(cents, "de")} €`;
    const date = (iso: string) => printedDate(iso, "dmy_dot");
    const noise = noiseOf(bill, 89);
    const austrian = bill.vendor.country === "AT";
    const town = bill.vendor.city.replace(/^\d+ /, "");
    const contract = `SV-${noiseDigits(noise, 5)}`;
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 15, bold: true });
    canvas.text("IT-Service · Cloud · Netzwerke · Support", MARGIN, TOP - 13, { size: 8, grey: true });
    const contact = [
      bill.vendor.street,
      bill.vendor.city,
      `Tel. ${bill.vendor.phone}`,
      `rechnung@${bill.vendor.email.split("@")[1]}`,
    ];
    contact.forEach((line, i) => canvas.text(line, RIGHT, TOP - 10 * i, { size: 7.5, align: "right" }));
    canvas.text(`${bill.vendor.name} · ${bill.vendor.street} · ${bill.vendor.city}`, MARGIN, TOP - 78, { size: 6, grey: true });
    [bill.buyer.name, "Kreditorenbuchhaltung", bill.buyer.street, bill.buyer.city].forEach((line, i) =>
      canvas.text(line, MARGIN, TOP - 94 - 12 * i, { size: 9.5 }),
    );
    canvas.box(330, TOP - 166, RIGHT - 330, 98, true);
    const info: [string, string][] = [
      ["Rechnungsnummer", bill.invoiceNumber],
      ["Rechnungsdatum", date(bill.invoiceDate)],
      ["Kundennummer", `K${noiseDigits(noise, 5)}`],
      ["Vertragsnummer", contract],
      [austrian ? "Ihre UID-Nummer" : "Ihre USt-IdNr.", bill.buyer.vat],
      ["Ansprechpartner", ["Sven Petersen", "Anja Lorenz", "Mehmet Aydin", "Julia Weber"][noise(4)] ?? ""],
      ["Zahlbar bis", date(bill.dueDate)],
    ];
    info.forEach(([label, value], i) => {
      canvas.text(label, 338, TOP - 82 - 12.5 * i, { size: 8, bold: i === info.length - 1 });
      canvas.text(value, RIGHT - 8, TOP - 82 - 12.5 * i, { size: 8, align: "right", bold: i === info.length - 1 });
    });
    canvas.text(`Rechnung Nr. ${bill.invoiceNumber}`, MARGIN, TOP - 200, { size: 13, bold: true });
    canvas.text(
      `Abrechnung zum IT-Servicevertrag ${contract} (Servicelevel ${["Basic", "Business", "Premium"][noise(3)]})`,
      MARGIN,
      TOP - 215,
      {
        size: 8.5,
      },
    );
    const [from, to] = monthOf(bill.invoiceDate, 0);
    const [pastFrom, pastTo] = monthOf(bill.invoiceDate, -1);
    const recurring = bill.lines.filter((line) => line.description.includes("monatlich"));
    const effort = bill.lines.filter((line) => !line.description.includes("monatlich"));
    const rows: string[][] = [];
    const techs = ["M. Köhler", "T. Brandl", "S. Wagner", "L. Fischer"];
    const section = (title: string, lines: typeof bill.lines) => {
      if (!lines.length) return;
      rows.push(["", "", title]);
      for (const line of lines) {
        const [text, unit] = unitOf(line.description.replace(", monatlich", ""), "Stk.");
        const code = text
          .replace(/[^A-Z0-9]/g, "")
          .slice(0, 4)
          .padEnd(4, "X");
        rows.push([
          String(rows.filter((row) => row[0]).length + 1),
          `${code}-${100 + ([...text].reduce((sum, ch) => (sum * 31 + ch.charCodeAt(0)) % 9973, 7) % 900)}`,
          text,
          String(line.quantity),
          unit,
          printedAmount(line.unitCents, "de"),
          printedAmount(line.amountCents, "de"),
        ]);
        if (unit === "Std.") {
          const day = date(addDays(pastFrom, noise(25)));
          rows.push(["", "", `Ticket #${noiseDigits(noise, 6)} vom ${day}, Techniker ${techs[noise(4)] ?? ""}`]);
        }
      }
    };
    section(`Wiederkehrende Leistungen, Leistungszeitraum ${date(from)} - ${date(to)}`, recurring);
    section(`Leistungen nach Aufwand, Leistungszeitraum ${date(pastFrom)} - ${date(pastTo)}`, effort);
    const columns = [
      { label: "Pos.", width: 26 },
      { label: "Art.-Nr.", width: 52 },
      { label: "Bezeichnung", width: 212 },
      { label: "Menge", width: 38, align: "right" as const },
      { label: "Einheit", width: 52 },
      { label: "Einzelpreis €", width: 58, align: "right" as const },
      { label: "Gesamt €", width: RIGHT - MARGIN - 438, align: "right" as const },
    ];
    const continued = (page: BillCanvas) => {
      page.text(`Rechnung Nr. ${bill.invoiceNumber} vom ${date(bill.invoiceDate)} - Fortsetzung`, MARGIN, TOP, {
        size: 8,
        grey: true,
      });
      return TOP - 14;
    };
    let y = canvas.table(columns, rows, TOP - 230, { x: MARGIN, borders: "rules", size: 7.5, onNewPage: continued }) - 14;
    const pages = canvas.doc.getPageCount();
    y = room(canvas, y, 150);
    if (canvas.doc.getPageCount() > pages) y = continued(canvas) - 20;
    canvas.pair("Nettobetrag", money(bill.untaxedCents), 340, RIGHT - 4, y);
    for (const group of bill.taxes)
      canvas.pair(
        `${austrian ? "USt" : "Umsatzsteuer"} ${rateOf(group.rate, ",")} %`,
        money(group.taxCents),
        340,
        RIGHT - 4,
        (y -= 13),
      );
    canvas.rule(340, y - 6, RIGHT, 0.8);
    canvas.pair("Gesamtbetrag", money(bill.totalCents), 340, RIGHT - 4, (y -= 20), { bold: true, size: 10.5 });
    const skonto = addDays(bill.invoiceDate, 8);
    [
      `Bitte überweisen Sie den Gesamtbetrag bis zum ${date(bill.dueDate)} unter Angabe der Rechnungsnummer.`,
      `Bei Zahlung bis ${date(skonto)} gewähren wir 2 % Skonto.`,
      `Wiederkehrende Leistungen werden monatlich im Voraus berechnet; es gelten unsere AGB (Stand 01/2026).`,
    ].forEach((line, i) => canvas.text(line, MARGIN, y - 34 - 11 * i, { size: 8 }));
    const [bank, bic] = (austrian
      ? [
          ["Erste Bank", "GIBAATWWXXX"],
          ["Raiffeisenlandesbank OÖ", "RZOOAT2LXXX"],
        ]
      : [
          ["Deutsche Bank", "DEUTDEDBXXX"],
          ["Sparkasse", "BYLADEM1001"],
        ])[noise(2)] ?? ["", ""];
    const register = austrian
      ? [`FN ${noiseDigits(noise, 6)} ${"abdfkm"[noise(6)]}`, `${town === "Wien" ? "Handelsgericht" : "Landesgericht"} ${town}`]
      : [`Amtsgericht ${town}`, `HRB ${noiseDigits(noise, 5)}`];
    const footer = [
      [bill.vendor.name, `Geschäftsführung: ${["Dr. Frank Ohlsen", "Katrin Mayr", "Peter Szabo"][noise(3)]}`, ...register],
      [bill.vendor.street, bill.vendor.city, `Tel. ${bill.vendor.phone}`, bill.vendor.email],
      [bank, `IBAN ${printedIban(bill.vendor.iban)}`, `BIC ${bic}`],
      [
        austrian ? `UID-Nr. ${bill.vendor.vat}` : `USt-IdNr. ${bill.vendor.vat}`,
        austrian ? "" : `St.-Nr. ${noiseDigits(noise, 2)}/${noiseDigits(noise, 3)}/${noiseDigits(noise, 5)}`,
      ],
    ];
    const all = canvas.doc.getPages();
    all.forEach((page, p) => {
      canvas.page = page;
      canvas.rule(MARGIN, MARGIN + 36, RIGHT, 0.3);
      footer.forEach((column, c) =>
        column.forEach((line, i) =>
          canvas.text(line, MARGIN + ([0, 125, 240, 390][c] ?? 0), MARGIN + 27 - 8 * i, { size: 6, grey: true }),
        ),
      );
      canvas.text(`Seite ${p + 1} von ${all.length}`, RIGHT, MARGIN - 12, { size: 7, align: "right" });
    });
  },
};
