/**
 * A calibration bill layout in English, written blind after real vendors' bills and used only to fit the
 * field-confidence calibration (never the bench, never tuning): an Irish or British security contractor's
 * monthly invoice for manned guarding (its PSA licence or SIA approval in a badge, an "Invoice details"
 * panel with the customer's PO and the contract, the services grouped by site with site totals, a bank
 * details box beside the totals, a log of the alarm call-outs billed). The French and Spanish ones of the
 * set are in `bill_layouts_calibration_v3_eu.ts`.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData, BillLine } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { block, col, unitOf } from "./bill_layouts_calibration_v2";
import { MARGIN, RIGHT, TOP, britishVat, daysBetween, noiseDigits, noiseOf, rateOf, room } from "./bill_print";
import { CALL_OUT_OUTCOMES, GUARDED_SITES, SECURITY, UK_IE_BANKS } from "./bill_sectors_calibration_v3";

/** Splits the lines between one, two or three sites, in order. */
function bySite(lines: readonly BillLine[]): BillLine[][] {
  const sites = lines.length <= 3 ? 1 : lines.length <= 6 ? 2 : 3;
  const size = Math.ceil(lines.length / sites);
  return Array.from({ length: sites }, (_, i) => lines.slice(i * size, (i + 1) * size)).filter((site) => site.length);
}

