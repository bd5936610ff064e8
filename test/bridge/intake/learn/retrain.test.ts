/**
 * A retrain as the worker runs it when an Ops Manager pressed Retrain, with an injected model
 * gateway (the live Odoo side is `ops.ai.gateway`, see test/e2e/ai_models.test.ts): reviewed
 * requests join the shipped training split, the shipped default goes in first when Odoo has no
 * classifier, and the candidate carries its held-out figures and the held-out set's SHA-256.
 */
import { parseCliArgs } from "../../../../sync_bridge/src/args";
import type { CommandIO } from "../../../../sync_bridge/src/commands";
import type {
  ActiveModel,
  AiModelGateway,
  Candidate,
  CandidateAnswer,
  ModelKind,
  TrainingRow,
} from "../../../../sync_bridge/src/gateway/ai_model_gateway";
import { defaultRequestClassifier } from "../../../../sync_bridge/src/intake/learn/classifier";
import { heldoutSha256, loadShippedRequests } from "../../../../sync_bridge/src/intake/learn/corpus";
import { retrainIfAsked } from "../../../../sync_bridge/src/intake_retrain_command";

const row = (id: number, subject: string, text: string, final: string): TrainingRow => ({
  id,
  job_id: id,
  subject,
  sender: "someone@example.com",
  text,
  field: "class",
  predicted: "other",
  final,
  corrected: true,
});

/** Odoo's model calls in memory: one Retrain request, two reviewed requests, whatever is handed in. */
class ModelCalls implements AiModelGateway {
  asked = 1;
  submitted: Candidate[] = [];
  sinceIds: number[] = [];

  async activeModel(): Promise<ActiveModel | null> {
    return null;
  }

  async trainingCorrections(_kind: ModelKind, sinceId: number): Promise<{ rows: TrainingRow[]; lastId: number }> {
    this.sinceIds.push(sinceId);
    const rows = [
      row(7, "Drucker defekt", "Der Drucker druckt seit heute nicht mehr, Fehler E42.", "support_case"),
      row(9, "Spam?", "Congratulations, you won a cruise!", "nonsense-class"),
    ];
    return { rows, lastId: 9 };
  }

  async submitCandidate(candidate: Candidate): Promise<CandidateAnswer> {
    this.submitted.push(candidate);
    return { id: this.submitted.length, name: candidate.name, state: "active", promoted: true, reason: "test" };
  }

  async takeRetrainRequest(): Promise<boolean> {
    return this.asked-- > 0;
  }
}

describe("retraining when an Ops Manager asks", () => {
  test("hands in the shipped default as the baseline, then a candidate trained with the reviewed requests", async () => {
    const gateway = new ModelCalls();
    const stderr: string[] = [];
    const io: CommandIO = { stdout: () => undefined, stderrRaw: (text) => stderr.push(text), env: {}, stderrIsTTY: false };
    await retrainIfAsked(gateway, parseCliArgs(["intake"]), io);
    const shipped = defaultRequestClassifier();
    expect(gateway.submitted.map((candidate) => candidate.name)).toEqual([
      shipped.name,
      expect.stringMatching(/^request-classifier-/),
    ]);
    const [baseline, candidate] = gateway.submitted as [Candidate, Candidate];
    expect(candidate.name).not.toBe(shipped.name);
    // one reviewed request is used; the one with a class outside the contract is skipped
    expect(candidate.metrics).toMatchObject({
      heldout_sha256: heldoutSha256(),
      corrections: 1,
      training_examples: loadShippedRequests("train").length + 1,
      count: 60,
    });
    expect(baseline.metrics.heldout_sha256).toBe(heldoutSha256());
    expect(candidate.trainingSetSha256).not.toBe(baseline.trainingSetSha256);
    expect(stderr.join("")).toContain("keyword rules (baseline)");

    await retrainIfAsked(gateway, parseCliArgs(["intake"]), io);
    expect(gateway.submitted).toHaveLength(2);
    expect(gateway.sinceIds).toEqual([0]);
  });
});
