/**
 * Corrections that teach, against a LIVE Odoo 19 (test/e2e/support/live_odoo.ts, --workers 2): the
 * built worker classifies two e-mailed requests with the classifier Odoo serves (or the shipped
 * default), an Ops User corrects their class in review, `ops-bridge intake retrain` trains on the
 * shipped set plus those reviews and hands in a candidate measured on the frozen held-out set, and
 * once a new version is active the worker runs it: the job's model version names it. An Ops User
 * hands in no candidate and promotes none. Fixture: test/e2e/odoo/ai_models_fixture.py.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { bridgeKey, readJobs, workUntilHandled } from "./support/ai_jobs";
import { json2Call, loadFixture } from "./support/json2";
import { adminGateway, buildBridge, runBridge } from "./support/live_odoo";

interface Fixture {
  key: string;
  queued_job_ids: number[];
  later_job_id: number;
}

const DATA = resolve(__dirname, "..", "..", "sync_bridge", "data", "intake");
const shipped = JSON.parse(readFileSync(resolve(DATA, "request_classifier.json"), "utf8")) as Record<string, unknown>;
const heldoutSha256 = createHash("sha256")
  .update(readFileSync(resolve(DATA, "requests", "heldout.jsonl")))
  .digest("hex");

async function jobRows(ids: number[]) {
  const rows = await readJobs(ids, { state: "selection", model_version: "char" });
  return ids.map((id) => rows.get(id));
}

const work = (ids: number[]) => workUntilHandled(ids, `e2e-models-${process.pid}`);

async function activeClassifier(): Promise<string | undefined> {
  const rows = await adminGateway().searchRead(
    "ops.ai.model.version",
    [
      ["kind", "=", "classifier"],
      ["state", "=", "active"],
    ],
    { name: "char" },
  );
  return rows[0]?.name ?? undefined;
}

describe("retraining the request classifier against a live Odoo", () => {
  let fixture: Fixture;
  beforeAll(() => {
    fixture = loadFixture<Fixture>("ai_models");
    buildBridge();
  }, 120_000);

  it("classifies with the served model, learns from the corrected reviews and runs the version Odoo promotes", async () => {
    // The fixture retired any active classifier: the worker runs the shipped default.
    expect(await activeClassifier()).toBeUndefined();
    await work(fixture.queued_job_ids);
    const classified = await jobRows(fixture.queued_job_ids);
    expect(classified.map((job) => job?.state)).toEqual(["to_review", "to_review"]);
    expect(classified.map((job) => job?.model_version)).toEqual([shipped.name, shipped.name]);

    // The reviewer says both are support cases, whatever the model proposed.
    for (const id of fixture.queued_job_ids) {
      const confirm = await json2Call(fixture.key, "ops.ai.job", "action_confirm_review", { ids: [id], label: "support_case" });
      expect(confirm.status).toBe(200);
    }

    const retrain = await runBridge(["intake", "retrain", "--kind", "classifier", "--json"]);
    expect(retrain.stderr).not.toMatch(/Error/);
    expect(retrain.code).toBe(0);
    const report = JSON.parse(retrain.stdout) as {
      name: string;
      corrections: number;
      table: { name: string; macroF1: number; heldoutSha256: string }[];
      baseline: { name: string; state: string } | null;
      candidate: { id: number; state: string; promoted: boolean; reason: string } | null;
    };
    // Odoo had no classifier: the shipped default goes in first, as the version to beat.
    expect(report.baseline).toMatchObject({ name: shipped.name, state: "active" });
    expect(report.corrections).toBeGreaterThanOrEqual(2);
    expect(report.table.map((row) => row.name)).toEqual(
      expect.arrayContaining(["keyword rules (baseline)", "majority class (other)"]),
    );
    expect(report.table[0]?.heldoutSha256).toBe(heldoutSha256);
    expect(report.candidate).not.toBeNull();
    const [stored] = await adminGateway().searchRead("ops.ai.model.version", [["name", "=", report.name]], {
      state: "selection",
      promotion_note: "text",
    });
    expect(stored?.state).toBe(report.candidate?.promoted ? "active" : "candidate");
    expect(stored?.promotion_note).toBe(report.candidate?.reason);

    // A version that beats the active one on the same held-out set is promoted; the worker switches to it.
    expect(await activeClassifier()).toBeDefined();
    const name = `request-classifier-e2e-${process.pid}-${Date.now() % 100000}`;
    const submit = await json2Call(bridgeKey(), "ops.ai.gateway", "submit_candidate", {
      kind: "classifier",
      name,
      artifact: { ...shipped, name },
      training_set_sha256: shipped.training_set_sha256,
      metrics: { heldout_sha256: heldoutSha256, macro_f1: 1, ece: 0, count: 60 },
    });
    expect(submit.status).toBe(200);
    expect(submit.json).toMatchObject({ state: "active", promoted: true });
    const requeue = await json2Call(fixture.key, "ops.ai.job", "action_requeue", { ids: [fixture.later_job_id] });
    expect(requeue.status).toBe(200);
    await work([fixture.later_job_id]);
    expect(await jobRows([fixture.later_job_id])).toMatchObject([{ state: "to_review", model_version: name }]);
  }, 300_000);

  it("refuses an Ops User's candidate and promotion, and keeps a worse candidate", async () => {
    const metrics = { heldout_sha256: heldoutSha256, macro_f1: 1, ece: 0, count: 60 };
    const forged = await json2Call(fixture.key, "ops.ai.gateway", "submit_candidate", {
      kind: "classifier",
      name: `forged-${process.pid}`,
      artifact: shipped,
      training_set_sha256: shipped.training_set_sha256,
      metrics,
    });
    expect(forged.status).toBe(403);
    const worse = await json2Call(bridgeKey(), "ops.ai.gateway", "submit_candidate", {
      kind: "classifier",
      name: `worse-${process.pid}-${Date.now() % 100000}`,
      artifact: shipped,
      training_set_sha256: shipped.training_set_sha256,
      metrics: { ...metrics, macro_f1: 0.01 },
    });
    expect(worse.status).toBe(200);
    const kept = worse.json as { id: number; state: string; promoted: boolean };
    expect(kept).toMatchObject({ state: "candidate", promoted: false });
    const promote = await json2Call(fixture.key, "ops.ai.model.version", "action_promote", { ids: [kept.id] });
    expect(promote.status).toBe(403);
    const junk = await json2Call(bridgeKey(), "ops.ai.gateway", "submit_candidate", {
      kind: "classifier",
      name: `junk-${process.pid}`,
      artifact: shipped,
      training_set_sha256: shipped.training_set_sha256,
      metrics: { ...metrics, ece: "low" },
    });
    expect(junk.status).toBe(422);
  });
});