/** Security contractor: licence badge, "Invoice details" panel, services by site with site totals, bank box, call-out log. */
export const securityServicesInvoiceIe: BillLayout = {
  name: "security_services_invoice_ie",
  split: "calibration",
  language: "en",
  countries: ["IE", "GB"],
  lineCount: [2, 9],
  amountStyle: "en",
  sector: SECURITY,
  draw(canvas: BillCanvas, bill: BillData) {
    const irish = bill.vendor.country === "IE";
    const amount = (cents: number) => printedAmount(cents, "en");
    const money = (cents: number) => `${irish ? "€" : "£"}${amount(cents)}`;
    const date = (iso: string) => printedDate(iso, "short_en");
    const noise = noiseOf(bill, 101);
    const periodEnd = addDays(`${bill.invoiceDate.slice(0, 7)}-01`, -1);
    const periodStart = `${periodEnd.slice(0, 7)}-01`;
    const licence = irish ? `PSA Licence No. 0${noiseDigits(noise, 4)}` : `ACS Ref. No. ${noiseDigits(noise, 7)}`;
    const contract = `SSA-${Number(bill.invoiceDate.slice(0, 4)) - 1 - noise(2)}-${noiseDigits(noise, 3)}`;
    const account = `${bill.buyer.name.replace(/[^A-Z]/g, "").slice(0, 3)}${noiseDigits(noise, 3)}`;
    const days = daysBetween(bill.invoiceDate, bill.dueDate);
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 16, bold: true });
    const services = "Manned Guarding · Mobile Patrols · Keyholding & Alarm Response · Remote CCTV Monitoring";
    canvas.text(services, MARGIN, TOP - 13, { size: 7.5, grey: true });
    canvas.text(`${bill.vendor.street}, ${bill.vendor.city}`, MARGIN, TOP - 25, { size: 8 });
    canvas.text(`24/7 control room ${bill.vendor.phone} · Accounts ${bill.vendor.email}`, MARGIN, TOP - 35, { size: 8 });
    canvas.box(415, TOP - 34, RIGHT - 415, 44);
    const badge = irish ? ["PSA LICENSED", "CONTRACTOR"] : ["SIA APPROVED", "CONTRACTOR"];
    block(canvas, badge, 480, TOP - 6, { size: 8, bold: true, align: "center" }, 10);
    canvas.text(licence, 480, TOP - 28, { size: 7, align: "center" });
    canvas.rule(MARGIN, TOP - 48, RIGHT, 1.2);
    canvas.text("INVOICE", MARGIN, TOP - 80, { size: 20, bold: true });
    canvas.text("Invoice to", MARGIN, TOP - 102, { size: 7.5, grey: true });
    const buyer = [bill.buyer.name, "Attn: Facilities Manager", bill.buyer.street, bill.buyer.city, `VAT No. ${bill.buyer.vat}`];
    block(canvas, buyer, MARGIN, TOP - 114, { size: 9 }, 11);
    const panelTop = TOP - 62;
    canvas.box(330, panelTop - 14, RIGHT - 330, 14, true);
    canvas.box(330, panelTop - 104, RIGHT - 330, 104);
    canvas.text("INVOICE DETAILS", 338, panelTop - 10, { size: 7.5, bold: true });
    const details: [string, string][] = [
      ["Invoice No.", bill.invoiceNumber],
      ["Invoice Date", date(bill.invoiceDate)],
      ["Customer Account", account],
      ["Purchase Order", `PO-${noiseDigits(noise, 6)}`],
      ["Contract Ref.", contract],
      ["Service Period", `${date(periodStart)} - ${date(periodEnd)}`],
      ["Payment Terms", `${days} days nett`],
    ];
    details.forEach(([label, value], i) => {
      canvas.text(label, 338, panelTop - 28 - 12 * i, { size: 8, grey: true });
      canvas.text(value, RIGHT - 8, panelTop - 28 - 12 * i, { size: 8, bold: i === 0, align: "right" });
    });
    const intro = [
      `Security services provided under contract ${contract} for the period ${printedDate(periodStart, "long_en")} to`,
      `${printedDate(periodEnd, "long_en")}, billed monthly in arrears. Hours as recorded by our guard tour and clocking system.`,
    ];
    block(canvas, intro, MARGIN, TOP - 190, { size: 8.5 }, 11);
    const start = noise(GUARDED_SITES.length);
    const sites = bySite(bill.lines).map((lines, i) => ({
      code: `S-${noiseDigits(noise, 4)}`,
      name: GUARDED_SITES[(start + i) % GUARDED_SITES.length] ?? "",
      lines,
    }));
    const columns = [col("Site / service", 215), col("Unit", 55), col("Qty", 45, true), col("Rate", 60, true)];
    columns.push(col("VAT", 40, true), col("Net", 80, true));
    const rows: string[][] = [];
    for (const site of sites) {
      rows.push([`${site.code}  ${site.name}`]);
      for (const line of site.lines) {
        const [text, unit] = unitOf(line.description, "each");
        const quantity = unit === "hours" ? `${line.quantity}.00` : String(line.quantity);
        rows.push([
          `    ${text}`,
          unit,
          quantity,
          amount(line.unitCents),
          `${rateOf(line.taxRate, ".")}%`,
          amount(line.amountCents),
        ]);
      }
      const siteTotal = site.lines.reduce((sum, line) => sum + line.amountCents, 0);
      if (sites.length > 1) rows.push(["", "", "", "Site total", "", amount(siteTotal)]);
    }
    let y = canvas.table(columns, rows, TOP - 222, { x: MARGIN, borders: "stripes", size: 8 });
    y = room(canvas, y, 120) - 20;
    canvas.pair("Net total", money(bill.untaxedCents), 345, RIGHT, y);
    for (const group of bill.taxes)
      canvas.pair(`VAT @ ${rateOf(group.rate, ".")}%`, money(group.taxCents), 345, RIGHT, (y -= 13));
    canvas.rule(345, y - 6, RIGHT, 0.8);
    canvas.pair(`TOTAL DUE (${bill.currency})`, money(bill.totalCents), 345, RIGHT, (y -= 20), { bold: true, size: 10.5 });
    canvas.text(`Payment due by ${date(bill.dueDate)}`, RIGHT, y - 16, { size: 8.5, bold: true, align: "right" });
    const [bank, bic] = UK_IE_BANKS[bill.vendor.iban.slice(4, 8)] ?? ["Bank", ""];
    const boxTop = y + 46;
    canvas.box(MARGIN, boxTop - 78, 265, 78);
    canvas.text("BANK DETAILS", MARGIN + 8, boxTop - 12, { size: 7.5, bold: true });
    const bankLines = [
      `Account name: ${bill.vendor.name}`,
      `Bank: ${bank}`,
      irish
        ? `BIC: ${bic}`
        : `Sort code: ${bill.vendor.iban.slice(8, 14).replace(/(\d{2})(?=\d)/g, "$1-")}   Account no.: ${bill.vendor.iban.slice(14)}`,
      `IBAN: ${printedIban(bill.vendor.iban)}`,
      `Reference: ${bill.invoiceNumber}`,
    ];
    block(canvas, bankLines, MARGIN + 8, boxTop - 25, { size: 8 }, 11);
    y = boxTop - 100;
    const callOuts = bill.lines.find((line) => line.description.includes("call-outs"));
    if (callOuts) {
      const site = sites.find((candidate) => candidate.lines.includes(callOuts))?.code ?? "";
      y = room(canvas, y, 40 + 15 * callOuts.quantity);
      canvas.text("Alarm response call-outs billed this period", MARGIN, y, { size: 8.5, bold: true });
      const span = daysBetween(periodStart, periodEnd) + 1;
      const dates = Array.from({ length: callOuts.quantity }, () => noise(span)).sort((a, b) => a - b);
      const log = dates.map((day) => [
        printedDate(addDays(periodStart, day), "dmy_slash"),
        `${String(noise(24)).padStart(2, "0")}:${String(noise(60)).padStart(2, "0")}`,
        site,
        `IR-${noiseDigits(noise, 5)}`,
        CALL_OUT_OUTCOMES[noise(CALL_OUT_OUTCOMES.length)] ?? "",
      ]);
      const logColumns = [col("Date", 60), col("Time", 40), col("Site", 50), col("Report", 60), col("Outcome", 285)];
      y = canvas.table(logColumns, log, y - 6, { x: MARGIN, borders: "rules", size: 7.5 }) - 14;
    }
    if (y - 20 < MARGIN + 16) {
      canvas.newPage();
      y = TOP - 20;
    }
    const notes = [
      `Terms: ${days} days nett from the invoice date. Timesheets and incident reports are available on request; queries`,
      "must be raised within 7 days. Overtime and additional cover requested at short notice are charged at the agreed rates.",
      irish
        ? "Late payment interest applies under the European Communities (Late Payment in Commercial Transactions) Regulations 2012."
        : "Late payment interest applies under the Late Payment of Commercial Debts (Interest) Act 1998.",
    ];
    block(canvas, notes, MARGIN, y, { size: 7, grey: true }, 9);
    const pages = canvas.doc.getPages();
    const company = irish ? `Registered in Ireland No. ${noiseDigits(noise, 6)}` : `Company No. 0${noiseDigits(noise, 7)}`;
    const vat = irish ? bill.vendor.vat : britishVat(bill.vendor.vat);
    pages.forEach((page, i) => {
      canvas.page = page;
      canvas.rule(MARGIN, MARGIN + 8, RIGHT, 0.3);
      const office = `${bill.vendor.name} · ${company} · Registered office: ${bill.vendor.street}, ${bill.vendor.city}`;
      canvas.text(office, MARGIN, MARGIN, { size: 6.5, grey: true });
      canvas.text(`VAT No. ${vat} · ${licence} · Page ${i + 1} of ${pages.length}`, MARGIN, MARGIN - 9, {
        size: 6.5,
        grey: true,
      });
    });
  },
};
