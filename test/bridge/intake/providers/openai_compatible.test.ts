/**
 * The provider's failures never lose a job: a timeout, a 429 (retried once only when its
 * Retry-After is short), a 5xx, an answer that is not the schema's JSON, or the documented
 * refusal each leave the local reading in place with a check saying why, and the job is submitted.
 */
import { delay, HttpResponse } from "msw";
import type { AiGateway, ClaimedJob } from "../../../../sync_bridge/src/gateway/ai_gateway";
import { processJob } from "../../../../sync_bridge/src/intake/process_job";
import type { IntakeResult } from "../../../../sync_bridge/src/intake/result";
import { runIntakeWorker } from "../../../../sync_bridge/src/intake/worker";
import { answerContent, completionWith, json, openAiHandlers, refusal, type Recorded } from "../../fixtures/openai/openai_fake";
import { mswServer } from "../../support/msw";
import { billJob, GOOD_ANSWER, PROMPT, provider } from "../../support/provider_jobs";

const server = mswServer();

async function readWith(replies: (() => Response | Promise<Response>)[], timeoutMs = 5_000, sleeps: number[] = []) {
  const seen: Recorded[] = [];
  server.use(...openAiHandlers(replies as (() => Response)[], seen));
  const result = await processJob(await billJob(), { external: provider(timeoutMs, sleeps) });
  return { result, seen };
}

const providerCheck = (result: IntakeResult) => result.checks.find((check) => check.name === "external_provider");

describe("falling back to the local reading", () => {
  it.each([
    ["a server error", [() => new HttpResponse(null, { status: 503 })], "(server_error): the provider failed (HTTP 503)"],
    [
      "a long rate limit",
      [() => new HttpResponse(null, { status: 429, headers: { "Retry-After": "30" } })],
      "(rate_limited): rate limited (HTTP 429, Retry-After 30 s)",
    ],
    [
      "a bad API key",
      [() => new HttpResponse(null, { status: 401 })],
      "(refused_request): the provider refused the request (HTTP 401)",
    ],
    [
      "a body that is not JSON",
      [() => new HttpResponse("<html>502 Bad Gateway</html>", { status: 200 })],
      "(malformed): the provider's answer is not JSON",
    ],
    [
      "content that is not JSON",
      [json(completionWith("Sure! Here are the fields: ..."))],
      "(malformed): the message content is not JSON",
    ],
    [
      "content missing fields",
      [json(completionWith('{"partner_name": {"value": "X"}}'))],
      "(malformed): the answer does not follow the schema",
    ],
    ["the documented refusal", [json(refusal())], "(refusal): the model refused: I'm sorry, I cannot assist with that request."],
  ])("on %s, says why and keeps the local fields", async (_what, replies, why) => {
    const local = await processJob(await billJob({ allow_external_provider: false }));
    const { result, seen } = await readWith(replies);
    expect(seen).toHaveLength(1);
    expect(result.provider).toBe("local");
    expect(result.fields).toEqual(local.fields);
    expect(result.prompt_version).toBe(PROMPT.version);
    expect(providerCheck(result)).toEqual({ name: "external_provider", ok: false, detail: expect.stringContaining(why) });
  });

  it("on a timeout, says so", async () => {
    const { result } = await readWith(
      [
        async () => {
          await delay(400);
          return HttpResponse.json(completionWith(answerContent(GOOD_ANSWER)) as never);
        },
      ],
      50,
    );
    expect(result.provider).toBe("local");
    expect(providerCheck(result)?.detail).toContain("(timeout): no answer within 50 ms");
  });

  it("retries a 429 once when its Retry-After is short, then uses the answer", async () => {
    const sleeps: number[] = [];
    const { result, seen } = await readWith(
      [
        () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "1" } }),
        json(completionWith(answerContent(GOOD_ANSWER))),
      ],
      5_000,
      sleeps,
    );
    expect(seen).toHaveLength(2);
    expect(sleeps).toEqual([1_000]);
    expect(result.provider).toBe("openai_compatible");
  });
});

describe("the worker", () => {
  it("submits the job with the claim's prompt version whatever the provider did", async () => {
    server.use(...openAiHandlers([() => new HttpResponse(null, { status: 500 })], []));
    const submitted: IntakeResult[] = [];
    const queue: ClaimedJob[] = [await billJob()];
    const gateway: AiGateway = {
      claimJobs: async () => queue.splice(0),
      submitResult: async (_id, _worker, result) => {
        submitted.push(result);
        return { state: "to_review" };
      },
      failJob: async () => ({ state: "failed" }),
    };
    const summary = await runIntakeWorker({ worker: "w1", once: true }, { gateway, options: { external: provider() } });
    expect([summary.toReview, summary.failed]).toEqual([1, 0]);
    expect(submitted[0]).toMatchObject({ provider: "local", prompt_version: PROMPT.version });
    expect(providerCheck(submitted[0] as IntakeResult)?.ok).toBe(false);
  });
});
