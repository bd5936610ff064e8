/** The shape of a bill layout: how one kind of vendor prints its bills. */
import type { BillCanvas } from "./bill_canvas";
import type { BillData, BillLanguage } from "./bill_data";
import type { AmountStyle } from "./bill_format";
import type { VendorCountry } from "./bill_identifiers";

export interface BillLayout {
  name: string;
  /** `heldout` layouts never appear in the training set. */
  split: "train" | "heldout";
  language: BillLanguage;
  /** The vendor countries this layout's bills come from. */
  countries: VendorCountry[];
  /** Lines per bill, inclusive range. */
  lineCount: [number, number];
  /** How the layout prints the total (the corpus tests look for it in the PDF text). */
  amountStyle: AmountStyle;
  draw(canvas: BillCanvas, bill: BillData): void;
}
