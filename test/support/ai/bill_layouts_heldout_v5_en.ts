/**
 * Held-out layouts of the fifth set in English, written blind after real vendors' bills: a British or
 * Irish recruitment agency's invoice for its temporary workers' timesheets (week-ending dates, candidates,
 * hours at charge rates, the client's purchase order, terms and due date, a remittance advice slip with
 * the bank details, company and VAT registration), and a Dutch or Belgian freight forwarder's English
 * invoice for one sea shipment (file number, B/L, ports, containers, freight in dollars at a rate of
 * exchange, local charges, "Payment before", KvK and bank in a footer under the forwarding conditions).
 */
import type { BillCanvas, TextStyle } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { block, col } from "./bill_layouts_calibration_v2";
import { MARGIN, RIGHT, TOP, belgianVat, britishVat, daysBetween, noiseDigits, noiseOf, room } from "./bill_print";
import { CONDITIONS, FORWARDING, STAFFING, bankOf, shipmentOf, timesheets } from "./bill_sectors_heldout_v5_en";

/** Labels in one column and their values in another, a pair a line, `step` points apart. */
function facts(canvas: BillCanvas, pairs: [string, string][], x: [number, number], y: number, style: TextStyle[], step = 11) {
  pairs.forEach(([label, value], i) => {
    canvas.text(label, x[0], y - step * i, style[0]);
    canvas.text(value, x[1], y - step * i, style[1]);
  });
}

