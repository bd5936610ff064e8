/**
 * A training layout, held out in the fourth measured set until it was measured, in English, written blind
 * after real vendors' bills: a British or Irish IT reseller's invoice (ERP dates as "14-MAR-2026", "Bill To
 * / Ship To / Remit To" blocks, the customer's PO and the sales order, manufacturer part numbers in a grid,
 * a terms strip, the bank details under "Remittance details"). The other layouts of the set: a British fuel
 * card in `bill_layouts_seen_v4b.ts`, an Irish solicitors' fee note in `bill_layouts_seen_v4c.ts`.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { A4, MARGIN, RIGHT, TOP, britishVat, daysBetween, noiseDigits, noiseOf, rateOf, room } from "./bill_print";
import type { BillSector } from "./bill_sectors";

/** Reseller items and their manufacturer part numbers. */
const IT_ITEMS: [description: string, part: string, minCents: number, maxCents: number, mostUnits: number][] = [
  ["Lenovo ThinkPad E14 Gen 6, 16GB/512GB, W11P", "21M7002JUK", 65000, 89000, 15],
  ["Dell P2425H 24in IPS monitor", "DELL-P2425H", 12500, 16500, 30],
  ["Microsoft 365 Business Standard, 1 yr", "CFQ7TTC0LDPB", 11000, 12500, 50],
  ["Cisco Meraki MR36 wireless access point", "MR36-HW", 42000, 52000, 6],
  ["Meraki MR Enterprise licence, 3 years", "LIC-ENT-3YR", 28000, 36000, 6],
  ["APC Smart-UPS 1500VA LCD RM 2U", "SMT1500RMI2UC", 68000, 84000, 2],
  ["Lenovo USB-C dock, 100 W", "40AY0090UK", 17500, 23500, 15],
  ["Imaging and asset tagging, per device", "SRV-IMG-STD", 1800, 3500, 20],
  ["Carriage, next working day", "CARRIAGE-NWD", 1500, 3500, 1],
];

const IT_RESELLER: BillSector = {
  names: {
    GB: ["Northgate Technology Solutions Ltd", "Kestrel IT Supplies Ltd", "Brunel Systems Integration Ltd"],
    IE: ["Portlaw Technology Ltd", "Emerald Systems Distribution Ltd", "Dublin Bay IT Solutions DAC"],
  },
  items: IT_ITEMS.map(([description, , min, max, most]) => [description, min, max, most]),
};

/** "2026-03-14" → "14-MAR-2026", as ERP systems print dates. */
function erpDate(iso: string): string {
  return printedDate(iso, "short_en").replace(
    /^(\d+) (\w+) (\d+)$/,
    (_, d: string, m: string, y: string) => `${d.padStart(2, "0")}-${m.toUpperCase()}-${y}`,
  );
}

