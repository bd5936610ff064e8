/**
 * Calibration bill layouts in English, written blind after real vendors' bills and used only to fit the
 * field-confidence calibration (never the bench, never tuning): a British or Irish vehicle-hire company's
 * invoice for one rental agreement (vehicle, hired out and returned, mileage, a remittance slip to tear
 * off), and an Irish or British builders' merchant's trade invoice (account number, delivery docket, list
 * price less trade discount, VAT analysis by code, retention of title). The Belgian and German ones are in
 * `bill_layouts_calibration_v2_eu.ts`.
 */
import type { BillCanvas, Column, TextStyle } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { MARGIN, RIGHT, TOP, britishVat, daysBetween, noiseDigits, noiseOf, rateOf, room } from "./bill_print";
import { MERCHANT, VEHICLES, VEHICLE_HIRE } from "./bill_sectors_calibration_v2";

/** "Cement 25 kg (bag)" → ["Cement 25 kg", "bag"]; no unit → `fallback`. */
export function unitOf(description: string, fallback: string): [string, string] {
  const match = /^(.*) \((.+)\)$/.exec(description);
  return match ? [match[1] ?? description, match[2] ?? fallback] : [description, fallback];
}

/** Draws lines of text one under another, `step` points apart. */
export function block(
  canvas: BillCanvas,
  lines: readonly string[],
  x: number,
  y: number,
  style: TextStyle = {},
  step = 11,
): void {
  lines.forEach((line, i) => canvas.text(line, x, y - step * i, style));
}

/** A table column; `right` aligns its cells right. */
export function col(label: string, width: number, right = false): Column {
  return { label, width, align: right ? "right" : "left" };
}

/** A merchant's product code stays the same for the same product: a small hash of its name. */
const hash = (sum: number, ch: string) => (sum * 31 + ch.charCodeAt(0)) % 90000;

/** UK and Irish IBANs hold the sort code and account number: "GB29NWBK60161331926819" → ["60-16-13", "31926819"]. */
function sortCode(iban: string): [string, string] {
  return [iban.slice(8, 14).replace(/(\d{2})(?=\d)/g, "$1-"), iban.slice(14)];
}