/** Recruitment agency: timesheet lines by week ending and candidate, "Amount due", a remittance advice slip. */
export const recruitmentInvoiceGb: BillLayout = {
  name: "recruitment_invoice_gb",
  split: "heldout",
  language: "en",
  countries: ["GB", "IE"],
  lineCount: [1, 26],
  amountStyle: "en",
  sector: STAFFING,
  draw(canvas: BillCanvas, bill: BillData) {
    const irish = bill.vendor.country === "IE";
    const small = { size: 6.5, grey: true };
    const amount = (cents: number) => printedAmount(cents, "en");
    const money = (cents: number) => `${irish ? "€" : "£"}${amount(cents)}`;
    const date = (iso: string) => printedDate(iso, "dmy_slash");
    const noise = noiseOf(bill, 101);
    const client = `${bill.buyer.name.replace(/[^A-Z]/g, "").slice(0, 3)}${noiseDigits(noise, 3)}`;
    const entries = timesheets(bill, noise);
    const rows = entries.map(({ line, week, who, sheet }) => {
      const [, job = line.description, element = "Basic"] = /^(.*) - (.*) \(.*\)$/.exec(line.description) ?? [];
      const cells = [date(week), sheet, who, job, element, `${line.quantity}.00`];
      return [...cells, amount(line.unitCents), amount(line.amountCents)];
    });
    const continued = (page: BillCanvas) => {
      page.text(`${bill.vendor.name} · Invoice ${bill.invoiceNumber} (continued)`, MARGIN, TOP, { size: 8, grey: true });
      return TOP - 14;
    };
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 16, bold: true });
    const trades = "Industrial · Driving · Office & Commercial · Hospitality · Temporary & Permanent";
    canvas.text(trades, MARGIN, TOP - 13, { size: 7.5, grey: true });
    const branch = [bill.vendor.street, bill.vendor.city, `T: ${bill.vendor.phone}`, `E: ${bill.vendor.email}`];
    block(canvas, branch, RIGHT, TOP + 2, { size: 8, align: "right" }, 10);
    canvas.box(MARGIN, TOP - 70, RIGHT - MARGIN, 20, true);
    canvas.text("INVOICE", MARGIN + 8, TOP - 64, { size: 12, bold: true });
    canvas.text("Supply of temporary workers", RIGHT - 8, TOP - 63, { size: 8, align: "right" });
    canvas.text("Invoice to", MARGIN, TOP - 90, { size: 7.5, bold: true });
    block(canvas, [bill.buyer.name, "Accounts Payable", bill.buyer.street, bill.buyer.city], MARGIN, TOP - 102);
    const manager = ["Mark Ellison", "Joanne Reid", "Paul Murphy", "Helen Carter"][noise(4)] ?? "";
    const site = ["Distribution Centre, Gate 2", "Head Office, Finance Dept.", "Production Site, Unit 5"][noise(3)] ?? "";
    canvas.text("Worksite", 215, TOP - 90, { size: 7.5, bold: true });
    block(canvas, [site, `Hiring manager: ${manager}`], 215, TOP - 102, { size: 8 });
    const vat = irish ? bill.vendor.vat : britishVat(bill.vendor.vat);
    const details: [string, string][] = [
      ["Invoice No.", bill.invoiceNumber],
      [irish ? "Invoice date" : "Invoice date / tax point", date(bill.invoiceDate)],
      ["Client ref.", client],
      ["Purchase order", `${noiseDigits(noise, 2)}${noiseDigits(noise, 6)}`],
      ["Consultant", ["Emma Lowe", "Ryan Daly", "Zara Khan", "Niamh Flynn"][noise(4)] ?? ""],
      ["VAT Reg. No.", vat],
    ];
    facts(canvas, details, [360, RIGHT], TOP - 90, [
      { size: 7.5, grey: true },
      { size: 8, align: "right" },
    ]);
    const weeks = [...new Set(entries.map((entry) => date(entry.week)))].join(" and ");
    const intro = `Charges for temporary workers supplied under our Terms of Business, week(s) ending ${weeks}:`;
    canvas.text(intro, MARGIN, TOP - 172, { size: 8.5 });
    const columns = [col("W/E", 55), col("Timesheet", 55), col("Candidate", 82), col("Job title", 118), col("Rate type", 60)];
    columns.push(col("Hours", 38, true), col("Rate", 40, true), col("Net", 47, true));
    let y = canvas.table(columns, rows, TOP - 180, { x: MARGIN, borders: "stripes", size: 7.5, onNewPage: continued });
    const pages = canvas.doc.getPageCount();
    y = room(canvas, y, 240) - 18;
    if (canvas.doc.getPageCount() > pages) continued(canvas);
    const hours = bill.lines.reduce((sum, line) => sum + line.quantity, 0);
    canvas.text(`${new Set(entries.map((entry) => entry.sheet)).size} timesheet(s) · ${hours}.00 hours in total`, MARGIN, y, {
      size: 8,
      grey: true,
    });
    canvas.pair("Net amount", money(bill.untaxedCents), 370, RIGHT, y);
    for (const group of bill.taxes) canvas.pair(`VAT @ ${group.rate}%`, money(group.taxCents), 370, RIGHT, (y -= 13));
    canvas.box(365, y - 24, RIGHT - 365, 17);
    canvas.pair("Amount due", money(bill.totalCents), 370, RIGHT - 5, y - 19, { bold: true, size: 10 });
    const days = daysBetween(bill.invoiceDate, bill.dueDate);
    const terms = [`Payment terms: ${days} days from date of invoice.`, `Due date: ${date(bill.dueDate)}`];
    block(canvas, terms, MARGIN, y - 14, { size: 8.5 }, 12);
    const law = irish
      ? "the European Communities (Late Payment in Commercial Transactions) Regulations 2012."
      : "the Late Payment of Commercial Debts (Interest) Act 1998.";
    const notes = [
      `Charge rates include holiday pay, employer's ${irish ? "PRSI" : "National Insurance"} and pension contributions.`,
      "Queries must be raised within 7 days of the invoice date. Interest on overdue accounts may be charged under",
      law,
    ];
    block(canvas, notes, MARGIN, y - 50, { size: 7, grey: true }, 9);
    const slip = MARGIN + 128;
    const cut = "- - - - - - - - - - - - - - - -  Please detach and return with your payment  - - - - - - - - - - - - - - - -";
    canvas.text(cut, (MARGIN + RIGHT) / 2, slip, { size: 7, grey: true, align: "center" });
    canvas.text("REMITTANCE ADVICE", MARGIN, slip - 18, { size: 10, bold: true });
    const to = `To: Credit Control, ${bill.vendor.name}, ${bill.vendor.street}, ${bill.vendor.city}`;
    canvas.text(to, RIGHT, slip - 17, { size: 7.5, align: "right" });
    const remit = [col("Client ref.", 90), col("Invoice No.", 110), col("Invoice date", 90), col("Due date", 90)];
    const due = [client, bill.invoiceNumber, date(bill.invoiceDate), date(bill.dueDate), money(bill.totalCents)];
    canvas.table([...remit, col("Amount due", 115, true)], [due], slip - 26, { x: MARGIN, borders: "grid", size: 8 });
    const [bank, bic] = bankOf(bill.vendor.iban);
    const sort = bill.vendor.iban.slice(8, 14).replace(/(\d{2})(?=\d)/g, "$1-");
    const account = bill.vendor.iban.slice(14);
    const pay = [
      `Pay by ${irish ? "EFT" : "BACS"} to: ${bill.vendor.name} · ${bank} · ${irish ? "NSC" : "Sort code"} ${sort} · Account ${account}`,
      `IBAN ${printedIban(bill.vendor.iban)} · BIC ${bic} · Remittances to ${bill.vendor.email}`,
    ];
    block(canvas, pay, MARGIN, slip - 72, { size: 8 }, 11);
    const company = irish
      ? `Registered in Ireland No. ${noiseDigits(noise, 6)}`
      : `Registered in England and Wales No. 0${noiseDigits(noise, 7)}`;
    const member = irish
      ? `Licensed under the Employment Agency Act 1971, licence EA${noiseDigits(noise, 4)}. Member of the National Recruitment Federation.`
      : "Member of the Recruitment & Employment Confederation (REC). An employment business as defined by the Conduct Regulations 2003.";
    const office = `${bill.vendor.street}, ${bill.vendor.city}`;
    for (const page of canvas.doc.getPages()) {
      canvas.page = page;
      block(canvas, [`${bill.vendor.name} · ${company} · Registered office: ${office}`, member], MARGIN, MARGIN - 2, small, 8);
    }
  },
};