/** IT reseller: ERP header box, Bill To / Ship To / Remit To, PO and sales order, part numbers, terms strip. */
export const itResellerInvoiceEn: BillLayout = {
  name: "it_reseller_invoice_en",
  split: "train",
  language: "en",
  countries: ["GB", "IE"],
  lineCount: [2, 8],
  sector: IT_RESELLER,
  amountStyle: "en",
  draw(canvas: BillCanvas, bill: BillData) {
    const noise = noiseOf(bill, 71);
    const british = bill.vendor.country === "GB";
    const iban = bill.vendor.iban;
    const customer = noiseDigits(noise, 7);
    const po = `PO-${noiseDigits(noise, 6)}`;
    const order = `SO${noiseDigits(noise, 8)}`;
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 14, bold: true });
    canvas.text("Technology sourcing · Services · Cloud", MARGIN, TOP - 13, { size: 8, grey: true });
    canvas.text(`${bill.vendor.street}, ${bill.vendor.city}`, MARGIN, TOP - 25, { size: 7.5 });
    canvas.text(`Tel ${bill.vendor.phone} · ${bill.vendor.email}`, MARGIN, TOP - 35, { size: 7.5 });
    canvas.text("INVOICE", RIGHT, TOP, { size: 18, bold: true, align: "right" });
    const header: [string, string][] = [
      ["Invoice Number", bill.invoiceNumber],
      ["Invoice Date", erpDate(bill.invoiceDate)],
      [british ? "Tax Point" : "Supply Date", erpDate(addDays(bill.invoiceDate, -noise(3)))],
      ["Customer Number", customer],
      ["Customer PO", po],
      ["Sales Order", order],
      ["Page", "1"],
    ];
    canvas.box(360, TOP - 130, RIGHT - 360, 106);
    header.forEach(([label, value], i) => {
      canvas.text(label, 366, TOP - 36 - 14 * i, { size: 7.5, grey: true });
      canvas.text(value, RIGHT - 6, TOP - 36 - 14 * i, { size: 8.5, bold: i === 0, align: "right" });
    });
    const account = british ? `Sort Code ${iban.slice(8, 10)}-${iban.slice(10, 12)}-${iban.slice(12, 14)}` : "";
    const blocks: [string, string[]][] = [
      ["Bill To", [bill.buyer.name, "Accounts Payable", bill.buyer.street, bill.buyer.city, `VAT: ${bill.buyer.vat}`]],
      [
        "Ship To",
        [
          bill.buyer.name,
          `Attn: IT Dept / ${["Goods In", "Reception", "Server Room"][noise(3)]}`,
          bill.buyer.street,
          bill.buyer.city,
        ],
      ],
      [
        "Remit To",
        [
          bill.vendor.name,
          "Credit Control",
          bill.vendor.street,
          bill.vendor.city,
          `credit.control@${bill.vendor.email.split("@")[1]}`,
        ],
      ],
    ];
    const blockWidth = (RIGHT - MARGIN) / 3;
    blocks.forEach(([title, lines], i) => {
      const x = MARGIN + blockWidth * i;
      canvas.box(x, TOP - 158, blockWidth - 6, 14, true);
      canvas.text(title, x + 4, TOP - 154, { size: 8, bold: true });
      lines.forEach((line, j) => canvas.text(line, x + 4, TOP - 170 - 10 * j, { size: 7.5 }));
    });
    const strip: [string, string][] = [
      ["Payment Terms", `Net ${daysBetween(bill.invoiceDate, bill.dueDate)} days`],
      ["Due Date", erpDate(bill.dueDate)],
      ["Ship Via", ["DPD Next Day", "Own courier", "UPS Standard"][noise(3)] ?? "DPD Next Day"],
      ["Despatch Date", erpDate(addDays(bill.invoiceDate, -(1 + noise(3))))],
      ["Account Manager", ["Gemma Price", "Tom Oyelaran", "Niamh Kehoe", "Rob Sinclair"][noise(4)] ?? "Gemma Price"],
      ["Currency", bill.currency],
    ];
    const cell = (RIGHT - MARGIN) / strip.length;
    strip.forEach(([label, value], i) => {
      canvas.box(MARGIN + cell * i, TOP - 250, cell, 26);
      canvas.text(label, MARGIN + cell * i + 4, TOP - 233, { size: 6.5, grey: true });
      canvas.text(value, MARGIN + cell * i + 4, TOP - 245, { size: 7.5 });
    });
    const rows = bill.lines.map((line, i) => [
      String((i + 1) * 10),
      IT_ITEMS.find(([description]) => description === line.description)?.[1] ?? "",
      line.description,
      String(line.quantity),
      printedAmount(line.unitCents, "en"),
      printedAmount(line.amountCents, "en"),
    ]);
    const columns = [
      { label: "Line", width: 28 },
      { label: "Mfr Part No.", width: 78 },
      { label: "Description", width: 204 },
      { label: "Qty", width: 30, align: "right" as const },
      { label: "Unit Price", width: 75, align: "right" as const },
      { label: "Extended Price", width: A4[0] - 2 * MARGIN - 415, align: "right" as const },
    ];
    let y = canvas.table(columns, rows, TOP - 268, { x: MARGIN, borders: "grid", size: 7.5 });
    const laptops = bill.lines.filter((line) => line.description.startsWith("Lenovo ThinkPad"));
    if (laptops.length > 0)
      canvas.text(`Serial numbers supplied on despatch note DN${noiseDigits(noise, 7)}.`, MARGIN, (y -= 12), {
        size: 7,
        grey: true,
      });
    y = room(canvas, y, 190) - 20;
    const top = y;
    const totals: [string, string][] = [
      ["Subtotal", printedAmount(bill.untaxedCents, "en")],
      ["Freight", "0.00"],
      ...bill.taxes.map((group): [string, string] => [`VAT @ ${rateOf(group.rate, ".")}%`, printedAmount(group.taxCents, "en")]),
    ];
    totals.forEach(([label, value], i) => canvas.pair(label, value, 370, RIGHT - 4, y - 13 * i, { size: 8.5 }));
    y -= 13 * totals.length + 6;
    canvas.box(364, y - 8, RIGHT - 364, 20, true);
    canvas.pair(`Invoice Total ${bill.currency}`, printedAmount(bill.totalCents, "en"), 370, RIGHT - 4, y - 2, {
      bold: true,
      size: 10,
    });
    const bank = british
      ? [
          `${["Barclays Bank plc", "NatWest", "Lloyds Bank plc", "HSBC UK"][noise(4)]} · ${account} · Account ${iban.slice(14)}`,
          `IBAN ${printedIban(iban)} · BIC ${iban.slice(4, 8)}GB2L`,
        ]
      : [
          `${["AIB", "Bank of Ireland", "PTSB", "Ulster Bank"][noise(4)]} · BIC ${iban.slice(4, 8)}IE2D`,
          `IBAN ${printedIban(iban)}`,
        ];
    const remit = [
      "Remittance details",
      `Account name: ${bill.vendor.name}`,
      ...bank,
      `Please quote invoice ${bill.invoiceNumber} and customer ${customer} on your remittance.`,
    ];
    remit.forEach((line, i) => canvas.text(line, MARGIN, top - 11 * i, { size: 7.5, bold: i === 0 }));
    const company = british
      ? `Registered in England No. 0${noiseDigits(noise, 7)}`
      : `Registered in Ireland No. ${noiseDigits(noise, 6)}`;
    const vat = british ? `VAT Reg. No. ${britishVat(bill.vendor.vat)}` : `VAT No. ${bill.vendor.vat}`;
    canvas.rule(MARGIN, MARGIN + 26, RIGHT, 0.3);
    canvas.text(
      "Title to the goods remains with us until paid in full. Returns only with an RMA number within 14 days of delivery.",
      MARGIN,
      MARGIN + 16,
      { size: 6.5, grey: true },
    );
    canvas.text(`${bill.vendor.name} · ${company} · ${vat} · WEEE reg. WEE/${noiseDigits(noise, 6)}`, MARGIN, MARGIN + 7, {
      size: 6.5,
      grey: true,
    });
  },
};
