/** The vendors' HTTP client (sync_bridge/src/sources/http_client.ts): retries, errors, pacing. */
import { http, HttpResponse, delay } from "msw";
import { AuthAPIError, FatalAPIError, RetriableAPIError } from "../../../sync_bridge/src/errors";
import { VendorHttpClient } from "../../../sync_bridge/src/sources/http_client";
import { mswServer } from "../support/msw";

const server = mswServer();
const BASE = "https://api.vendor.test";

function client(overrides: Partial<ConstructorParameters<typeof VendorHttpClient>[0]> = {}) {
  return new VendorHttpClient({
    vendor: "Vendor",
    baseUrl: BASE,
    timeoutMs: 100,
    retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5000, maxElapsedMs: 10_000 },
    ...overrides,
  });
}

/** Answers the given responses in turn, counting calls. */
function sequence(...replies: (() => Response | Promise<Response>)[]) {
  const state = { calls: 0 };
  server.use(
    http.all(`${BASE}/items`, async () => {
      const reply = replies[Math.min(state.calls, replies.length - 1)] as () => Response;
      state.calls += 1;
      return reply();
    }),
  );
  return state;
}

describe("VendorHttpClient", () => {
  it("retries a 429 after the Retry-After the vendor asked for, then returns the JSON", async () => {
    const waits: number[] = [];
    const state = sequence(
      () => HttpResponse.json({ message: "slow down" }, { status: 429, headers: { "Retry-After": "0.05" } }),
      () => HttpResponse.json([{ id: 1 }], { headers: { "X-WP-TotalPages": "3" } }),
    );
    const answer = await client({ retryHooks: { onRetry: (_e, _a, ms) => waits.push(ms) } }).request({
      path: "/items",
      query: { page: 1, skip: undefined },
    });
    expect(answer.body).toEqual([{ id: 1 }]);
    expect(answer.headers.get("x-wp-totalpages")).toBe("3");
    expect(state.calls).toBe(2);
    expect(waits[0]).toBeGreaterThanOrEqual(50);
  });

  it("retries 5xx and answers that are not JSON", async () => {
    const state = sequence(
      () => HttpResponse.json({ message: "boom" }, { status: 503 }),
      () => new HttpResponse("<html>maintenance</html>", { status: 200 }),
      () => HttpResponse.json({ ok: true }),
    );
    expect((await client().request({ path: "/items" })).body).toEqual({ ok: true });
    expect(state.calls).toBe(3);
  });

  it("enforces the timeout and retries it, then gives up with a RetriableAPIError", async () => {
    const state = sequence(async () => {
      await delay(1000);
      return HttpResponse.json({});
    });
    const error = await client()
      .request({ path: "/items" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriableAPIError);
    expect((error as RetriableAPIError).message).toBe("Vendor did not answer within 100 ms");
    expect((error as RetriableAPIError).category).toBe("remote_5xx");
    expect(state.calls).toBe(4);
  });

  it("never retries a 4xx: FatalAPIError with the vendor's message, category validation", async () => {
    const state = sequence(() => HttpResponse.json({ message: "Invalid input JSON on line 1" }, { status: 400 }));
    const error = await client()
      .request({ path: "/items" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalAPIError);
    expect((error as FatalAPIError).message).toBe("Vendor answered HTTP 400: Invalid input JSON on line 1");
    expect((error as FatalAPIError).category).toBe("validation");
    expect((error as FatalAPIError).response).toEqual({ message: "Invalid input JSON on line 1" });
    expect(state.calls).toBe(1);
  });

  it.each([401, 403])("turns %i into AuthAPIError (category auth), never retried", async (status) => {
    const state = sequence(() => HttpResponse.json({ message: "token refused" }, { status }));
    const error = await client()
      .request({ path: "/items" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthAPIError);
    expect((error as AuthAPIError).category).toBe("auth");
    expect(state.calls).toBe(1);
  });

  it("classifies a refused connection as retriable", async () => {
    server.use(http.all(`${BASE}/items`, () => HttpResponse.error()));
    const error = await client()
      .request({ path: "/items" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriableAPIError);
    expect((error as Error).message).toMatch(/^cannot reach Vendor/);
  });

  it("keeps a pace between requests when asked to", async () => {
    sequence(() => HttpResponse.json({}));
    const paced = client({ minIntervalMs: 40 });
    const started = Date.now();
    await Promise.all([paced.request({ path: "/items" }), paced.request({ path: "/items" }), paced.request({ path: "/items" })]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });
});
