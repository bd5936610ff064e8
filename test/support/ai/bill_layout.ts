/** The shape of a bill layout: how one kind of vendor prints its bills. */
import type { BillCanvas } from "./bill_canvas";
import type { BillData, BillLanguage, OptionalBillField } from "./bill_data";
import type { AmountStyle } from "./bill_format";
import type { VendorCountry } from "./bill_identifiers";
import type { BillSector } from "./bill_sectors";

export interface BillLayout {
  name: string;
  /**
   * `heldout` layouts never appear in the training set; `calibration` layouts, written blind like the
   * held-out ones, serve only to fit the field-confidence calibration (never the bench, never tuning).
   */
  split: "train" | "heldout" | "calibration";
  language: BillLanguage;
  /** The vendor countries this layout's bills come from. */
  countries: VendorCountry[];
  /** Lines per bill, inclusive range. */
  lineCount: [number, number];
  /** A trade's own vendors and items; the generic office catalog when absent. */
  sector?: BillSector;
  /** The fields this layout does not print (their expected value is `null`). */
  omits?: readonly OptionalBillField[];
  /** How the layout prints the total (the corpus tests look for it in the PDF text). */
  amountStyle: AmountStyle;
  draw(canvas: BillCanvas, bill: BillData): void;
}
