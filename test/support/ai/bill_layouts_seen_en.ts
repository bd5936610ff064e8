/**
 * Bill layouts in English, written blind after real vendors' bills as the held-out set of
 * 2026-12-05; training layouts since they were measured and inspected: a British or Irish telecom
 * bill (an account summary with the previous balance first, the charges overleaf) and a SaaS receipt
 * paid by card (ISO dates, no IBAN and no due date printed at all).
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { MARGIN, RIGHT, TOP, britishVat, noiseDigits, noiseOf, rateOf } from "./bill_print";
import { SAAS_EN, TELECOM_EN } from "./bill_sectors";

/** British or Irish telecom: account summary with the previous balance first, the charges overleaf. */
export const telecomBillEn: BillLayout = {
  name: "telecom_bill_en",
  split: "train",
  language: "en",
  countries: ["GB", "IE"],
  lineCount: [3, 9],
  amountStyle: "en",
  sector: TELECOM_EN,
  draw(canvas: BillCanvas, bill: BillData) {
    const symbol = bill.currency === "GBP" ? "£" : "€";
    const money = (cents: number) => `${cents < 0 ? "-" : ""}${symbol}${printedAmount(Math.abs(cents), "en")}`;
    const date = (iso: string) => printedDate(iso, "short_en");
    const noise = noiseOf(bill, 6);
    const account = noiseDigits(noise, 9);
    const previous = 4000 + noise(40000);
    const british = bill.vendor.country === "GB";
    const vatLine = british ? `VAT Reg No. ${britishVat(bill.vendor.vat)}` : `VAT No. ${bill.vendor.vat}`;
    const company = british
      ? `Registered in England and Wales No. 0${noiseDigits(noise, 7)}`
      : `Registered in Ireland No. ${noiseDigits(noise, 6)}`;
    const footer = (c: BillCanvas) => {
      c.rule(MARGIN, MARGIN + 24, RIGHT, 0.3);
      c.text(
        `${bill.vendor.name}. ${company}. Registered office: ${bill.vendor.street}, ${bill.vendor.city}.`,
        MARGIN,
        MARGIN + 12,
        {
          size: 6.5,
          grey: true,
        },
      );
      c.text(`${vatLine}. Customer services ${bill.vendor.phone}.`, MARGIN, MARGIN + 3, { size: 6.5, grey: true });
    };
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 18, bold: true });
    canvas.text("Your bill", RIGHT, TOP, { size: 14, bold: true, align: "right" });
    const facts: [string, string][] = [
      ["Account number", account],
      ["Invoice number", bill.invoiceNumber],
      ["Bill date", date(bill.invoiceDate)],
      ["Billing period", `${date(addDays(bill.invoiceDate, -30))} to ${date(addDays(bill.invoiceDate, -1))}`],
    ];
    facts.forEach(([label, value], i) => canvas.pair(label, value, 340, RIGHT, TOP - 30 - 13 * i, { size: 8.5 }));
    canvas.text(bill.buyer.name, MARGIN, TOP - 95);
    canvas.text("Accounts Payable", MARGIN, TOP - 107);
    canvas.text(bill.buyer.street, MARGIN, TOP - 119);
    canvas.text(bill.buyer.city, MARGIN, TOP - 131);
    canvas.text("Account summary", MARGIN, TOP - 180, { size: 12, bold: true });
    canvas.box(MARGIN, TOP - 300, RIGHT - MARGIN, 110);
    const paid = addDays(bill.invoiceDate, -(8 + noise(10)));
    const summary: [string, string][] = [
      ["Your previous bill", money(previous)],
      [`Payment received ${date(paid)} - thank you`, money(-previous)],
      ["Balance brought forward", money(0)],
      ["New charges this period (details overleaf)", money(bill.totalCents)],
    ];
    summary.forEach(([label, value], i) => canvas.pair(label, value, MARGIN + 12, RIGHT - 12, TOP - 205 - 16 * i));
    canvas.rule(MARGIN + 12, TOP - 265, RIGHT - 12, 0.8);
    canvas.pair("Amount due", money(bill.totalCents), MARGIN + 12, RIGHT - 12, TOP - 285, { size: 14, bold: true });
    canvas.text(`Please pay by ${date(bill.dueDate)}.`, MARGIN, TOP - 325, { bold: true });
    canvas.text(
      `Paying by Direct Debit? We'll collect ${money(bill.totalCents)} on or after ${date(bill.dueDate)}; you needn't do anything.`,
      MARGIN,
      TOP - 340,
    );
    canvas.text("Pay by bank transfer", MARGIN, TOP - 370, { bold: true });
    const iban = bill.vendor.iban;
    const bank = british
      ? `Sort code ${iban.slice(8, 10)}-${iban.slice(10, 12)}-${iban.slice(12, 14)}  Account ${iban.slice(14)}  IBAN ${printedIban(iban)}`
      : `IBAN ${printedIban(iban)}  BIC ${iban.slice(4, 8)}IE2D`;
    canvas.text(bank, MARGIN, TOP - 384);
    canvas.text(`Please quote your account number ${account} as the reference.`, MARGIN, TOP - 397);
    footer(canvas);
    canvas.newPage();
    canvas.text("Your charges explained", MARGIN, TOP, { size: 14, bold: true });
    canvas.text(`Account ${account} · Invoice ${bill.invoiceNumber} · ${date(bill.invoiceDate)}`, MARGIN, TOP - 16, {
      size: 8,
      grey: true,
    });
    const rows = bill.lines.map((line) => [
      line.description,
      String(line.quantity),
      `${symbol}${printedAmount(line.unitCents, "en")}`,
      printedAmount(line.amountCents, "en"),
    ]);
    const columns = [
      { label: "Charge", width: 260 },
      { label: "Quantity", width: 70, align: "right" as const },
      { label: "Rate", width: 75, align: "right" as const },
      { label: `Amount (${symbol})`, width: 90, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 40, { x: MARGIN, borders: "none" }) - 16;
    canvas.pair("Total charges before VAT", money(bill.untaxedCents), 300, RIGHT, y);
    for (const group of bill.taxes)
      canvas.pair(
        `VAT at ${rateOf(group.rate, ".")}% on ${money(group.baseCents)}`,
        money(group.taxCents),
        300,
        RIGHT,
        (y -= 13),
      );
    canvas.rule(300, y - 6, RIGHT, 0.8);
    canvas.pair("Invoice total", money(bill.totalCents), 300, RIGHT, (y -= 20), { bold: true, size: 11 });
    canvas.text("Calls are charged per second after the first minute. Prices shown exclude VAT.", MARGIN, y - 40, {
      size: 7.5,
      grey: true,
    });
    footer(canvas);
  },
};

