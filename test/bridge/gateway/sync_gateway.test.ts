/**
 * The sync RPCs of `ops.sync.gateway` over JSON-2 (sync_bridge/src/gateway/sync_gateway.ts),
 * against a mocked Odoo.
 */
import { http, HttpResponse } from "msw";
import { parseConfig } from "../../../sync_bridge/src/config";
import { FatalOdooError } from "../../../sync_bridge/src/errors";
import { createGateway } from "../../../sync_bridge/src/gateway";
import { mswServer } from "../support/msw";

// The legacy XML-RPC transport passes the same keyword arguments through odoo-await's
// execute_kw; test/e2e/bridge_sync.test.ts runs every sync RPC over it against a live Odoo.

const server = mswServer();
const config = parseConfig({
  ODOO_URL: "http://odoo.test:8069",
  ODOO_DB: "ops_test",
  ODOO_API_KEY: "secret-key",
  ODOO_LOGIN: "ops_bridge",
});
const json2 = createGateway(config, "json2");

/** Captures the JSON-2 calls to ops.sync.gateway and answers them with `answer(method, body)`. */
function odooJson2(answer: (method: string, body: Record<string, unknown>) => unknown) {
  const calls: { method: string; body: Record<string, unknown>; headers: Headers }[] = [];
  server.use(
    http.post("http://odoo.test:8069/json/2/ops.sync.gateway/:method", async ({ request, params }) => {
      const body = (await request.json()) as Record<string, unknown>;
      calls.push({ method: String(params.method), body, headers: request.headers });
      return HttpResponse.json(answer(String(params.method), body) as never);
    }),
  );
  return calls;
}

