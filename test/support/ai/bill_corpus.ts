/**
 * The vendor-bill corpus: from a seed, bills in layouts of our own (unlike Odoo's), each rendered to a
 * PDF with pdf-lib and returned with its expected fields. The same seed always gives the same bills.
 * Layouts are marked train, heldout or calibration; a held-out layout never appears in the training set,
 * and calibration layouts (written blind too) only fit the field-confidence calibration.
 *
 * `billDataset(seed, count)` gives the data alone (no PDF) and the language its layout prints in, for
 * `scripts/ai/render_odoo_bills.py`, which renders the same bills with Odoo's own invoice report.
 */
import { BillCanvas } from "./bill_canvas";
import { billExpect, generateBillData, seededPick, type BillData, type BillExpect } from "./bill_data";
import { printedAmount } from "./bill_format";
import type { BillLayout } from "./bill_layout";
import { factureChQr, invoiceWholesaleNl } from "./bill_layouts_calibration";
import { tradeInvoiceMerchantIe, vehicleHireInvoiceGb } from "./bill_layouts_calibration_v2";
import { factureFiduciaireBe, rechnungDruckereiDe } from "./bill_layouts_calibration_v2_eu";
import { rechnungShopDe } from "./bill_layouts_calibration_de";
import { itResellerInvoiceEn } from "./bill_layouts_seen_v4";
import { fuelCardInvoiceGb } from "./bill_layouts_seen_v4b";
import { feeNoteSolicitorIe } from "./bill_layouts_seen_v4c";
import { cateringInvoiceIe, marketplaceSellerEn } from "./bill_layouts_seen_v3_en";
import { factureTravauxFr, honorarrechnungDe } from "./bill_layouts_seen_v3_fr_de";
import { facturaDistribuidorEs } from "./bill_layouts_seen_v3_es";
import { saasReceiptEn, telecomBillEn } from "./bill_layouts_seen_en";
import { facturaEsTotalPagar, rechnungAtHandwerk } from "./bill_layouts_seen_es_de";
import { factureBeLu, factureFreelanceFr } from "./bill_layouts_seen_fr";
import { classicEn, compactStatement, factureFr, rechnungDe } from "./bill_layouts_train";
import { facturaEsMultipage, swissPayment, usBill } from "./bill_layouts_train_more";
import { consultancyLetterEn, factureTransportFr } from "./bill_layouts_train_wide";
import { facturaSuministroEs, rechnungZweispaltigDe } from "./bill_layouts_train_wide_de_es";
import { factureGrossisteFr } from "./bill_layouts_seen_v4_eu";
import { rechnungItServiceDe } from "./bill_layouts_seen_v4_eu2";
import { facturaLimpiezaEs } from "./bill_layouts_seen_v4_eu3";
import { factureMaintenanceFr } from "./bill_layouts_heldout_v5_fr";
import { rechnungHotelDe } from "./bill_layouts_heldout_v5_de";
import { facturaAsesoriaEs } from "./bill_layouts_heldout_v5_es";
import { factureEnergieBe } from "./bill_layouts_heldout_v5_be";
import { securityServicesInvoiceIe } from "./bill_layouts_calibration_v3";
import { facturaTallerEs, factureImprimerieCh } from "./bill_layouts_calibration_v3_eu";
import { freightForwarderInvoiceNl, recruitmentInvoiceGb } from "./bill_layouts_heldout_v5_en";

export type { BillExpect } from "./bill_data";
export type { BillLayout } from "./bill_layout";