/** A SaaS receipt paid by card: ISO dates, "Amount paid", the buyer's VAT number; no IBAN, no due date. */
export const saasReceiptEn: BillLayout = {
  name: "saas_receipt_en",
  split: "train",
  language: "en",
  countries: ["IE", "NL", "LU"],
  lineCount: [1, 4],
  amountStyle: "en",
  sector: SAAS_EN,
  omits: ["partner_iban", "due_date"],
  draw(canvas: BillCanvas, bill: BillData) {
    const money = (cents: number) => `€${printedAmount(cents, "en")}`;
    const noise = noiseOf(bill, 7);
    const card = `Visa •••• ${noiseDigits(noise, 4)}`;
    const customer = `cus_${[...Array(14)].map(() => "abcdefghijkmnpqrstuvwxyz0123456789"[noise(34)]).join("")}`;
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 13, bold: true });
    canvas.text("Receipt", RIGHT, TOP, { size: 20, bold: true, align: "right" });
    canvas.text(`${money(bill.totalCents)} paid on ${printedDate(bill.invoiceDate, "us_long")}`, MARGIN, TOP - 45, {
      size: 16,
      bold: true,
    });
    const facts: [string, string][] = [
      ["Receipt #", bill.invoiceNumber],
      ["Date paid", printedDate(bill.invoiceDate, "iso")],
      ["Payment method", card],
      ["Customer ID", customer],
      ["Billing period", `${bill.invoiceDate} - ${addDays(bill.invoiceDate, 30)}`],
    ];
    facts.forEach(([label, value], i) => {
      canvas.text(label, MARGIN, TOP - 75 - 14 * i, { grey: true });
      canvas.text(value, MARGIN + 95, TOP - 75 - 14 * i);
    });
    canvas.text("Billed to", 340, TOP - 75, { grey: true });
    [bill.buyer.name, bill.buyer.street, bill.buyer.city, `VAT ${bill.buyer.vat}`].forEach((text, i) =>
      canvas.text(text, 340, TOP - 89 - 12 * i),
    );
    canvas.text("Summary", MARGIN, TOP - 175, { size: 11, bold: true });
    const rows = bill.lines.map((line) => [
      line.description,
      String(line.quantity),
      money(line.unitCents),
      money(line.amountCents),
    ]);
    const columns = [
      { label: "Description", width: 250 },
      { label: "Qty", width: 45, align: "right" as const },
      { label: "Unit price", width: 95, align: "right" as const },
      { label: "Amount", width: 105, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 185, { x: MARGIN, borders: "rules" }) - 16;
    canvas.pair("Subtotal", money(bill.untaxedCents), 340, RIGHT, y);
    for (const group of bill.taxes)
      canvas.pair(`VAT (${rateOf(group.rate, ".")}% on ${money(group.baseCents)})`, money(group.taxCents), 340, RIGHT, (y -= 14));
    canvas.rule(340, y - 6, RIGHT, 0.6);
    canvas.pair("Total", money(bill.totalCents), 340, RIGHT, (y -= 20));
    canvas.pair("Amount paid", money(bill.totalCents), 340, RIGHT, (y -= 16), { bold: true });
    canvas.text(`Charged to ${card}. Nothing is due: this receipt is for your records.`, MARGIN, y - 40, { size: 8.5 });
    canvas.text(`Questions? Contact ${bill.vendor.email} or visit our help centre.`, MARGIN, y - 53, { size: 8.5 });
    canvas.rule(MARGIN, MARGIN + 26, RIGHT, 0.3);
    canvas.text(`${bill.vendor.name} · ${bill.vendor.street}, ${bill.vendor.city}`, MARGIN, MARGIN + 14, { size: 7, grey: true });
    canvas.text(`VAT ID ${bill.vendor.vat} · Company no. ${noiseDigits(noise, 6)}`, MARGIN, MARGIN + 4, { size: 7, grey: true });
  },
};
