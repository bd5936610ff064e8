/**
 * Reading a job with the external provider, when Odoo allows it: the job's document type opted in
 * (`allow_external_provider`, an administrator's choice), it carries an active prompt template, and
 * a provider is configured. Otherwise, or when the provider fails, the local reading stands, with a
 * check saying why. Each field the provider answers is kept only when its quote is in the document
 * and says its value (`quote_check.ts`); its confidence comes from that check and from agreeing with
 * the local candidates, never from the model.
 */
import type { ClaimedJob } from "../../gateway/ai_gateway";
import { FAILED_CHECK_FACTOR, totalsCheck } from "../bill_checks";
import { evidenceFor, type IntakeDocument } from "../document";
import { score, type CrossCheck, type FieldCandidate, type IntakeResult, type ProposedField } from "../result";
import { fieldSpecs, type FieldSpec } from "./field_specs";
import { minimizedText } from "./minimize";
import {
  extractWithProvider,
  OPENAI_COMPATIBLE,
  ProviderFailure,
  type ClientDeps,
  type FieldAnswer,
  type ProviderAnswer,
} from "./openai_compatible";
import type { ProviderConfig } from "./provider_config";
import { checkQuote, fold, type ReadOptions } from "./quote_check";

/** Raw scores of a provider's field, from the strongest evidence to the weakest (not calibrated). */
export const PROVIDER_SCORES = {
  /** Quote verified, and the local extractor's best value is the same. */
  agreesWithLocalBest: 0.95,
  /** Quote verified, and one of the local candidates is the same. */
  agreesWithLocalCandidate: 0.8,
  /** Quote verified; the local extractor found nothing for this field. */
  verifiedAlone: 0.7,
  /** Quote verified, but the local extractor's best value differs. */
  disagreesWithLocal: 0.5,
  /** The quote failed and nothing local stands in: proposed for the reviewer only. */
  unverified: 0.1,
} as const;

/** The external provider the worker may use; `deps` lets tests inject fetch and sleep. */
export interface ExternalProvider {
  config: ProviderConfig;
  deps?: ClientDeps;
}

const AMOUNTS = ["amount_untaxed", "amount_tax", "amount_total"];
const TOTALS_CHECK = "untaxed_plus_tax_equals_total";

function fallback(local: IntakeResult, detail: string): IntakeResult {
  return { ...local, checks: [...local.checks, { name: "external_provider", ok: false, detail }] };
}

/** The candidates the reviewer sees: the provider's value first, then the local ones not equal to it. */
function candidatesWith(first: FieldCandidate, local: ProposedField | undefined): FieldCandidate[] {
  return [first, ...(local?.candidates ?? []).filter((candidate) => candidate.value !== first.value)].slice(0, 5);
}

/** One field: the provider's checked answer merged with the local proposal; a check when the quote failed. */
function mergeField(
  spec: FieldSpec,
  answer: FieldAnswer | undefined,
  local: ProposedField | undefined,
  document: IntakeDocument,
  sent: { original: string; folded: ReturnType<typeof fold> },
  options: ReadOptions,
): { field: ProposedField | undefined; check: CrossCheck | null; verified: boolean } {
  if (!answer || answer.value === null || answer.value.trim() === "") return { field: local, check: null, verified: false };
  const checked = checkQuote(spec.kind, answer.value, answer.evidence_quote, sent, options);
  if (!checked.ok) {
    const check = {
      name: `quote:${spec.name}`,
      ok: false,
      detail: `${OPENAI_COMPATIBLE} proposed ${JSON.stringify(checked.value.slice(0, 80))}: ${checked.why}; ${
        local ? "the local reading stands" : "left unverified"
      }`,
    };
    if (local) return { field: local, check, verified: false };
    const value = checked.value.slice(0, 4096);
    const unverified = { value, confidence: PROVIDER_SCORES.unverified, generator: `${OPENAI_COMPATIBLE}:unverified` };
    return {
      field: {
        name: spec.name,
        raw: null,
        value,
        confidence: PROVIDER_SCORES.unverified,
        evidence: null,
        candidates: [unverified],
        generator: unverified.generator,
      },
      check,
      verified: false,
    };
  }
  const confidence = !local
    ? PROVIDER_SCORES.verifiedAlone
    : local.value === checked.value
      ? Math.max(PROVIDER_SCORES.agreesWithLocalBest, local.confidence)
      : local.candidates.some((candidate) => candidate.value === checked.value)
        ? PROVIDER_SCORES.agreesWithLocalCandidate
        : PROVIDER_SCORES.disagreesWithLocal;
  const first = { value: checked.value, confidence: score(confidence), generator: OPENAI_COMPATIBLE };
  return {
    field: {
      name: spec.name,
      raw: checked.raw,
      value: checked.value,
      confidence: score(confidence),
      evidence: evidenceFor(document, checked.start, checked.end),
      candidates: candidatesWith(first, local),
      generator: OPENAI_COMPATIBLE,
    },
    check: null,
    verified: true,
  };
}

