/**
 * `ops-bridge intake` with the OpenAI-compatible provider against a LIVE Odoo: the fixture
 * (test/e2e/odoo/ai_provider_fixture.py) opted inbound requests in and left one request for the
 * test to requeue; a fake endpoint on 127.0.0.1 answers with OpenAI's documented envelope
 * (test/bridge/fixtures/openai). The worker sends the request with the prompt template Odoo handed
 * over, the quote-checked answer lands in review with the provider and prompt version recorded,
 * and Odoo refuses the provider for bills.
 */
import { answerContent, completionWith } from "../bridge/fixtures/openai/openai_fake";
import { json, type VendorCall } from "../bridge/fixtures/vendor";
import { startFixtureServer, type FixtureServer } from "../bridge/support/fixture_server";
import { bridgeKey, forgedResult, workUntilHandled } from "./support/ai_jobs";
import { json2Call, loadFixture } from "./support/json2";
import { adminGateway, buildBridge } from "./support/live_odoo";

interface Fixture {
  key: string;
  request_job_id: number;
  bill_job_id: number;
}

/** Answers every request with the e-mail address the sent text holds, quoted as printed; the rest null. */
function fakeProvider(seen: VendorCall[]) {
  return (call: VendorCall) => {
    seen.push(call);
    const body = call.body as {
      messages: { content: string }[];
      response_format: { json_schema: { schema: { required: string[] } } };
    };
    const text = body.messages[1]?.content ?? "";
    const email = /[\w.+-]+@[\w.-]+\.\w+/.exec(text)?.[0] ?? null;
    const answer = Object.fromEntries(
      body.response_format.json_schema.schema.required.map((name): [string, [string | null, string | null]] =>
        name === "email" ? [name, [email, email]] : [name, [null, null]],
      ),
    );
    return json(completionWith(answerContent(answer)));
  };
}

describe("ops-bridge intake with an external provider against a live Odoo", () => {
  let fixture: Fixture;
  let server: FixtureServer;
  const seen: VendorCall[] = [];
  beforeAll(async () => {
    fixture = loadFixture<Fixture>("ai_provider");
    buildBridge();
    server = await startFixtureServer(fakeProvider(seen));
  }, 120_000);
  afterAll(() => server?.close());

  it("reads an opted-in request with the provider and records the prompt version Odoo handed over", async () => {
    const env = {
      OPS_AI_PROVIDER_URL: server.url,
      OPS_AI_PROVIDER_MODEL: "gpt-4o-2024-08-06",
      OPS_AI_PROVIDER_API_KEY: "sk-e2e-not-a-real-key",
    };
    const requeued = await json2Call(fixture.key, "ops.ai.job", "action_requeue", { ids: [fixture.request_job_id] });
    expect(requeued.status).toBe(200);
    await workUntilHandled([fixture.request_job_id], `e2e-provider-${process.pid}`, env);
    const [job] = await adminGateway().searchRead("ops.ai.job", [["id", "=", fixture.request_job_id]], {
      state: "selection",
      provider: "char",
      model_version: "char",
      prompt_version: "char",
    });
    expect(job).toMatchObject({
      state: "to_review",
      provider: "openai_compatible",
      model_version: "openai_compatible:gpt-5.4",
      prompt_version: "inbound_request@1",
    });
    const [email] = await adminGateway().searchRead(
      "ops.ai.proposal.field",
      [
        ["job_id", "=", fixture.request_job_id],
        ["name", "=", "email"],
      ],
      { value: "char", generator: "char" },
    );
    expect(email).toMatchObject({ value: "marta.lind@fjord-freight.example", generator: "openai_compatible" });
    // only opted-in types were sent, each with the prompt template Odoo handed over, and no job metadata
    expect(seen.length).toBeGreaterThan(0);
    for (const call of seen) {
      const body = call.body as {
        messages: { role: string; content: string }[];
        response_format: { json_schema: { name: string } };
      };
      expect(body.response_format.json_schema.name).toBe("ops_inbound_request");
      expect(body.messages[0]?.content).toContain("inbound request");
      expect(JSON.stringify(body)).not.toContain(`"id":${fixture.request_job_id}`);
    }
  }, 180_000);

  it("refuses the bridge an external provider for vendor bills, which are not opted in", async () => {
    const forged = await json2Call(bridgeKey(), "ops.ai.gateway", "submit_result", {
      job_id: fixture.bill_job_id,
      worker: "e2e-provider-probe",
      result: forgedResult({ provider: "openai_compatible", prompt_version: "vendor_bill@1" }),
    });
    expect(forged.status).toBe(403);
    const [bill] = await adminGateway().searchRead("ops.ai.job", [["id", "=", fixture.bill_job_id]], {
      state: "selection",
      provider: "char",
    });
    expect(bill).toMatchObject({ state: "processing", provider: null });
    const released = await json2Call(bridgeKey(), "ops.ai.gateway", "fail_job", {
      job_id: fixture.bill_job_id,
      worker: "e2e-provider-probe",
      category: "internal",
      reason: "e2e provider probe: released",
    });
    expect(released.status).toBe(200);
  });
});
