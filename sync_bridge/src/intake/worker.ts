/**
 * The intake worker's loop: claim jobs through the gateway, process each, and hand in its result or
 * fail it with a category and a readable reason. One bad document never stops the loop: anything
 * thrown while processing fails that job as `internal`. Odoo being unreachable stops it (the jobs
 * stay leased to this worker until their lease expires, then go back to the queue).
 */
import { errorMessage, OdooError, RetriableOdooError } from "../errors";
import type { AiGateway, ClaimedJob } from "../gateway/ai_gateway";
import type { ActiveClassifier } from "./learn/active_classifier";
import { closeOcr } from "./ocr_engine";
import { processJob, type ProcessOptions } from "./process_job";
import { IntakeFailure, type FailureCategory, type IntakeResult } from "./result";

export interface IntakeRun {
  worker: string;
  /** One round of claims, then stop. */
  once: boolean;
  /** At most this many jobs in all. */
  limit?: number;
  /** Jobs claimed per call. */
  batch?: number;
  leaseSeconds?: number;
  /** Wait between two empty claims when polling. */
  pollMs?: number;
}

/** What happened to one job. */
export type JobOutcome =
  | { jobId: number; filename: string | null; state: "to_review"; fields: number; lowest: number | null }
  | { jobId: number; filename: string | null; state: "failed"; category: FailureCategory; reason: string };

export interface IntakeDeps {
  gateway: AiGateway;
  options?: ProcessOptions;
  /** Called after each job (the command prints a progress line). */
  onJob?: (outcome: JobOutcome) => void;
  /** Override to process jobs otherwise (tests); defaults to `processJob`. */
  process?: (job: ClaimedJob, options: ProcessOptions) => Promise<IntakeResult>;
  sleep?: (ms: number) => Promise<void>;
  /** Stops the loop after the job in hand (SIGINT, SIGTERM). */
  signal?: AbortSignal;
  /** Odoo's active request classifier, checked before each batch; the shipped default without it. */
  classifier?: ActiveClassifier;
  /** Called before each claim: retrains when an Ops Manager asked for it (Retrain in Odoo). */
  retrainIfAsked?: () => Promise<void>;
}

export interface IntakeSummary {
  claimed: number;
  toReview: number;
  failed: number;
  byCategory: Partial<Record<FailureCategory, number>>;
  outcomes: JobOutcome[];
}

const REASON_MAX = 1000;

/** Reads and extracts a job; what went wrong becomes a failure with its category. */
async function extract(job: ClaimedJob, deps: IntakeDeps): Promise<IntakeResult | { category: FailureCategory; reason: string }> {
  try {
    return await (deps.process ?? processJob)(job, deps.options ?? {});
  } catch (error) {
    return error instanceof IntakeFailure
      ? { category: error.category, reason: error.message }
      : { category: "internal", reason: `The worker failed on this document: ${errorMessage(error)}` };
  }
}

/** Processes one claimed job to the end: submitted, or failed with a reason. Rethrows Odoo outages. */
async function handle(job: ClaimedJob, run: IntakeRun, deps: IntakeDeps): Promise<JobOutcome> {
  const extracted = await extract(job, deps);
  let failure: { category: FailureCategory; reason: string };
  if ("category" in extracted) failure = extracted;
  else {
    try {
      const { state } = await deps.gateway.submitResult(job.id, run.worker, extracted);
      const lowest = extracted.fields.length ? Math.min(...extracted.fields.map((field) => field.confidence)) : null;
      if (state === "to_review") return { jobId: job.id, filename: job.filename, state, fields: extracted.fields.length, lowest };
      failure = { category: "internal", reason: `Odoo answered "${state}" to the result instead of "to_review".` };
    } catch (error) {
      // Odoo refused this result (it names what is wrong): record it on the job; an outage stops the run.
      if (!(error instanceof OdooError) || error instanceof RetriableOdooError) throw error;
      failure = { category: "internal", reason: `Odoo refused the worker's result: ${errorMessage(error)}` };
    }
  }
  const reason = failure.reason.slice(0, REASON_MAX);
  await deps.gateway.failJob(job.id, run.worker, failure.category, reason);
  return { jobId: job.id, filename: job.filename, state: "failed", category: failure.category, reason };
}

/** Runs the loop until `once` is done, `limit` jobs are handled, or `signal` aborts; then ends the OCR worker. */
export async function runIntakeWorker(run: IntakeRun, deps: IntakeDeps): Promise<IntakeSummary> {
  try {
    return await loop(run, deps);
  } finally {
    await closeOcr();
  }
}

async function loop(run: IntakeRun, deps: IntakeDeps): Promise<IntakeSummary> {
  const summary: IntakeSummary = { claimed: 0, toReview: 0, failed: 0, byCategory: {}, outcomes: [] };
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const batch = run.batch ?? 5;
  while (!deps.signal?.aborted) {
    const room = run.limit === undefined ? batch : Math.min(batch, run.limit - summary.claimed);
    if (room <= 0) break;
    await deps.retrainIfAsked?.();
    const jobs = await deps.gateway.claimJobs(run.worker, { limit: room, leaseSeconds: run.leaseSeconds ?? 300 });
    summary.claimed += jobs.length;
    const batchDeps =
      jobs.length && deps.classifier
        ? { ...deps, options: { ...deps.options, requestClassifier: await deps.classifier.current() } }
        : deps;
    for (const job of jobs) {
      const outcome = await handle(job, run, batchDeps);
      summary.outcomes.push(outcome);
      if (outcome.state === "to_review") summary.toReview++;
      else {
        summary.failed++;
        summary.byCategory[outcome.category] = (summary.byCategory[outcome.category] ?? 0) + 1;
      }
      deps.onJob?.(outcome);
    }
    if (run.once) break;
    if (jobs.length === 0) await sleep(run.pollMs ?? 5000);
  }
  return summary;
}
