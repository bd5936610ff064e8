/**
 * A training layout, held out in the fourth measured set until it was measured, in English, written blind
 * after real vendors' bills: an Irish solicitors' "Fee Note" (letterhead with the firm's DX number, "Our
 * Ref" and "Your Ref", the matter in a "Re:" line, a narrative of the work, professional fees and VATable
 * outlays in sections with a single euro column, long dates, payment to the firm's office account, the
 * partners and the Law Society in the footer). The other layouts of the set are in
 * `bill_layouts_seen_v4.ts` and `bill_layouts_seen_v4b.ts`.
 */
import type { BillCanvas } from "./bill_canvas";
import type { BillData } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import { printedIban } from "./bill_identifiers";
import type { BillLayout } from "./bill_layout";
import { A4, MARGIN, RIGHT, TOP, noiseDigits, noiseOf, rateOf, room } from "./bill_print";
import type { BillSector } from "./bill_sectors";

const SOLICITORS_IE: BillSector = {
  names: { IE: ["Kearney Walsh Solicitors LLP", "Moriarty & Dunne Solicitors", "Ó Briain Carroll LLP"] },
  items: [
    ["Professional fee: agreed fixed fee", 120000, 350000, 1],
    ["Drafting and revising documents (hours)", 22000, 35000, 14],
    ["Attendances, correspondence and advices (hours)", 18000, 30000, 10],
    ["Meetings and consultations (half days)", 45000, 80000, 2],
    ["Outlay: courier and registered post", 1500, 6000, 1],
    ["Outlay: law searches, agent's fee", 4500, 12000, 1],
    ["Outlay: photocopying (pages)", 10, 25, 400],
    ["Outlay: travel, mileage (km)", 40, 55, 300],
  ],
};

const MATTERS = [
  "Lease of Unit 4, Ballycoolin Business Park, Dublin 15",
  "Acquisition of premises at Mahon Industrial Estate, Cork",
  "Employment law advice: restructuring of sales team",
  "Debt recovery proceedings v. Kinsella Haulage Limited",
  "Review of supply agreement with Corrib Foods DAC",
];

