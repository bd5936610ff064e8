/**
 * The AI intake RPCs of `ops.ai.gateway` (addon_ops_harmony's `models/ai/ops_ai_gateway.py`): claim
 * queued jobs for a worker, submit a job's result, or fail it with a category and a reason. What
 * Odoo hands over is validated here with zod before the worker touches it.
 */
import { z } from "zod";
import type { BridgeConfig } from "../config";
import type { FailureCategory, IntakeResult } from "../intake/result";
import { expectAnswer, type CallOptions, type RpcTransport } from "./rpc";

export const AI_MODEL = "ops.ai.gateway";

const nullable = <T extends z.ZodType>(schema: T) =>
  z.union([schema, z.null(), z.literal(false)]).transform((value) => (value === false ? null : value));

export const claimedJobSchema = z.object({
  id: z.number().int().positive(),
  document_type: z.string().min(1),
  kind: z.enum(["pdf", "image", "text", "email"]),
  filename: nullable(z.string()),
  mimetype: nullable(z.string()),
  data_b64: nullable(z.string().regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, { error: "data_b64 is not base64" })),
  text: nullable(z.string()),
  subject: nullable(z.string()),
  sender: nullable(z.string()),
  /** The document type's opt-in: only then may its text go to an external provider. */
  allow_external_provider: z.boolean().optional(),
  /** The company the document was sent to (the job's): its own name and VAT are never the vendor's. */
  company: nullable(z.object({ name: z.string(), vat: nullable(z.string()) })).optional(),
  /** The type's active prompt template, `version` as `<type>@<n>`. */
  prompt: nullable(z.object({ version: z.string().min(1), text: z.string() })).optional(),
});
/** A job Odoo handed to this worker. */
export type ClaimedJob = z.output<typeof claimedJobSchema>;

const claimAnswerSchema = z.object({ jobs: z.array(claimedJobSchema) });

/** Result uploads carry the document's text (up to 2 MB): give them time. */
const SUBMIT_TIMEOUT_MS = 60_000;

/** The intake calls; `createGateway` joins them to the others. */
export interface AiGateway {
  /** Takes up to `limit` queued jobs (or ones whose lease expired) for `worker`, for `leaseSeconds`. */
  claimJobs(worker: string, options?: { limit?: number; leaseSeconds?: number }): Promise<ClaimedJob[]>;
  /** Hands in a job's result; Odoo moves it to review. Refused unless `worker` holds the job. */
  submitResult(jobId: number, worker: string, result: IntakeResult): Promise<{ state: string }>;
  /** Fails a job `worker` holds with a category and a readable reason; its document stays in Odoo. */
  failJob(jobId: number, worker: string, category: FailureCategory, reason: string): Promise<{ state: string }>;
}

const stateSchema = z.object({ state: z.string() });

export class AiRpc implements AiGateway {
  constructor(
    private readonly rpc: RpcTransport,
    private readonly config: Pick<BridgeConfig, "timeoutMs">,
  ) {}

  async claimJobs(worker: string, options: { limit?: number; leaseSeconds?: number } = {}): Promise<ClaimedJob[]> {
    const raw = await this.rpc.call(AI_MODEL, "claim_jobs", {
      worker,
      limit: options.limit ?? 5,
      lease_seconds: options.leaseSeconds ?? 300,
    });
    return expectAnswer(claimAnswerSchema, raw, `${AI_MODEL}.claim_jobs`).jobs;
  }

  async submitResult(jobId: number, worker: string, result: IntakeResult): Promise<{ state: string }> {
    const options: CallOptions = { timeoutMs: Math.max(this.config.timeoutMs, SUBMIT_TIMEOUT_MS) };
    const raw = await this.rpc.call(AI_MODEL, "submit_result", { job_id: jobId, worker, result }, options);
    return expectAnswer(stateSchema, raw, `${AI_MODEL}.submit_result`);
  }

  async failJob(jobId: number, worker: string, category: FailureCategory, reason: string): Promise<{ state: string }> {
    const raw = await this.rpc.call(AI_MODEL, "fail_job", { job_id: jobId, worker, category, reason });
    return expectAnswer(stateSchema, raw, `${AI_MODEL}.fail_job`);
  }
}