/** The result with the provider's checked fields in place of (or next to) the local ones. */
export function mergeAnswer(
  documentType: string,
  document: IntakeDocument,
  local: IntakeResult,
  answer: ProviderAnswer,
  specs: readonly FieldSpec[],
  sentText: string,
  options: ReadOptions = {},
): IntakeResult {
  const sent = { original: sentText, folded: fold(sentText) };
  const byName = new Map(local.fields.map((field) => [field.name, field]));
  const checks: CrossCheck[] = [];
  let verified = 0;
  let answered = 0;
  for (const spec of specs) {
    const given = answer.fields[spec.name];
    if (given?.value) answered++;
    const merged = mergeField(spec, given, byName.get(spec.name), document, sent, options);
    if (merged.verified) verified++;
    if (merged.check) checks.push(merged.check);
    if (merged.field) byName.set(spec.name, merged.field);
    else byName.delete(spec.name);
  }
  const order = [...local.fields.map((field) => field.name), ...specs.map((spec) => spec.name)];
  const fields = [...new Set(order)].flatMap((name) => {
    const field = byName.get(name);
    return field ? [field] : [];
  });
  let kept = local.checks;
  if (documentType === "vendor_bill" && AMOUNTS.some((name) => byName.get(name) !== local.fields.find((f) => f.name === name))) {
    // the amounts changed: the totals check is made again on the values proposed now
    const value = (name: string) => fields.find((field) => field.name === name)?.value ?? null;
    const totals = totalsCheck(value("amount_untaxed"), value("amount_tax"), value("amount_total"));
    kept = [...local.checks.filter((check) => check.name !== TOTALS_CHECK), ...(totals ? [totals] : [])];
    if (totals && !totals.ok)
      for (const field of fields)
        if (AMOUNTS.includes(field.name)) field.confidence = score(field.confidence * FAILED_CHECK_FACTOR);
  }
  const summary = {
    name: "external_provider",
    ok: checks.length === 0,
    detail: `${answer.model}: ${verified} of ${answered} answered fields verified by their quote (${sentText.length} characters sent)`,
  };
  return {
    ...local,
    provider: OPENAI_COMPATIBLE,
    model_version: `${OPENAI_COMPATIBLE}:${answer.model}`.slice(0, 128),
    fields,
    checks: [...kept, summary, ...checks],
  };
}

/**
 * The job's result: the local reading, improved by the external provider when the job allows it and
 * one is configured. Never throws for the provider's failures: the local reading stands, with a check.
 */
export async function readWithProvider(
  job: ClaimedJob,
  document: IntakeDocument,
  local: IntakeResult,
  provider: ExternalProvider | undefined,
  options: ReadOptions = {},
): Promise<IntakeResult> {
  if (!job.allow_external_provider || !provider) return local;
  if (!job.prompt) return fallback(local, `no active prompt template for ${job.document_type}: read locally`);
  const specs = fieldSpecs(job.document_type, local.class?.label ?? null);
  const sent = minimizedText(job.document_type, document);
  if (!specs || !sent) return local;
  if (sent.text.trim() === "") return fallback(local, "no text to send (a scan without a text layer): read locally");
  try {
    const answer = await extractWithProvider(
      provider.config,
      { documentType: job.document_type, prompt: job.prompt.text, text: sent.text, specs },
      provider.deps,
    );
    return mergeAnswer(job.document_type, document, local, answer, specs, sent.text, options);
  } catch (error) {
    if (!(error instanceof ProviderFailure)) throw error;
    return fallback(local, `${OPENAI_COMPATIBLE} not used (${error.reason}): ${error.message}; the local reading stands`);
  }
}
