/**
 * What the intake worker sends back to Odoo (`ops.ai.gateway.submit_result`), as the contract of
 * issue 15 names it, plus the categories of `fail_job`.
 */

/** Why a job failed, as `ops.ai.gateway.fail_job` accepts it. */
export const FAILURE_CATEGORIES = ["corrupt", "encrypted", "empty", "too_large", "unsupported", "language", "internal"] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

/** A document the worker cannot read: the job fails with this category and readable reason. */
export class IntakeFailure extends Error {
  override readonly name = "IntakeFailure";

  constructor(
    readonly category: FailureCategory,
    message: string,
  ) {
    super(message);
  }
}

/** Where a value was read: a box on a page (PDF points, origin top left), or a span of the text. */
export type Evidence = { page: number; box: [number, number, number, number] } | { span: [number, number] } | null;

export interface FieldCandidate {
  value: string;
  confidence: number;
  generator: string;
}

export interface ProposedField {
  name: string;
  raw: string | null;
  value: string | null;
  /** A raw score in [0, 1] from the candidates' scores; not calibrated yet. */
  confidence: number;
  evidence: Evidence;
  candidates: FieldCandidate[];
  generator: string | null;
}

export interface ProposedLine {
  description: string;
  quantity: number | null;
  unit_price: number | null;
  amount: number;
  tax_rate: number | null;
  confidence: number;
  evidence: Evidence;
}

export interface CrossCheck {
  name: string;
  ok: boolean;
  detail: string | null;
}

export interface ProposedClass {
  label: string;
  confidence: number;
  candidates: { label: string; confidence: number }[];
}

export interface PageSize {
  number: number;
  width: number;
  height: number;
  /** The units of width, height and the evidence boxes on the page: PDF points (absent) or pixels (read by OCR). */
  unit?: "pt" | "px";
}

/** The `result` argument of `submit_result`. */
export interface IntakeResult {
  /** Who read the document: the worker itself, or an OpenAI-compatible endpoint (only for an opted-in type). */
  provider: "local" | "openai_compatible";
  model_version: string;
  /** The prompt template version the job was claimed with (`<type>@<n>`), when its type has one. */
  prompt_version?: string | null;
  /** The field calibration the fields' confidences went through (`learn/field_calibration.ts`); null: raw scores. */
  field_calibration?: string | null;
  input_sha256: string;
  text: string;
  pages: PageSize[];
  class: ProposedClass | null;
  fields: ProposedField[];
  lines: ProposedLine[];
  checks: CrossCheck[];
}

/** Rounds a score to three decimals and keeps it inside [0, 1]. */
export function score(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}