export const BILL_LAYOUTS: readonly BillLayout[] = [
  classicEn,
  rechnungDe,
  factureFr,
  compactStatement,
  facturaEsMultipage,
  swissPayment,
  usBill,
  consultancyLetterEn,
  factureTransportFr,
  rechnungZweispaltigDe,
  facturaSuministroEs,
  factureBeLu,
  factureFreelanceFr,
  facturaEsTotalPagar,
  rechnungAtHandwerk,
  telecomBillEn,
  saasReceiptEn,
  marketplaceSellerEn,
  cateringInvoiceIe,
  factureTravauxFr,
  honorarrechnungDe,
  facturaDistribuidorEs,
  invoiceWholesaleNl,
  factureChQr,
  rechnungShopDe,
  itResellerInvoiceEn,
  fuelCardInvoiceGb,
  feeNoteSolicitorIe,
  vehicleHireInvoiceGb,
  tradeInvoiceMerchantIe,
  factureFiduciaireBe,
  rechnungDruckereiDe,
  factureGrossisteFr,
  rechnungItServiceDe,
  facturaLimpiezaEs,
  factureMaintenanceFr,
  rechnungHotelDe,
  facturaAsesoriaEs,
  factureEnergieBe,
  securityServicesInvoiceIe,
  factureImprimerieCh,
  facturaTallerEs,
  recruitmentInvoiceGb,
  freightForwarderInvoiceNl,
];

export type CorpusSplit = "train" | "heldout" | "calibration";

/** Each split's own offset in a bill's seed, so bills of different splits never coincide. */
const SPLIT_SEED_OFFSET: Record<CorpusSplit, number> = { train: 0, heldout: 1, calibration: 2 };

export interface GeneratedBill {
  id: string;
  layout: string;
  split: CorpusSplit;
  data: BillData;
  expect: BillExpect;
  /** The total as this layout prints it (e.g. "1.234,50"). */
  printedTotal: string;
  /** Every string drawn on the PDF, in order. */
  printed: string[];
  pageCount: number;
  pdf: Uint8Array;
}

function layoutsOf(split: CorpusSplit): BillLayout[] {
  return BILL_LAYOUTS.filter((layout) => layout.split === split);
}

/** Plans `count` bills of one split: which layout, country and seed each gets, round-robin over layouts. */
function plan(seed: number, count: number, split: CorpusSplit): { id: string; layout: BillLayout; data: BillData }[] {
  const pick = seededPick(seed);
  const layouts = layoutsOf(split);
  if (layouts.length === 0 && count > 0) throw new Error(`no ${split} layout in BILL_LAYOUTS: mark one with split "${split}"`);
  return Array.from({ length: count }, (_, i) => {
    const layout = layouts[i % layouts.length] as BillLayout;
    const country = layout.countries[pick(layout.countries.length)] ?? "DE";
    const [min, max] = layout.lineCount;
    const billSeed = seed * 100003 + i * 7919 + SPLIT_SEED_OFFSET[split];
    const lineCount = min + pick(max - min + 1);
    const data = generateBillData(billSeed, { country, language: layout.language, lineCount, sector: layout.sector });
    return { id: `bill-${split}-${seed}-${String(i + 1).padStart(4, "0")}`, layout, data };
  });
}

/** Renders one bill in one layout. */
export async function renderBill(
  layout: BillLayout,
  data: BillData,
): Promise<{ pdf: Uint8Array; printed: string[]; pageCount: number }> {
  const canvas = await BillCanvas.create();
  layout.draw(canvas, data);
  return { pdf: await canvas.save(), printed: canvas.printed, pageCount: canvas.doc.getPageCount() };
}

/** Generates and renders `count` bills of a split. */
export async function generateBills(seed: number, count: number, split: CorpusSplit): Promise<GeneratedBill[]> {
  const bills: GeneratedBill[] = [];
  for (const { id, layout, data } of plan(seed, count, split)) {
    const rendered = await renderBill(layout, data);
    bills.push({
      id,
      layout: layout.name,
      split,
      data,
      expect: billExpect(data, layout.omits),
      printedTotal: printedAmount(data.totalCents, layout.amountStyle),
      ...rendered,
    });
  }
  return bills;
}

/**
 * The data of `count` bills per split without rendering, for other renderers (Odoo's report). Odoo's
 * report prints every field, so none is expected empty here.
 */
export function billDataset(
  seed: number,
  count: number,
): { id: string; split: CorpusSplit; language: BillLayout["language"]; data: BillData; expect: BillExpect }[] {
  return (["train", "heldout"] as const).flatMap((split) =>
    plan(seed, count, split).map(({ id, layout, data }) => ({
      id,
      split,
      language: layout.language,
      data,
      expect: billExpect(data),
    })),
  );
}