/** Dutch or Belgian freight forwarder: shipment box, charges with the rate of exchange, footer columns under the conditions. */
export const freightForwarderInvoiceNl: BillLayout = {
  name: "freight_forwarder_invoice_nl",
  split: "heldout",
  language: "en",
  countries: ["NL", "BE"],
  lineCount: [3, 16],
  amountStyle: "en",
  sector: FORWARDING,
  draw(canvas: BillCanvas, bill: BillData) {
    const belgian = bill.vendor.country === "BE";
    const amount = (cents: number) => printedAmount(cents, "en");
    const date = (iso: string) => printedDate(iso, "dmy_dash");
    const noise = noiseOf(bill, 103);
    const { file, port, containers, details, charges } = shipmentOf(bill, noise);
    const vat = belgian ? belgianVat(bill.vendor.vat) : bill.vendor.vat;
    const [bank, bic] = bankOf(bill.vendor.iban);
    const roe = 0.86 + noise(900) / 10000;
    const grey = { size: 7.5, grey: true };
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 15, bold: true });
    canvas.text("Sea freight · Air freight · Road transport · Customs · Warehousing", MARGIN, TOP - 13, grey);
    canvas.text("INVOICE", RIGHT, TOP - 2, { size: 18, bold: true, align: "right" });
    canvas.text("ORIGINAL", RIGHT, TOP - 15, { size: 7.5, grey: true, align: "right" });
    canvas.text(`${bill.vendor.name} · ${bill.vendor.street} · ${bill.vendor.city}`, MARGIN, TOP - 62, { size: 6.5, grey: true });
    canvas.rule(MARGIN, TOP - 65, MARGIN + 230, 0.4);
    block(canvas, [bill.buyer.name, "Attn. Accounts Payable", bill.buyer.street, bill.buyer.city], MARGIN, TOP - 78, {}, 11);
    canvas.text(`VAT no. ${bill.buyer.vat}`, MARGIN, TOP - 128, { size: 8 });
    const refs: [string, string][] = [
      ["Invoice number", bill.invoiceNumber],
      ["Invoice date", date(bill.invoiceDate)],
      ["Due date", date(bill.dueDate)],
      [
        "Customer code",
        `${bill.buyer.name
          .replace(/[^A-Za-z]/g, "")
          .slice(0, 4)
          .toUpperCase()}${noiseDigits(noise, 3)}`,
      ],
      ["Your reference", `PO ${noiseDigits(noise, 6)}`],
      ["Our file", file],
    ];
    facts(
      canvas,
      refs,
      [350, RIGHT],
      TOP - 62,
      [
        { size: 8, grey: true },
        { size: 8.5, bold: true, align: "right" },
      ],
      12,
    );
    canvas.box(MARGIN, TOP - 238, RIGHT - MARGIN, 92);
    canvas.text("SHIPMENT DETAILS", MARGIN + 6, TOP - 158, { size: 8, bold: true });
    canvas.text(`Sea freight import FCL · Incoterms FOB ${port}`, RIGHT - 6, TOP - 158, { size: 7.5, align: "right" });
    details.forEach((pairs, i) =>
      facts(canvas, pairs, [MARGIN + 6 + 250 * i, MARGIN + 84 + 250 * i], TOP - 174, [grey, { size: 7.5 }]),
    );
    canvas.text(`Container(s): ${containers.join(", ")}`, MARGIN, TOP - 252, { size: 8 });
    const columns = [col("Description", 175), col("Qty", 30, true), col("Unit", 55), col("Rate", 55, true), col("Curr.", 30)];
    columns.push(col("ROE", 45, true), col("VAT", 30, true), col("Amount EUR", 75, true));
    const rows = bill.lines.map((line, i) => {
      const [text, unit] = charges[i] ?? [line.description, ""];
      const dollars = text.startsWith("Ocean freight");
      const rate = dollars ? amount(Math.round(line.unitCents / roe)) : amount(line.unitCents);
      const fx = dollars ? ["USD", roe.toFixed(4)] : ["EUR", ""];
      return [text, String(line.quantity), unit, rate, ...fx, `${line.taxRate}%`, amount(line.amountCents)];
    });
    const continued = (page: BillCanvas) => {
      page.text(`${bill.vendor.name} · Invoice ${bill.invoiceNumber} · File ${file} (continued)`, MARGIN, TOP, { size: 8 });
      return TOP - 14;
    };
    let y = canvas.table(columns, rows, TOP - 262, { x: MARGIN, borders: "rules", size: 7.5, onNewPage: continued });
    const pages = canvas.doc.getPageCount();
    y = room(canvas, y, 150) - 16;
    if (canvas.doc.getPageCount() > pages) continued(canvas);
    canvas.pair("Total excl. VAT", `EUR ${amount(bill.untaxedCents)}`, 345, RIGHT, y);
    for (const group of bill.taxes)
      canvas.pair(`VAT ${group.rate}% over ${amount(group.baseCents)}`, `EUR ${amount(group.taxCents)}`, 345, RIGHT, (y -= 12));
    canvas.rule(345, y - 6, RIGHT, 0.8);
    canvas.pair("Total amount due", `EUR ${amount(bill.totalCents)}`, 345, RIGHT, (y -= 20), { bold: true, size: 10 });
    canvas.text(`Payment before ${date(bill.dueDate)}`, MARGIN, y + 32, { size: 9, bold: true });
    const pay = [
      `Please transfer to IBAN ${printedIban(bill.vendor.iban)} (BIC ${bic}),`,
      `${bank}, stating invoice ${bill.invoiceNumber}.`,
      `Terms: ${daysBetween(bill.invoiceDate, bill.dueDate)} days net. Complaints within 8 days of the invoice date.`,
    ];
    block(canvas, pay, MARGIN, y + 20, { size: 8 }, 11);
    const conditions = CONDITIONS[belgian ? "BE" : "NL"];
    const court = `RPR ${bill.vendor.city.replace(/^\d+ /, "")}`;
    const ids = belgian
      ? [`Enterprise no. ${vat.slice(3)}`, court, `VAT ${vat}`]
      : [`KvK ${noiseDigits(noise, 8)}`, `BTW/VAT ${vat}`];
    const footer: [number, string[]][] = [
      [MARGIN, [bill.vendor.name, bill.vendor.street, bill.vendor.city]],
      [215, [`Tel. ${bill.vendor.phone}`, bill.vendor.email, "Office hours Mon-Fri 08:00-17:30"]],
      [345, ids],
      [440, [bank, `IBAN ${printedIban(bill.vendor.iban)}`, `BIC ${bic}`]],
    ];
    const all = canvas.doc.getPages();
    all.forEach((page, i) => {
      canvas.page = page;
      block(canvas, conditions, MARGIN, MARGIN + 26, { size: 6, grey: true }, 7.5);
      canvas.rule(MARGIN, MARGIN + 12, RIGHT, 0.4);
      for (const [x, lines] of footer) block(canvas, lines, x, MARGIN + 3, { size: 6.5 }, 8);
      canvas.text(`Page ${i + 1}/${all.length}`, RIGHT, MARGIN + 34, { size: 6.5, grey: true, align: "right" });
    });
  },
};