/** Vehicle hire: "VAT Invoice" with agreement, a grid of the rental (out, in, mileage, fuel), "Total due", remittance slip. */
export const vehicleHireInvoiceGb: BillLayout = {
  name: "vehicle_hire_invoice_gb",
  split: "calibration",
  language: "en",
  countries: ["GB", "IE"],
  lineCount: [2, 6],
  amountStyle: "en",
  sector: VEHICLE_HIRE,
  draw(canvas: BillCanvas, bill: BillData) {
    const irish = bill.vendor.country === "IE";
    const money = (cents: number) => `${irish ? "€" : "£"}${printedAmount(cents, "en")}`;
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const noise = noiseOf(bill, 71);
    const small = { size: 7.5, grey: true };
    const hires = bill.lines.filter((line) => /^(Hire charge|Weekly rate)/.test(line.description));
    const hire = hires[0];
    const model = VEHICLES.find(([match]) => hire?.description.includes(match))?.[1] ?? "Vauxhall Vivaro 2900 L2";
    const hireDays = hires.map((line) => line.quantity * (line.description.includes("weeks") ? 7 : 1));
    const days = Math.min(28, Math.max(1 + noise(5), ...hireDays));
    const returned = addDays(bill.invoiceDate, -noise(3));
    const letter = () => "ABCDEFGHKLMNPRSTVWXY"[noise(20)] ?? "K";
    const registration = irish
      ? `${24 + noise(3)}${1 + noise(2)}-${["D", "C", "G", "KK", "WX"][noise(5)] ?? "D"}-${noiseDigits(noise, 4)}`
      : `${letter()}${letter()}${71 + noise(4)} ${letter()}${letter()}${letter()}`;
    const mileageOut = 8000 + noise(60000);
    const excess = bill.lines.find((line) => line.description.includes("miles"))?.quantity ?? 0;
    const account = `${bill.buyer.name.replace(/[^A-Z]/g, "").slice(0, 3)}${noiseDigits(noise, 4)}`;
    const agreement = `RA${noiseDigits(noise, 8)}`;
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 15, bold: true });
    canvas.text("Car, van and minibus hire · Short and long term · Fleet accounts", MARGIN, TOP - 13, small);
    const contact = [`${bill.vendor.street}, ${bill.vendor.city}`, `Reservations ${bill.vendor.phone}  ·  ${bill.vendor.email}`];
    block(canvas, contact, MARGIN, TOP - 27, { size: 8 });
    canvas.text("VAT INVOICE", RIGHT, TOP - 2, { size: 16, bold: true, align: "right" });
    const facts: [string, string][] = [
      ["Invoice number", bill.invoiceNumber],
      [irish ? "Invoice date" : "Invoice date / tax point", date(bill.invoiceDate)],
      ["Account number", account],
      ["Rental agreement", agreement],
      ["Your PO reference", `PO${noiseDigits(noise, 5)}`],
    ];
    block(
      canvas,
      facts.map(([label]) => label),
      350,
      TOP - 24,
      small,
    );
    block(
      canvas,
      facts.map(([, value]) => value),
      RIGHT,
      TOP - 24,
      { size: 8, align: "right" },
    );
    canvas.text("Invoice to", MARGIN, TOP - 100, { size: 7.5, bold: true });
    block(canvas, [bill.buyer.name, "Accounts Payable", bill.buyer.street, bill.buyer.city], MARGIN, TOP - 112);
    const driver = ["J. Morgan", "S. Patel", "D. O'Neill", "R. Hughes", "K. Brennan"][noise(5)] ?? "J. Morgan";
    canvas.text("Hirer / main driver", 300, TOP - 100, { size: 7.5, bold: true });
    const hirer = [driver, `Licence checked ${date(addDays(returned, -days))}`, "Booked via fleet desk"];
    block(canvas, hirer, 300, TOP - 112, { size: 8 });
    canvas.text("Rental details", MARGIN, TOP - 175, { size: 9, bold: true });
    const rental = [col("Vehicle", 115), col("Registration", 70), col("Hired out", 80), col("Returned", 80)];
    rental.push(col("Mileage out", 55, true), col("Mileage in", 50, true), col("Fuel out/in", 45));
    const out = `${date(addDays(returned, -days))} 08:${10 + noise(40)}`;
    const back = `${date(returned)} 1${6 + noise(3)}:${10 + noise(40)}`;
    const mileageIn = String(mileageOut + days * (40 + noise(120)) + excess);
    const row = [model, registration, out, back, String(mileageOut), mileageIn, `Full / ${["Full", "3/4", "1/2"][noise(3)]}`];
    canvas.table(rental, [row], TOP - 181, { x: MARGIN, borders: "grid", size: 7.5 });
    const columns = [col("Description", 215), col("Qty", 45, true), col("Unit", 50), col("Rate", 65, true)];
    columns.push(col("VAT %", 40, true), col("Net", 80, true));
    const rows = bill.lines.map((line) => {
      const [text, unit] = unitOf(line.description, "each");
      return [text, String(line.quantity), unit, money(line.unitCents), rateOf(line.taxRate, "."), money(line.amountCents)];
    });
    canvas.text("Charges", MARGIN, TOP - 235, { size: 9, bold: true });
    let y = canvas.table(columns, rows, TOP - 241, { x: MARGIN, borders: "rules", size: 8 });
    y = room(canvas, y, 250) - 18;
    canvas.pair("Total charges (net)", money(bill.untaxedCents), 340, RIGHT, y);
    for (const group of bill.taxes)
      canvas.pair(`VAT at ${rateOf(group.rate, ".")}%`, money(group.taxCents), 340, RIGHT, (y -= 13));
    canvas.rule(340, y - 6, RIGHT, 0.8);
    canvas.pair("TOTAL DUE", money(bill.totalCents), 340, RIGHT, (y -= 20), { bold: true, size: 11 });
    const term = daysBetween(bill.invoiceDate, bill.dueDate);
    const [sort, number] = sortCode(bill.vendor.iban);
    const payment = [
      `Payment terms: ${term} days from date of invoice. Payment due by ${printedDate(bill.dueDate, "short_en")}.`,
      irish
        ? `Pay by EFT to IBAN ${printedIban(bill.vendor.iban)}, BIC ${bill.vendor.iban.slice(4, 8)}IE2D.`
        : `Pay by BACS to sort code ${sort}, account ${number} (IBAN ${printedIban(bill.vendor.iban)}).`,
      "Please quote your account number and invoice number. Damage and PCN charges are invoiced separately.",
    ];
    block(canvas, payment, MARGIN, (y -= 34), {}, 12);
    const slip = "- - - - - - - - - - - - - - -  Please detach and return with your payment  - - - - - - - - - - - - - - -";
    canvas.text(slip, MARGIN, (y -= 60), { size: 7, grey: true });
    canvas.text("REMITTANCE ADVICE", MARGIN, y - 18, { bold: true });
    canvas.text(`Account ${account}   Invoice ${bill.invoiceNumber}   Agreement ${agreement}`, MARGIN, y - 31, { size: 8 });
    canvas.text(`Amount due ${money(bill.totalCents)}`, RIGHT, y - 18, { bold: true, align: "right" });
    canvas.text(`Cheques payable to ${bill.vendor.name}`, RIGHT, y - 31, { size: 8, align: "right" });
    const registered = irish
      ? `Registered in Ireland No. ${noiseDigits(noise, 6)}. VAT No. ${bill.vendor.vat}.`
      : `Registered in England and Wales No. 0${noiseDigits(noise, 7)}. VAT Registration No. ${britishVat(bill.vendor.vat)}.`;
    const office = `${bill.vendor.name}. ${registered} Registered office: ${bill.vendor.street}, ${bill.vendor.city}.`;
    for (const page of canvas.doc.getPages()) {
      canvas.page = page;
      canvas.text(office, MARGIN, MARGIN, { size: 6.5, grey: true });
    }
  },
};

