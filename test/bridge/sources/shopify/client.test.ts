/**
 * The Shopify GraphQL client's cost-based throttling and its reading of errors inside HTTP 200
 * (sync_bridge/src/sources/shopify/client.ts), with a pinned clock and recorded waits.
 */
import { http, HttpResponse } from "msw";
import { AuthAPIError, FatalAPIError } from "../../../../sync_bridge/src/errors";
import { ShopifyClient, refillMs } from "../../../../sync_bridge/src/sources/shopify/client";
import { mswServer } from "../../support/msw";

const server = mswServer();
const URL = "https://snowdevil.myshopify.com/admin/api/2025-10/graphql.json";

function cost(requested: number, available: number, restoreRate = 50) {
  return {
    cost: {
      requestedQueryCost: requested,
      actualQueryCost: 12,
      throttleStatus: { maximumAvailable: 1000, currentlyAvailable: available, restoreRate },
    },
  };
}

/** Answers the bodies in turn. */
function answers(...bodies: unknown[]): { calls: number } {
  const seen = { calls: 0 };
  server.use(
    http.post(URL, () => {
      const body = bodies[Math.min(seen.calls, bodies.length - 1)];
      seen.calls += 1;
      return HttpResponse.json(body as never);
    }),
  );
  return seen;
}

function client(waits: number[], retryWaits: number[] = []) {
  return new ShopifyClient(
    {
      shop: "snowdevil.myshopify.com",
      apiVersion: "2025-10",
      timeoutMs: 1000,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 60_000, maxElapsedMs: 600_000 },
      retryHooks: { sleep: async (ms) => void retryWaits.push(ms), random: () => 0, now: () => 0 },
      sleep: async (ms) => void waits.push(ms),
      clock: () => 1_000_000,
    },
    "shpat_test",
  );
}

const page = { customers: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } };

describe("Shopify GraphQL client", () => {
  it("computes the refill time of the leaky bucket", () => {
    expect(refillMs({ maximumAvailable: 1000, currentlyAvailable: 40, restoreRate: 50 }, 100)).toBe(1200);
    expect(refillMs({ maximumAvailable: 1000, currentlyAvailable: 400, restoreRate: 50 }, 100)).toBe(0);
    expect(refillMs({ maximumAvailable: 50, currentlyAvailable: 0, restoreRate: 50 }, 900)).toBe(1000);
  });

  it("waits before the next query when the bucket cannot pay for it yet", async () => {
    answers({ data: page, extensions: cost(100, 40) }, { data: page, extensions: cost(100, 960) });
    const waits: number[] = [];
    const shopify = client(waits);
    await shopify.query("query { customers(first: 1) { nodes { id } } }", {});
    expect(waits).toEqual([]);
    await shopify.query("query { customers(first: 1) { nodes { id } } }", {});
    expect(waits).toEqual([1200]);
    await shopify.query("query { customers(first: 1) { nodes { id } } }", {});
    expect(waits).toEqual([1200]);
  });

  it("retries a THROTTLED answer after the time the bucket needs", async () => {
    const throttled = {
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
      extensions: { cost: { ...cost(250, 10).cost, actualQueryCost: null } },
    };
    const seen = answers(throttled, { data: page, extensions: cost(250, 240) });
    const retryWaits: number[] = [];
    const result = await client([], retryWaits).connection("query { customers(first: 1) { nodes { id } } }", "customers", {});
    expect(result.nodes).toEqual([]);
    expect(seen.calls).toBe(2);
    expect(retryWaits).toEqual([4800]);
  });

  it("fails, never reads as empty, an answer whose errors come with HTTP 200", async () => {
    answers({ errors: [{ message: "Field 'x' doesn't exist on type 'QueryRoot'", extensions: { code: "undefinedField" } }] });
    await expect(client([]).query("query { x }", {})).rejects.toThrow(
      new FatalAPIError("Shopify refused the query: Field 'x' doesn't exist on type 'QueryRoot' (undefinedField)"),
    );
    answers({ data: null, extensions: cost(1, 999) });
    await expect(client([]).query("query { x }", {})).rejects.toThrow("Shopify answered a GraphQL response without data");
    answers({
      data: { customers: null },
      errors: [{ message: "Access denied for customers field.", extensions: { code: "ACCESS_DENIED" } }],
    });
    await expect(client([]).query("query { customers { id } }", {})).rejects.toBeInstanceOf(AuthAPIError);
    answers({
      errors: [
        {
          message: "Query cost is 2102, which exceeds the single query max cost limit (1000).",
          extensions: { code: "MAX_COST_EXCEEDED" },
        },
      ],
    });
    await expect(client([]).query("query { orders { id } }", {})).rejects.toThrow(
      "lower sources.shopify.orderPageSize or lineItemsPerOrder",
    );
  });

  it("refuses an answer that is not the documented envelope, naming what was expected", async () => {
    answers({ data: { customers: { nodes: "all of them" } }, extensions: cost(1, 999) });
    await expect(client([]).connection("query { customers { nodes { id } } }", "customers", {})).rejects.toThrow(
      /Shopify customers answered an unexpected shape/,
    );
    answers(["not", "graphql"]);
    await expect(client([]).query("query { x }", {})).rejects.toThrow(/Shopify GraphQL answered an unexpected shape/);
  });
});