/** Irish solicitors' fee note: "Our Ref / Your Ref", "Re:", fees and VATable outlays, office account, partners. */
export const feeNoteSolicitorIe: BillLayout = {
  name: "fee_note_solicitor_ie",
  split: "train",
  language: "en",
  countries: ["IE"],
  lineCount: [2, 6],
  sector: SOLICITORS_IE,
  amountStyle: "en",
  draw(canvas: BillCanvas, bill: BillData) {
    const noise = noiseOf(bill, 79);
    const amount = (cents: number) => printedAmount(cents, "en");
    const long = (iso: string) => printedDate(iso, "long_en");
    const partners = ["Aoife Kearney", "Martin Walsh", "Siobhán Moriarty", "Declan Dunne", "Ciarán Ó Briain", "Gráinne Carroll"];
    const initials = (name: string) => name.replace(/[^A-ZÓ]/g, "").replace("Ó", "O");
    const named = partners.filter((name) => bill.vendor.name.includes(name.split(" ").slice(1).join(" ")));
    const firm = [...new Set([...named, partners[noise(partners.length)] ?? "Aoife Kearney"])];
    const handler = firm[noise(firm.length)] ?? "Aoife Kearney";
    const client = noiseDigits(noise, 4);
    const ourRef = `${initials(handler)}/${bill.buyer.name.slice(0, 3).toUpperCase()}/${client}-${String(1 + noise(12)).padStart(3, "0")}`;
    const domain = bill.vendor.email.split("@")[1] ?? "";
    canvas.text(bill.vendor.name, MARGIN, TOP, { size: 16, bold: true });
    canvas.text("Solicitors · Commissioners for Oaths", MARGIN, TOP - 14, { size: 8.5, grey: true });
    [
      bill.vendor.street,
      bill.vendor.city,
      `DX ${100 + noise(150)} ${bill.vendor.city.split(",")[0]}`,
      `T ${bill.vendor.phone}`,
      `E ${bill.vendor.email}`,
    ].forEach((line, i) => canvas.text(line, RIGHT, TOP - 10 * i, { size: 7.5, align: "right" }));
    canvas.text(`W www.${domain.replace(/\.example$/, "")}.ie`, RIGHT, TOP - 50, { size: 7.5, align: "right" });
    canvas.rule(MARGIN, TOP - 60, RIGHT, 0.8);
    canvas.text("FEE NOTE", MARGIN, TOP - 90, { size: 13, bold: true });
    ["The Company Secretary", bill.buyer.name, bill.buyer.street, bill.buyer.city].forEach((line, i) =>
      canvas.text(line, MARGIN, TOP - 115 - 12 * i),
    );
    const refs: [string, string][] = [
      ["Our Ref:", ourRef],
      ["Your Ref:", `Legal/${noiseDigits(noise, 5)}`],
      ["Date:", long(bill.invoiceDate)],
      ["Fee Note No:", bill.invoiceNumber],
    ];
    refs.forEach(([label, value], i) => {
      canvas.text(label, 340, TOP - 115 - 12 * i, { bold: true });
      canvas.text(value, 410, TOP - 115 - 12 * i);
    });
    const matter = MATTERS[noise(MATTERS.length)] ?? "";
    canvas.text(`RE: ${matter.toUpperCase()}`, MARGIN, TOP - 190, { bold: true });
    canvas.rule(MARGIN, TOP - 193, MARGIN + canvas.width(`RE: ${matter.toUpperCase()}`, { bold: true }), 0.5);
    [
      "TO our professional fees for all work done on your behalf in connection with the above matter since",
      `${long(addDays(bill.invoiceDate, -(60 + noise(90))))}, including taking your instructions, attendances on you and on others, correspondence,`,
      "telephone attendances and advices, as more particularly set out below:",
    ].forEach((line, i) => canvas.text(line, MARGIN, TOP - 215 - 12 * i));
    let y = TOP - 260;
    canvas.text("€", RIGHT, y, { bold: true, align: "right" });
    const fees = bill.lines.filter((line) => !line.description.startsWith("Outlay: "));
    const outlays = bill.lines.filter((line) => line.description.startsWith("Outlay: "));
    const sections: [string, typeof fees][] = [
      ["Professional fees", fees],
      ["VATable outlays", outlays],
    ];
    for (const [title, lines] of sections) {
      if (lines.length === 0) continue;
      y = room(canvas, y, 40) - 18;
      canvas.text(title, MARGIN, y, { bold: true });
      for (const line of lines) {
        y = room(canvas, y, 20) - 14;
        const [text = line.description, unit] = line.description
          .replace(/^Outlay: (.)/, (_, first: string) => first.toUpperCase())
          .replace(/\)$/, "")
          .split(" (");
        const units = line.quantity === 1 ? unit?.replace(/s$/, "") : unit;
        const detail = unit ? ` (${line.quantity} ${units} @ €${amount(line.unitCents)})` : "";
        canvas.text(`${text}${detail}`, MARGIN + 14, y);
        canvas.text(amount(line.amountCents), RIGHT, y, { align: "right" });
      }
    }
    y = room(canvas, y, 200) - 10;
    canvas.rule(380, y, RIGHT, 0.5);
    canvas.pair("Fees and VATable outlays", amount(bill.untaxedCents), MARGIN, RIGHT, (y -= 14));
    for (const group of bill.taxes)
      canvas.pair(`VAT @ ${rateOf(group.rate, ".")}%`, amount(group.taxCents), MARGIN, RIGHT, (y -= 14));
    canvas.rule(380, y - 5, RIGHT, 0.5);
    canvas.pair("TOTAL DUE", `€${amount(bill.totalCents)}`, MARGIN, RIGHT, (y -= 18), { bold: true, size: 10.5 });
    canvas.rule(380, y - 5, RIGHT, 0.5);
    canvas.rule(380, y - 7, RIGHT, 0.5);
    y -= 36;
    [
      `Payment of this fee note is due on or before ${long(bill.dueDate)}.`,
      `Please quote our reference ${ourRef} and fee note no. ${bill.invoiceNumber} with your payment.`,
    ].forEach((line, i) => canvas.text(line, MARGIN, y - 12 * i));
    y -= 34;
    const iban = bill.vendor.iban;
    const bank = { AIBK: "AIB", BOFI: "Bank of Ireland", IPBS: "PTSB", ULSB: "Ulster Bank" }[iban.slice(4, 8)] ?? "AIB";
    canvas.box(MARGIN, y - 50, 300, 62);
    canvas.text("Office Account - EFT details", MARGIN + 6, y, { size: 8.5, bold: true });
    [
      `Account name: ${bill.vendor.name} Office Account`,
      `Bank: ${bank}`,
      `IBAN: ${printedIban(iban)}`,
      `BIC: ${iban.slice(4, 8)}IE2D`,
    ].forEach((line, i) => canvas.text(line, MARGIN + 6, y - 12 - 10 * i, { size: 8 }));
    canvas.text("E. & O.E.", RIGHT, y - 40, { size: 8, align: "right" });
    canvas.text(
      "This fee note is issued in accordance with our notice under section 150 of the Legal Services Regulation Act 2015.",
      MARGIN,
      y - 68,
      { size: 7, grey: true },
    );
    const middle = A4[0] / 2;
    canvas.text(`Partners: ${firm.join(", ")}`, middle, MARGIN + 12, { size: 6.5, grey: true, align: "center" });
    canvas.text(`Regulated by the Law Society of Ireland · VAT Reg. No. ${bill.vendor.vat}`, middle, MARGIN + 3, {
      size: 6.5,
      grey: true,
      align: "center",
    });
  },
};