describe("the sync RPCs over JSON-2", () => {
  it("sends ingest's named arguments with Odoo's wire quirks applied, and reads false back as null", async () => {
    const calls = odooJson2(() => ({
      results: [
        {
          external_id: "1041",
          status: "created",
          res_id: 12,
          category: false,
          reason: "unknown country code 'ZZ': country left empty",
          event_id: false,
        },
      ],
    }));
    const results = await json2.ingest(
      "woocommerce",
      "orders",
      [
        {
          externalId: "1041",
          values: {
            date_order: new Date("2025-03-01T10:14:22.500Z"),
            currency_code: null,
            lines: [{ sku: "FURN_7777", quantity: 2, price_unit: 70 }],
            attribution: { session_start: new Date("2025-03-01T09:58:03Z"), referrer: null },
          },
          payload: { note: "bad \uD800 unicode and a \u0000 NUL", missing: null },
          traceId: "run-orders-1",
          modifiedAt: new Date("2025-03-01T10:20:00Z"),
        },
      ],
      3,
    );
    expect(calls[0]?.headers.get("authorization")).toBe("bearer secret-key");
    expect(calls[0]?.headers.get("x-odoo-database")).toBe("ops_test");
    expect(calls[0]?.body).toEqual({
      source: "woocommerce",
      stream: "orders",
      mapping_version: 3,
      records: [
        {
          external_id: "1041",
          values: {
            date_order: "2025-03-01 10:14:22",
            currency_code: false,
            lines: [{ sku: "FURN_7777", quantity: 2, price_unit: 70 }],
            attribution: { session_start: "2025-03-01 09:58:03", referrer: false },
          },
          trace_id: "run-orders-1",
          modified_at: "2025-03-01T10:20:00.000Z",
        },
      ],
    });
    expect(results).toEqual([
      {
        externalId: "1041",
        status: "created",
        resId: 12,
        category: null,
        reason: "unknown country code 'ZZ': country left empty",
        eventId: null,
      },
    ]);
  });

  it("sends the payloads of the records Odoo rejected or flagged afterwards, by their event ids", async () => {
    const calls = odooJson2((method) =>
      method === "ingest"
        ? {
            results: [
              { external_id: "1", status: "created", res_id: 5, category: false, reason: false, event_id: false },
              { external_id: "2", status: "rejected", res_id: false, category: "mapping", reason: "unknown SKU", event_id: 9 },
              {
                external_id: "3",
                status: "conflict",
                res_id: 6,
                category: "conflict",
                reason: "kept Odoo's value",
                event_id: 10,
              },
              { external_id: "4", status: "rejected", res_id: false, category: "validation", reason: "bad", event_id: 11 },
            ],
          }
        : { stored: 2 },
    );
    const record = (externalId: string, payload: unknown) => ({
      externalId,
      values: {},
      payload,
      traceId: `t${externalId}`,
      modifiedAt: null,
    });
    const results = await json2.ingest("woocommerce", "orders", [
      record("1", { id: 1 }),
      record("2", { note: "bad \uD800 unicode and a \u0000 NUL", missing: null }),
      record("3", { id: 3 }),
      record("4", null),
    ]);
    expect(results.map((result) => result.status)).toEqual(["created", "rejected", "conflict", "rejected"]);
    expect(calls.map((call) => call.method)).toEqual(["ingest", "attach_payloads"]);
    expect((calls[0]?.body.records as Record<string, unknown>[]).every((sent) => !("payload" in sent))).toBe(true);
    expect(calls[1]?.body).toEqual({
      source: "woocommerce",
      stream: "orders",
      payloads: [
        { event_id: 9, payload: { note: "bad \uFFFD unicode and a \uFFFD NUL", missing: null } },
        { event_id: 10, payload: { id: 3 } },
      ],
    });
  });

  it("refuses an answer that does not have one result per record", async () => {
    odooJson2(() => ({ results: [] }));
    await expect(
      json2.ingest("csv", "contacts", [{ externalId: "1", values: {}, payload: null, traceId: "t", modifiedAt: null }]),
    ).rejects.toThrow(FatalOdooError);
  });

  it("sends failures (with the replayed event's id), cursors, close_events and status with the contract's names", async () => {
    const calls = odooJson2(
      (method) =>
        ({
          report_failures: { event_ids: [7] },
          get_cursor: { value: false },
          set_cursor: true,
          close_events: true,
          replay_queue: {
            events: [
              { id: 7, source: "csv", stream: "deals", external_id: false, payload: { a: 1 }, trace_id: false, attempts: 2 },
            ],
          },
          requeue_events: { requeued: 1, reingested: 2 },
          status: {
            cursors: [{ source: "csv", stream: "deals", value: "sha256:0123456789abcdef:6", write_date: "2025-03-01 10:00:00" }],
            events: { dead: 1 },
            dead: [],
            open_conflicts: 3,
          },
        })[method],
    );
    expect(
      await json2.reportFailures("csv", "deals", [
        { externalId: null, traceId: "t", category: "validation", message: "bad", payload: { x: 1 }, eventId: 7 },
      ]),
    ).toEqual([7]);
    expect(await json2.getCursor("csv", "deals")).toBeNull();
    await json2.setCursor("csv", "deals", "sha256:0123456789abcdef:6");
    await json2.closeEvents([7, 8]);
    expect(await json2.replayQueue({ source: "csv" })).toEqual([
      { id: 7, source: "csv", stream: "deals", externalId: null, payload: { a: 1 }, traceId: null, attempts: 2 },
    ]);
    expect(await json2.requeueEvents({ dead: true })).toEqual({ requeued: 1, reingested: 2 });
    expect(await json2.syncStatus()).toEqual({
      cursors: [
        { source: "csv", stream: "deals", value: "sha256:0123456789abcdef:6", writeDate: new Date("2025-03-01T10:00:00Z") },
      ],
      events: { dead: 1 },
      dead: [],
      openConflicts: 3,
    });
    expect(calls.map((call) => [call.method, call.body])).toEqual([
      [
        "report_failures",
        {
          source: "csv",
          stream: "deals",
          failures: [
            { external_id: null, trace_id: "t", category: "validation", message: "bad", payload: { x: 1 }, event_id: 7 },
          ],
        },
      ],
      ["get_cursor", { source: "csv", stream: "deals" }],
      ["set_cursor", { source: "csv", stream: "deals", value: "sha256:0123456789abcdef:6" }],
      ["close_events", { event_ids: [7, 8] }],
      ["replay_queue", { source: "csv", limit: 100 }],
      ["requeue_events", { event_ids: false, dead: true, source: false }],
      ["status", {}],
    ]);
  });

  it("sends nothing for empty batches", async () => {
    const calls = odooJson2(() => ({}));
    expect(await json2.ingest("csv", "deals", [])).toEqual([]);
    expect(await json2.reportFailures("csv", "deals", [])).toEqual([]);
    await json2.closeEvents([]);
    expect(calls).toEqual([]);
  });
});
