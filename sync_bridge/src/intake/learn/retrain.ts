/**
 * One retrain of the request classifier, in this order:
 * 1. the shipped training split, plus what Odoo's confirmed reviews teach (each reviewed request
 *    with its final class), page by page;
 * 2. train a candidate (deterministic) and measure it on the frozen held-out split, next to the
 *    keyword rules, the majority class and the version running now;
 * 3. when Odoo has no active version yet, hand in the shipped default first, so the candidate is
 *    measured against what the workers actually run;
 * 4. hand in the candidate; Odoo promotes it only if it beats the active version.
 * Without a gateway (offline) steps 3 and 4 are skipped.
 */
import { OdooError } from "../../errors";
import type { AiModelGateway, CandidateAnswer, CandidateMetrics } from "../../gateway/ai_model_gateway";
import { REQUEST_CLASSES, type RequestClass } from "../request_keywords";
import { classifyRequest } from "../request_classifier";
import { ArtifactRejected, parseClassifierArtifact, type ClassifierArtifact } from "./artifact";
import { DEFAULT_ARTIFACT_PATH, defaultRequestClassifier, requestClassifier, type RequestClassifier } from "./classifier";
import { loadShippedRequests, type LabelledRequest } from "./corpus";
import { evaluateOnHeldout, type HeldoutEvaluation } from "./evaluate";
import { trainRequestClassifier } from "./train";

const PAGE = 200;

/** Every reviewed request Odoo holds, as labelled examples (classes outside the contract are skipped). */
export async function reviewedRequests(gateway: Pick<AiModelGateway, "trainingCorrections">): Promise<LabelledRequest[]> {
  const examples: LabelledRequest[] = [];
  let since = 0;
  for (;;) {
    const { rows, lastId } = await gateway.trainingCorrections("classifier", since, PAGE);
    for (const row of rows) {
      if (row.field === "class" && (REQUEST_CLASSES as readonly string[]).includes(row.final ?? ""))
        examples.push({ subject: row.subject, body: row.text, label: row.final as RequestClass });
    }
    if (rows.length < PAGE || lastId <= since) return examples;
    since = lastId;
  }
}

/** The figures Odoo compares, from a held-out evaluation. */
export function candidateMetrics(evaluation: HeldoutEvaluation, extra: Partial<CandidateMetrics> = {}): CandidateMetrics {
  const round = (value: number) => Math.round(value * 10_000) / 10_000;
  return {
    heldout_sha256: evaluation.heldoutSha256,
    macro_f1: round(evaluation.macroF1),
    accuracy: round(evaluation.accuracy),
    ece: round(evaluation.ece),
    count: evaluation.count,
    per_class: Object.fromEntries(
      Object.entries(evaluation.perClass).map(([label, scores]) => [
        label,
        { precision: round(scores.precision), recall: round(scores.recall), f1: round(scores.f1), support: scores.support },
      ]),
    ),
    ...extra,
  };
}

export interface RetrainReport {
  artifact: ClassifierArtifact;
  corrections: number;
  /** Held-out figures of each contender, the candidate first. */
  table: { name: string; evaluation: HeldoutEvaluation }[];
  /** Odoo's answers: the shipped default handed in as the baseline (if it had none), the candidate. */
  baseline?: CandidateAnswer;
  answer?: CandidateAnswer;
  /** Why no candidate was handed in (nothing new to learn). */
  skipped?: string;
}

/** The shipped default, or null when the bridge ships none that runs (only while rebuilding it offline). */
function shippedDefault(): RequestClassifier | null {
  try {
    return defaultRequestClassifier();
  } catch (error) {
    if (error instanceof ArtifactRejected || (error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** The classifier Odoo runs now, or null when none is active or its artifact is not usable. */
async function activeClassifier(gateway: Pick<AiModelGateway, "activeModel">): Promise<RequestClassifier | null> {
  const active = await gateway.activeModel("classifier");
  if (active === null) return null;
  try {
    return requestClassifier({
      ...parseClassifierArtifact(active.artifact, `Odoo's active version ${active.name}`),
      name: active.name,
    });
  } catch (error) {
    if (error instanceof ArtifactRejected) return null;
    throw error;
  }
}

/** Retrains; with `gateway` null, offline on the shipped training split only. */
export async function retrainRequestClassifier(
  gateway: AiModelGateway | null,
  progress: (line: string) => void = () => undefined,
): Promise<RetrainReport> {
  const shipped = loadShippedRequests("train");
  const reviewed = gateway ? await reviewedRequests(gateway) : [];
  progress(`training on ${shipped.length} shipped examples + ${reviewed.length} reviewed requests`);
  const examples = [...shipped, ...reviewed];
  const { artifact } = trainRequestClassifier(examples);
  const candidate = requestClassifier(artifact);
  const evaluate = (classifier: Pick<RequestClassifier, "classify">) => evaluateOnHeldout((s, b) => classifier.classify(s, b));
  const evaluation = evaluate(candidate);
  const table: RetrainReport["table"] = [{ name: `${artifact.name} (candidate)`, evaluation }];
  const running = gateway ? await activeClassifier(gateway) : null;
  const fallback = shippedDefault();
  if (running) table.push({ name: `${running.name} (active in Odoo)`, evaluation: evaluate(running) });
  else if (fallback && fallback.name !== artifact.name)
    table.push({ name: `${fallback.name} (shipped default)`, evaluation: evaluate(fallback) });
  const keywords = evaluateOnHeldout((subject, body) => classifyRequest(subject, body));
  // The majority class of the training set, as sure as its share.
  const share = examples.filter((example) => example.label === "other").length / examples.length;
  const majority = evaluateOnHeldout(() => ({ label: "other", confidence: share }));
  table.push(
    { name: "keyword rules (baseline)", evaluation: keywords },
    { name: "majority class (other)", evaluation: majority },
  );
  const report: RetrainReport = { artifact, corrections: reviewed.length, table };
  if (!gateway) return report;

  const baselines = {
    keywords: { macro_f1: keywords.macroF1, ece: keywords.ece, accuracy: keywords.accuracy },
    majority: { macro_f1: majority.macroF1, ece: majority.ece, accuracy: majority.accuracy },
  };
  if (!fallback)
    throw new Error(
      `The bridge's shipped classifier is missing or not usable: rebuild it with ops-bridge intake retrain --offline --out ${DEFAULT_ARTIFACT_PATH}`,
    );
  if (!running) {
    progress(`Odoo has no usable active classifier: handing in the shipped default ${fallback.name} as the baseline`);
    report.baseline = await gateway.submitCandidate({
      kind: "classifier",
      name: fallback.name,
      artifact: fallback.artifact,
      trainingSetSha256: fallback.artifact.training_set_sha256,
      metrics: candidateMetrics(evaluate(fallback), { training_examples: fallback.artifact.training_examples, baselines }),
    });
  }
  if (artifact.name === (running ?? fallback).name) {
    report.skipped = `the training set is the one ${artifact.name} learned from: nothing new to learn`;
    return report;
  }
  try {
    report.answer = await gateway.submitCandidate({
      kind: "classifier",
      name: artifact.name,
      artifact,
      trainingSetSha256: artifact.training_set_sha256,
      metrics: candidateMetrics(evaluation, { training_examples: examples.length, corrections: reviewed.length, baselines }),
    });
  } catch (error) {
    // The same training set gives the same name: handed in before, and kept as a candidate then.
    if (!(error instanceof OdooError) || !/exists already/.test(error.message)) throw error;
    report.skipped = `${artifact.name} was handed in before (same training set): nothing new to learn`;
  }
  return report;
}
