/**
 * The model RPCs of `ops.ai.gateway` (addon_ops_harmony's `models/ai/ops_ai_gateway_models.py`):
 * read the active model of a kind, read what confirmed reviews teach, hand in a retrained
 * candidate. Odoo promotes a candidate only if it beats the active version on the same frozen
 * held-out set. What Odoo answers is validated here; the artifact itself is validated by its user.
 */
import { z } from "zod";
import type { BridgeConfig } from "../config";
import { expectAnswer, type CallOptions, type RpcTransport } from "./rpc";
import { AI_MODEL } from "./ai_gateway";

export type ModelKind = "classifier" | "extractor";

const activeModelSchema = z.union([
  z.null(),
  z.literal(false).transform(() => null),
  z.object({ name: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), artifact: z.unknown() }),
]);
/** The active version of a kind as Odoo serves it; `artifact` is unchecked JSON here. */
export type ActiveModel = Exclude<z.output<typeof activeModelSchema>, null>;

const trainingRowSchema = z.object({
  id: z.number().int().positive(),
  job_id: z.number().int().positive(),
  subject: z.string(),
  sender: z.string(),
  text: z.string(),
  field: z.string().min(1),
  predicted: z.string().nullable(),
  final: z.string().nullable(),
  corrected: z.boolean(),
});
/** One thing a confirmed review teaches: a request's final class, or a bill field's final value. */
export type TrainingRow = z.output<typeof trainingRowSchema>;

const trainingAnswerSchema = z.object({ corrections: z.array(trainingRowSchema), last_id: z.number().int().min(0) });

const candidateAnswerSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  state: z.enum(["candidate", "active", "retired"]),
  promoted: z.boolean(),
  reason: z.union([z.string(), z.literal(false).transform(() => null)]).nullable(),
});
export type CandidateAnswer = z.output<typeof candidateAnswerSchema>;

/** Held-out figures of a candidate, as `ops.ai.gateway.submit_candidate` checks them. */
export interface CandidateMetrics {
  heldout_sha256: string;
  ece: number;
  count: number;
  macro_f1?: number;
  exact_match?: number;
  accuracy?: number;
  training_examples?: number;
  corrections?: number;
  per_class?: Record<string, Record<string, number>>;
  baselines?: Record<string, Record<string, number>>;
}

export interface Candidate {
  kind: ModelKind;
  name: string;
  artifact: object;
  trainingSetSha256: string;
  metrics: CandidateMetrics;
}

/** The model calls; `createGateway` joins them to the others. */
export interface AiModelGateway {
  /**
   * The active version of `kind` (name, SHA-256 of its artifact, the artifact), or null when none
   * is; `withArtifact: false` leaves the artifact out (a cheap check for a change).
   */
  activeModel(kind: ModelKind, options?: { withArtifact?: boolean }): Promise<ActiveModel | null>;
  /** What confirmed reviews teach after `sinceId`, oldest first, at most `limit` rows. */
  trainingCorrections(kind: ModelKind, sinceId: number, limit: number): Promise<{ rows: TrainingRow[]; lastId: number }>;
  /** Hands in a candidate; Odoo promotes it only if it beats the active version, else says why not. */
  submitCandidate(candidate: Candidate): Promise<CandidateAnswer>;
  /** Whether an Ops Manager pressed Retrain since the last take; taking clears it (one worker gets it). */
  takeRetrainRequest(kind: ModelKind): Promise<boolean>;
}

/** Artifacts run to a few megabytes: give their upload time. */
const MODEL_TIMEOUT_MS = 120_000;

export class AiModelRpc implements AiModelGateway {
  constructor(
    private readonly rpc: RpcTransport,
    private readonly config: Pick<BridgeConfig, "timeoutMs">,
  ) {}

  private get options(): CallOptions {
    return { timeoutMs: Math.max(this.config.timeoutMs, MODEL_TIMEOUT_MS) };
  }

  async activeModel(kind: ModelKind, options: { withArtifact?: boolean } = {}): Promise<ActiveModel | null> {
    const raw = await this.rpc.call(
      AI_MODEL,
      "active_model",
      { kind, with_artifact: options.withArtifact ?? true },
      this.options,
    );
    return expectAnswer(activeModelSchema, raw, `${AI_MODEL}.active_model`);
  }

  async trainingCorrections(kind: ModelKind, sinceId: number, limit: number): Promise<{ rows: TrainingRow[]; lastId: number }> {
    const raw = await this.rpc.call(AI_MODEL, "training_corrections", { kind, since_id: sinceId, limit });
    const answer = expectAnswer(trainingAnswerSchema, raw, `${AI_MODEL}.training_corrections`);
    return { rows: answer.corrections, lastId: answer.last_id };
  }

  async takeRetrainRequest(kind: ModelKind): Promise<boolean> {
    const raw = await this.rpc.call(AI_MODEL, "take_retrain_request", { kind });
    return expectAnswer(z.boolean(), raw, `${AI_MODEL}.take_retrain_request`);
  }

  async submitCandidate(candidate: Candidate): Promise<CandidateAnswer> {
    const raw = await this.rpc.call(
      AI_MODEL,
      "submit_candidate",
      {
        kind: candidate.kind,
        name: candidate.name,
        artifact: candidate.artifact,
        training_set_sha256: candidate.trainingSetSha256,
        metrics: candidate.metrics,
      },
      this.options,
    );
    return expectAnswer(candidateAnswerSchema, raw, `${AI_MODEL}.submit_candidate`);
  }
}
