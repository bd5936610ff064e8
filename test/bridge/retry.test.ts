/** The retry policy (sync_bridge/src/retry.ts): backoff with jitter, Retry-After, `withRetry`. */
import {
  AuthAPIError,
  FatalAPIError,
  RetriableAPIError,
  RetriableOdooError,
  OdooUnreachableError,
} from "../../sync_bridge/src/errors";
import { backoffDelay, isRetriable, parseRetryAfter, retryDelay, withRetry, type RetryPolicy } from "../../sync_bridge/src/retry";

const POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000, maxElapsedMs: 60_000 };

/** A fake clock: sleeping moves time forward, and every wait is recorded. */
function fakeClock() {
  let now = 0;
  const waits: number[] = [];
  return {
    waits,
    hooks: {
      now: () => now,
      sleep: async (ms: number) => {
        waits.push(ms);
        now += ms;
      },
      random: () => 0.999,
    },
  };
}

describe("backoff with jitter", () => {
  it("doubles the ceiling per attempt up to maxDelayMs, and jitters below it", () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, POLICY, () => 0.999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelay(3, POLICY, () => 0)).toBe(0);
  });

  it("never waits less than the server's Retry-After", () => {
    const error = new RetriableAPIError("slow down", { status: 429, retryAfterMs: 3000 });
    expect(retryDelay(error, 1, POLICY, () => 0.5)).toBe(3000);
    expect(retryDelay(new RetriableAPIError("x", { status: 500 }), 1, POLICY, () => 0.5)).toBe(50);
  });
});

describe("parseRetryAfter", () => {
  it("reads delay-seconds and HTTP dates, and ignores garbage", () => {
    expect(parseRetryAfter("7")).toBe(7000);
    expect(parseRetryAfter("0.5")).toBe(500);
    const now = Date.parse("2025-03-01T10:00:00Z");
    expect(parseRetryAfter("Sat, 01 Mar 2025 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sat, 01 Mar 2025 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe("withRetry", () => {
  it("retries 429/5xx/timeouts and Odoo outages until they pass", async () => {
    const clock = fakeClock();
    const errors = [
      new RetriableAPIError("429", { status: 429 }),
      new RetriableAPIError("timeout"),
      new OdooUnreachableError("down"),
    ];
    let calls = 0;
    const result = await withRetry(
      async () => {
        const error = errors[calls++];
        if (error) throw error;
        return "done";
      },
      POLICY,
      clock.hooks,
    );
    expect(result).toBe("done");
    expect(calls).toBe(4);
    expect(clock.waits).toEqual([99, 199, 399]);
  });

  it.each([
    ["a 4xx", new FatalAPIError("bad request", { status: 400 })],
    ["refused credentials", new AuthAPIError("no", { status: 401 })],
    ["a bug", new TypeError("x is not a function")],
  ])("never retries %s", async (_label, error) => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw error;
        },
        POLICY,
        fakeClock().hooks,
      ),
    ).rejects.toBe(error);
    expect(calls).toBe(1);
    expect(isRetriable(error)).toBe(false);
  });

  it("gives up after maxAttempts with the last error, whose class still says what to do", async () => {
    const clock = fakeClock();
    let calls = 0;
    const failure = withRetry(
      async () => {
        calls += 1;
        throw new RetriableOdooError(`busy ${calls}`);
      },
      POLICY,
      clock.hooks,
    );
    await expect(failure).rejects.toThrow("busy 5");
    expect(calls).toBe(5);
  });

  it("fails at once when a vendor asks to wait longer than maxRetryAfterMs", async () => {
    let calls = 0;
    const error = new RetriableAPIError("come back tomorrow", { status: 429, retryAfterMs: 86_400_000 });
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw error;
        },
        POLICY,
        fakeClock().hooks,
      ),
    ).rejects.toBe(error);
    expect(calls).toBe(1);
  });

  it("stops when the next wait would pass maxElapsedMs", async () => {
    const clock = fakeClock();
    let calls = 0;
    const policy = { ...POLICY, maxAttempts: 100, maxElapsedMs: 1000 };
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw new RetriableAPIError("x");
        },
        policy,
        clock.hooks,
      ),
    ).rejects.toThrow("x");
    expect(clock.waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1000);
    expect(calls).toBeLessThan(10);
  });

  it("tells onRetry about each wait", async () => {
    const seen: [string, number, number][] = [];
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ === 0) throw new RetriableAPIError("flaky");
        return 1;
      },
      POLICY,
      {
        ...fakeClock().hooks,
        onRetry: (error, attempt, delay) => seen.push([(error as Error).message, attempt, delay]),
      },
    );
    expect(seen).toEqual([["flaky", 1, 99]]);
  });
});
