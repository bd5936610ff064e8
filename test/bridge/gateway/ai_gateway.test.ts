/**
 * The AI intake RPCs of `ops.ai.gateway` over JSON-2 (sync_bridge/src/gateway/ai_gateway.ts): the
 * named arguments sent, and the claimed jobs validated with zod before the worker sees them, in the
 * wire shape of the sync gateway's tests. The live Odoo side is tested in addon_ops_harmony/tests/ai.
 */
import { http, HttpResponse } from "msw";
import { parseConfig } from "../../../sync_bridge/src/config";
import { FatalOdooError } from "../../../sync_bridge/src/errors";
import { createGateway } from "../../../sync_bridge/src/gateway";
import { mswServer } from "../support/msw";

const server = mswServer();
const gateway = createGateway(
  parseConfig({ ODOO_URL: "http://odoo.test:8069", ODOO_DB: "ops_test", ODOO_API_KEY: "k" }),
  "json2",
);

function odooJson2(answer: (method: string) => unknown) {
  const calls: { method: string; body: Record<string, unknown> }[] = [];
  server.use(
    http.post("http://odoo.test:8069/json/2/ops.ai.gateway/:method", async ({ request, params }) => {
      calls.push({ method: String(params.method), body: (await request.json()) as Record<string, unknown> });
      return HttpResponse.json(answer(String(params.method)) as never);
    }),
  );
  return calls;
}

const JOB = {
  id: 7,
  document_type: "vendor_bill",
  kind: "pdf",
  filename: "bill.pdf",
  mimetype: "application/pdf",
  data_b64: "JVBERi0xLjcK",
  text: null,
  subject: "Bill from Northwind",
  sender: false,
};

describe("the AI intake RPCs over JSON-2", () => {
  it("claims jobs with the worker, limit and lease, reading false as null", async () => {
    const calls = odooJson2(() => ({ jobs: [JOB] }));
    const jobs = await gateway.claimJobs("w1", { limit: 3, leaseSeconds: 120 });
    expect(calls).toEqual([{ method: "claim_jobs", body: { worker: "w1", limit: 3, lease_seconds: 120 } }]);
    expect(jobs).toEqual([{ ...JOB, sender: null }]);
  });

  it("refuses a claimed job that does not match the contract, naming the field", async () => {
    odooJson2(() => ({ jobs: [{ ...JOB, kind: "fax", id: "7" }] }));
    const error = await gateway.claimJobs("w1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FatalOdooError);
    expect((error as Error).message).toContain("ops.ai.gateway.claim_jobs");
    expect((error as Error).message).toMatch(/kind/);
    expect((error as Error).message).toMatch(/\bid\b/);
  });

  it("submits a result and fails a job with their named arguments", async () => {
    const calls = odooJson2((method) => ({ state: method === "fail_job" ? "failed" : "to_review" }));
    const result = {
      provider: "local" as const,
      model_version: "v",
      input_sha256: "0".repeat(64),
      text: "t",
      pages: [],
      class: null,
      fields: [],
      lines: [],
      checks: [],
    };
    expect(await gateway.submitResult(7, "w1", result)).toEqual({ state: "to_review" });
    expect(await gateway.failJob(8, "w1", "encrypted", "password")).toEqual({ state: "failed" });
    expect(calls).toEqual([
      { method: "submit_result", body: { job_id: 7, worker: "w1", result } },
      { method: "fail_job", body: { job_id: 8, worker: "w1", category: "encrypted", reason: "password" } },
    ]);
  });
});