/** Builders' merchant: "TRADE INVOICE", boxed account and docket grids, list less discount, VAT analysis, "INVOICE TOTAL". */
export const tradeInvoiceMerchantIe: BillLayout = {
  name: "trade_invoice_merchant_ie",
  split: "calibration",
  language: "en",
  countries: ["IE", "GB"],
  lineCount: [3, 28],
  amountStyle: "en",
  sector: MERCHANT,
  draw(canvas: BillCanvas, bill: BillData) {
    const irish = bill.vendor.country === "IE";
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const amount = (cents: number) => printedAmount(cents, "en");
    const money = (cents: number) => `${irish ? "€" : "£"}${amount(cents)}`;
    const noise = noiseOf(bill, 83);
    const account = noiseDigits(noise, 6);
    const code = irish ? "1" : "S";
    const branch = bill.vendor.city.replace(/[ ,].*$/, "");
    const continued = (page: BillCanvas) => {
      page.text(`${bill.vendor.name} - Trade Invoice ${bill.invoiceNumber} - Account ${account} (continued)`, MARGIN, TOP);
      return TOP - 14;
    };
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 15, bold: true });
    canvas.text("Builders Providers · Timber · Plumbing & Heating · Tool Hire", MARGIN, TOP - 13, { size: 7.5, grey: true });
    const contact = `${bill.vendor.street}, ${bill.vendor.city} · Tel ${bill.vendor.phone} · ${bill.vendor.email}`;
    canvas.text(contact, MARGIN, TOP - 25, { size: 7.5 });
    canvas.text("TRADE INVOICE", RIGHT, TOP, { size: 14, bold: true, align: "right" });
    canvas.text("ORIGINAL", RIGHT, TOP - 13, { size: 7.5, grey: true, align: "right" });
    canvas.text("INVOICE TO", MARGIN, TOP - 55, { size: 7.5, bold: true });
    block(canvas, [bill.buyer.name, bill.buyer.street, bill.buyer.city], MARGIN, TOP - 67);
    const site = ["Phase 2, Riverside Business Park", "Unit 9, Ballycoolin Road", "St. Anne's School extension"][noise(3)] ?? "";
    canvas.text("DELIVER TO", 300, TOP - 55, { size: 7.5, bold: true });
    const mobile = irish ? `08${3 + noise(7)} ${noiseDigits(noise, 3)} ${noiseDigits(noise, 4)}` : `07${noiseDigits(noise, 9)}`;
    const siteLines = [`Site: ${site}`, "Deliver to gate B, call on arrival", `Site contact ${mobile}`];
    block(canvas, siteLines, 300, TOP - 67);
    const grid1 = [col("Account No.", 80), col("Invoice No.", 100), col("Invoice Date / Tax Point", 120), col("Docket No.", 100)];
    const values1 = [account, bill.invoiceNumber, date(bill.invoiceDate), `D${noiseDigits(noise, 7)}`, branch];
    canvas.table([...grid1, col("Branch", 95)], [values1], TOP - 110, { x: MARGIN, borders: "grid", size: 8 });
    const grid2 = [col("Your Order No.", 80), col("Job / Site Ref", 100), col("Delivered", 120), col("Salesperson", 100)];
    const delivered = `${date(addDays(bill.invoiceDate, -noise(4)))} by crane lorry`;
    const values2 = [`PO ${noiseDigits(noise, 5)}`, `J${noiseDigits(noise, 4)}`, delivered, ["TK", "MB", "JR"][noise(3)] ?? ""];
    const terms = `Nett ${daysBetween(bill.invoiceDate, bill.dueDate)} days`;
    canvas.table([...grid2, col("Terms", 95)], [[...values2, terms]], TOP - 145, { x: MARGIN, borders: "grid", size: 8 });
    const columns = [col("Code", 50), col("Description", 160), col("Qty", 35, true), col("UOM", 40), col("List", 50, true)];
    columns.push(col("Disc %", 35, true), col("Nett", 50, true), col("VAT", 25), col("Goods", 50, true));
    const rows = bill.lines.map((line) => {
      const [text, unit] = unitOf(line.description, "each");
      const discount = text.startsWith("Delivery") ? 0 : ([0, 5, 10, 15, 20, 25][noise(6)] ?? 0);
      const list = Math.round(line.unitCents / (1 - discount / 100));
      const product = `${text.replace(/[^A-Z]/g, "").slice(0, 2)}${[...text].reduce(hash, 7) + 10000}`;
      const prices = [amount(list), String(discount), amount(line.unitCents), code, amount(line.amountCents)];
      return [product, text, String(line.quantity), unit, ...prices];
    });
    let y = canvas.table(columns, rows, TOP - 190, { x: MARGIN, borders: "grid", size: 7.5, onNewPage: continued });
    const before = canvas.doc.getPageCount();
    y = room(canvas, y, 170) - 16;
    if (canvas.doc.getPageCount() > before) continued(canvas);
    const analysis = [col("VAT Code", 50), col("Rate %", 45, true), col("Goods", 70, true), col("VAT", 65, true)];
    const groups = bill.taxes.map((group) => [code, rateOf(group.rate, "."), amount(group.baseCents), amount(group.taxCents)]);
    canvas.table(analysis, groups, y, { x: MARGIN, borders: "rules", size: 7.5 });
    canvas.pair("Goods Total", money(bill.untaxedCents), 350, RIGHT, y - 10);
    canvas.pair("VAT Total", money(bill.taxCents), 350, RIGHT, y - 23);
    canvas.box(345, y - 46, RIGHT - 345, 17);
    canvas.pair(`INVOICE TOTAL ${bill.currency}`, money(bill.totalCents), 350, RIGHT - 4, y - 41, { bold: true, size: 10 });
    const [sort, number] = sortCode(bill.vendor.iban);
    const remit = [
      `Terms: ${terms.toLowerCase()}. Payment due by ${date(bill.dueDate)}.`,
      `Please quote account no. ${account} on all remittances.`,
      irish
        ? `EFT: IBAN ${printedIban(bill.vendor.iban)}   BIC ${bill.vendor.iban.slice(4, 8)}IE2D`
        : `BACS: sort code ${sort}, account ${number}   IBAN ${printedIban(bill.vendor.iban)}`,
    ];
    block(canvas, remit, MARGIN, y - 75, {}, 12);
    const retention = [
      `Goods remain the property of ${bill.vendor.name} until paid for in full. Shortages or damage must be noted on the docket.`,
      "Returns accepted within 30 days in resaleable condition with the docket, subject to a 15% restocking charge.",
    ];
    block(canvas, retention, MARGIN, y - 118, { size: 7, grey: true }, 9);
    const pages = canvas.doc.getPages();
    const registered = irish ? `Ireland No. ${noiseDigits(noise, 6)}` : `England No. 0${noiseDigits(noise, 7)}`;
    const vat = irish ? bill.vendor.vat : britishVat(bill.vendor.vat);
    const footer = { size: 6.5, grey: true };
    pages.forEach((page, i) => {
      canvas.page = page;
      canvas.text(`Registered in ${registered} · VAT No. ${vat} · Page ${i + 1} of ${pages.length}`, MARGIN, MARGIN - 10, footer);
    });
  },
};
