/**
 * A training layout, held out in the fourth measured set until it was measured, in English, written blind
 * after real vendors' bills: a British fuel card's fortnightly "VAT invoice" (account number and invoice
 * period, an invoice summary by fuel, non-fuel products and fees first, then the transactions by date,
 * card, vehicle registration and site, fuel in pence per litre, amounts without thousands separators,
 * collected by Direct Debit, bank details for BACS in the footer). The other layouts of the set are in
 * `bill_layouts_seen_v4.ts` and `bill_layouts_seen_v4c.ts`.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { A4, MARGIN, RIGHT, TOP, britishVat, daysBetween, noiseDigits, noiseOf, rateOf, room } from "./bill_print";
import type { BillSector } from "./bill_sectors";

const FUEL_CARD_GB: BillSector = {
  names: { GB: ["Pennine Fuelcard Services Ltd", "Roadlink Fuel Cards Ltd", "Wessex Fleet Fuels Ltd"] },
  items: [
    ["Diesel (litres)", 118, 146, 110],
    ["Diesel (litres)", 118, 146, 110],
    ["Diesel (litres)", 118, 146, 110],
    ["Unleaded (litres)", 121, 142, 60],
    ["Unleaded (litres)", 121, 142, 60],
    ["Super unleaded (litres)", 135, 158, 55],
    ["AdBlue (litres)", 62, 95, 20],
    ["Screenwash 5L (units)", 450, 700, 2],
    ["Engine oil 5W-30 1L (units)", 900, 1400, 2],
    ["Vehicle wash (units)", 650, 1100, 1],
    ["Card fee (cards)", 150, 300, 12],
    ["Out of network fee (transactions)", 75, 150, 4],
  ],
};

const SITES = [
  "Kirkstall Rd SS, Leeds",
  "M1 J38 Woolley Edge",
  "Cribbs Causeway, Bristol",
  "A1(M) Wetherby Svcs",
  "Trafford Park Truckstop",
  "M5 Gordano Svcs",
  "Park Royal SS, London",
  "M6 Hilton Park Svcs",
];

/** British fuel card: invoice summary by fuel, non-fuel and fees, then transactions; Direct Debit; plain amounts. */
export const fuelCardInvoiceGb: BillLayout = {
  name: "fuel_card_invoice_gb",
  split: "train",
  language: "en",
  countries: ["GB"],
  lineCount: [3, 14],
  sector: FUEL_CARD_GB,
  amountStyle: "plain",
  draw(canvas: BillCanvas, bill: BillData) {
    const noise = noiseOf(bill, 73);
    const plain = (cents: number) => printedAmount(cents, "plain");
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const account = `${noiseDigits(noise, 3)} ${noiseDigits(noise, 5)}`;
    const iban = bill.vendor.iban;
    const sortCode = `${iban.slice(8, 10)}-${iban.slice(10, 12)}-${iban.slice(12, 14)}`;
    const start = addDays(bill.invoiceDate, -14);
    const end = addDays(bill.invoiceDate, -1);
    const footer = (c: BillCanvas) => {
      c.rule(MARGIN, MARGIN + 30, RIGHT, 0.3);
      c.text(
        `Not paying by Direct Debit? Pay by BACS to ${bill.vendor.name}, sort code ${sortCode}, account ${iban.slice(14)}, IBAN ${printedIban(iban)}, quoting ${account}.`,
        MARGIN,
        MARGIN + 20,
        { size: 6.2 },
      );
      c.text(
        `${bill.vendor.name}, ${bill.vendor.street}, ${bill.vendor.city}. Registered in England and Wales No. 0${noiseDigits(noiseOf(bill, 74), 7)}. VAT Reg No. ${britishVat(bill.vendor.vat)}.`,
        MARGIN,
        MARGIN + 10,
        { size: 6.2, grey: true },
      );
      c.text(`Card services ${bill.vendor.phone} (24 hours) · Lost or stolen cards: report at once.`, MARGIN, MARGIN + 1, {
        size: 6.2,
        grey: true,
      });
    };
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 15, bold: true });
    canvas.text("Business fuel card", MARGIN, TOP - 13, { size: 9, grey: true });
    canvas.text("VAT INVOICE", RIGHT, TOP, { size: 14, bold: true, align: "right" });
    canvas.text("Please retain for your VAT records", RIGHT, TOP - 12, { size: 7, grey: true, align: "right" });
    [bill.buyer.name, "FAO Fleet Administrator", bill.buyer.street, bill.buyer.city].forEach((line, i) =>
      canvas.text(line, MARGIN, TOP - 70 - 12 * i),
    );
    const facts: [string, string][] = [
      ["Account number", account],
      ["Invoice number", bill.invoiceNumber],
      ["Invoice date / tax point", date(bill.invoiceDate)],
      ["Invoice period", `${date(start)} - ${date(end)}`],
      ["Payment method", "Direct Debit"],
      ["Direct Debit date", date(bill.dueDate)],
    ];
    canvas.box(320, TOP - 140, RIGHT - 320, 92);
    facts.forEach(([label, value], i) => canvas.pair(label, value, 326, RIGHT - 6, TOP - 62 - 13 * i, { size: 8 }));
    const kind = (description: string): "fuel" | "other" | "fees" =>
      description.includes(" fee ") ? "fees" : /Diesel|unleaded/i.test(description) ? "fuel" : "other";
    const of = (k: string) => bill.lines.filter((line) => kind(line.description) === k);
    const net = (k: string) => of(k).reduce((sum, line) => sum + line.amountCents, 0);
    const litres = of("fuel").reduce((sum, line) => sum + line.quantity, 0);
    canvas.text("Invoice summary", MARGIN, TOP - 170, { size: 11, bold: true });
    const summaryRows = [
      ["Fuel", String(of("fuel").length), `${litres}.00 L`, plain(net("fuel"))],
      ["Non-fuel products", String(of("other").length), "", plain(net("other"))],
      ["Card and account fees", String(of("fees").length), "", plain(net("fees"))],
      ["Total net", "", "", plain(bill.untaxedCents)],
      ...bill.taxes.map((tax) => [`VAT @ ${rateOf(tax.rate, ".")}% on ${plain(tax.baseCents)}`, "", "", plain(tax.taxCents)]),
    ];
    const summaryColumns = [
      { label: "", width: 215 },
      { label: "Transactions", width: 80, align: "right" as const },
      { label: "Quantity", width: 90, align: "right" as const },
      { label: "Amount £", width: 110, align: "right" as const },
    ];
    let y = canvas.table(summaryColumns, summaryRows, TOP - 178, { x: MARGIN, borders: "rules", size: 8.5 });
    canvas.box(MARGIN, y - 20, RIGHT - MARGIN, 20, true);
    canvas.pair("Total amount due", `£${plain(bill.totalCents)}`, MARGIN + 4, RIGHT - 4, y - 14, { bold: true, size: 10 });
    canvas.text(
      `The total amount due will be collected by Direct Debit from your bank account ending ${noiseDigits(noise, 4)} on or after ${date(bill.dueDate)}.`,
      MARGIN,
      y - 36,
      { size: 8 },
    );
    footer(canvas);
    const cards = [0, 1, 2].map(() => {
      const letter = () => "ABCDEFGHJKLMNOPRSTVWXY"[noise(22)] ?? "A";
      const reg = `${letter()}${letter()}${["19", "21", "70", "23", "73", "24"][noise(6)]} ${letter()}${letter()}${letter()}`;
      return { card: `7077 **** ${noiseDigits(noise, 4)}`, reg };
    });
    const dated = bill.lines.map((line) => ({ line, day: noise(14), minute: 6 * 60 + noise(14 * 60) }));
    const feeLast = (description: string) => (kind(description) === "fees" ? 1 : 0);
    dated.sort((a, b) => feeLast(a.line.description) - feeLast(b.line.description) || a.day - b.day || a.minute - b.minute);
    const rows = dated.map(({ line, day, minute }) => {
      const [product = line.description, unit = ""] = line.description.replace(/\)$/, "").split(" (");
      const fee = kind(line.description) === "fees";
      const when = date(fee ? end : addDays(start, day)).replace(/\/20(\d\d)$/, "/$1");
      const { card, reg } = cards[minute % 3] ?? { card: "", reg: "" };
      const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
      return [
        when,
        fee ? "" : time,
        fee ? "All cards" : card,
        fee ? "" : reg,
        fee ? "Account charge" : (SITES[(minute + day) % SITES.length] ?? ""),
        product,
        unit === "litres" ? `${line.quantity}.00` : String(line.quantity),
        unit === "litres" ? `${line.unitCents}.00p` : plain(line.unitCents),
        plain(line.amountCents),
      ];
    });
    const columns = [
      { label: "Date", width: 40 },
      { label: "Time", width: 28 },
      { label: "Card", width: 60 },
      { label: "Reg", width: 45 },
      { label: "Site", width: 102 },
      { label: "Product", width: 84 },
      { label: "Qty/Litres", width: 44, align: "right" as const },
      { label: "Price*", width: 44, align: "right" as const },
      { label: "Net £", width: A4[0] - 2 * MARGIN - 447, align: "right" as const },
    ];
    y = room(canvas, y - 60, 80);
    canvas.text("Transaction details", MARGIN, y, { size: 11, bold: true });
    y = canvas.table(columns, rows, y - 8, {
      x: MARGIN,
      borders: "stripes",
      size: 7,
      onNewPage: (c) => {
        c.text(`Account ${account} · Invoice ${bill.invoiceNumber} · continued`, MARGIN, TOP, { size: 8, grey: true });
        footer(c);
        return TOP - 16;
      },
    });
    canvas.text(
      `Net total ${plain(bill.untaxedCents)} · ${litres}.00 litres of fuel · *Fuel in pence per litre, other items in £, all excluding VAT.`,
      MARGIN,
      y - 12,
      { size: 7, grey: true },
    );
    canvas.text(`Payment terms: ${daysBetween(bill.invoiceDate, bill.dueDate)} days by Direct Debit.`, MARGIN, y - 22, {
      size: 7,
      grey: true,
    });
  },
};
