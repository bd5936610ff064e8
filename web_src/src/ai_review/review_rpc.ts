// The server calls behind the review screen (ops.ai.job.review_payload and action_confirm_review,
// res.partner.web_search_read for the vendor) and the shapes the addon answers
// (models/ai/ops_ai_review_screen.py).
import type { ORM } from "@web/core/orm_service";

export const JOB_MODEL = "ops.ai.job";
/** the proposed field holding the vendor: a res.partner id as text */
export const PARTNER_FIELD = "partner_id";
export const PARTNER_SEARCH_LIMIT = 8;

/** A page box [x0, y0, x1, y1] in the page's units (origin top-left), or a character span of the text. */
export type Evidence = { page: number; box: [number, number, number, number] } | { span: [number, number] };

export interface Candidate {
  value: string | null;
  /** what the value stands for, e.g. a partner's name for a partner id */
  raw?: string | null;
  confidence: number;
  generator?: string | null;
}

export interface ProposedField {
  name: string;
  label: string;
  raw: string | null;
  value: string | null;
  final_value: string | null;
  confidence: number;
  generator: string | null;
  evidence: Evidence | null;
  candidates: Candidate[];
}

export interface ClassChoice {
  label: string;
  name: string;
  /** the fields a request of this class needs */
  fields: string[];
}

export interface ReviewClass {
  label: string | false;
  confidence: number;
  candidates: { label: string; confidence: number }[];
  choices: ClassChoice[];
}

export interface ProposedLine {
  description: string;
  quantity?: number | null;
  unit_price?: number | null;
  amount: number;
  tax_rate?: number | null;
  confidence?: number;
  evidence?: Evidence | null;
}

export interface Check {
  name: string;
  ok: boolean;
  detail?: string | null;
}

/** A page as the worker measured it: boxes are in these units ("pt" for a PDF, "px" for an image). */
export interface PageSize {
  number: number;
  width: number;
  height: number;
  unit?: "pt" | "px";
}

export type DocumentKind = "pdf" | "image" | "email" | "text";

export interface ReviewPayload {
  id: number;
  name: string;
  state: string;
  state_label: string;
  document_type: { code: string; name: string };
  kind: DocumentKind;
  attachment: { id: number; name: string; mimetype: string } | null;
  sender: string | null;
  text: string;
  pages: PageSize[];
  fields: ProposedField[];
  class: ReviewClass | null;
  lines: ProposedLine[];
  checks: Check[];
  min_confidence: number;
  review_first: boolean;
  review_first_below: number;
  vendor: { id: number; name: string } | null;
  /** the job's company: the vendor is one of its partners or a shared one */
  company_id: number;
  can_confirm: boolean;
}

export function loadReview(orm: ORM, jobId: number): Promise<ReviewPayload> {
  return orm.call<ReviewPayload>(JOB_MODEL, "review_payload", [[jobId]]);
}

/** Confirms the review; answers the action opening the created draft, or true when nothing is created. */
export function confirmReview(
  orm: ORM,
  jobId: number,
  decisions: Record<string, string>,
  label: string | null,
): Promise<Record<string, unknown> | boolean> {
  const kwargs: Record<string, unknown> = { decisions };
  if (label) {
    kwargs.label = label;
  }
  return orm.call<Record<string, unknown> | boolean>(JOB_MODEL, "action_confirm_review", [[jobId]], kwargs);
}

export interface PartnerHit {
  id: number;
  name: string;
  vat: string | null;
}

/**
 * The partners of `companyId` (or shared) whose name or VAT contains `query`, read as the user
 * (their access rights and record rules apply: no sudo anywhere on this path).
 */
export async function searchPartners(orm: ORM, query: string, companyId: number | null): Promise<PartnerHit[]> {
  const text = query.trim();
  const domain: unknown[] = ["|", ["complete_name", "ilike", text], ["vat", "ilike", text]];
  if (companyId) {
    domain.unshift("&", ["company_id", "in", [companyId, false]]);
  }
  const answer = await orm.call<{ records: { id: number; display_name: string; vat: string | false }[] }>(
    "res.partner",
    "web_search_read",
    [],
    { domain, specification: { display_name: {}, vat: {} }, limit: PARTNER_SEARCH_LIMIT },
  );
  return answer.records.map((record) => ({ id: record.id, name: record.display_name, vat: record.vat || null }));
}
