/**
 * The approval lock-up of the issue, replayed over JSON-2 against a LIVE Odoo (two workers).
 * scripts/ci/test.sh runs test/e2e/odoo/approval_lockup_fixture.py first and sets:
 *   OPS_E2E_URL, OPS_E2E_DB   the live Odoo and its database
 *   OPS_E2E_FIXTURE_DIR       where the fixture wrote approval_lockup.json
 * A salesperson confirms a quote one policy auto-approves and another stops: the click answers
 * with the request (no lock error), leaves exactly one pending request, and the audit chain
 * verifies. Two sessions clicking at once leave one request. Writing the state directly, around
 * the button, is stopped the same way. Missing variables fail the suite; it never skips.
 */
import { json2Call as call, loadFixture, type Reply } from "./support/json2";

interface Fixture {
  keys: { seller: string; seller_again: string; manager: string };
  quotes: { mixed: number; race: number; write: number };
  policies: { discount: number; amount: number };
}

interface RequestRow {
  id: number;
  name: string;
  state: string;
  policy_family_id: [number, string] | false;
}

const REQUEST_NAMED = /request (APR\/\d+) (sent to|is already pending with) /g;
let fixture: Fixture;

beforeAll(() => {
  fixture = loadFixture<Fixture>("approval_lockup");
});

/** The UserError of a refused call: a 422 naming its requests (one per policy), no lock in sight. */
function refusedWithRequests(reply: Reply): string[] {
  expect(reply.status).toBe(422);
  const { message } = reply.json as { message: string };
  expect(message).toMatch(/^Approval required: /);
  expect(message).not.toMatch(/lock|could not be opened/i);
  const names = [...message.matchAll(REQUEST_NAMED)].map((match) => match[1]);
  expect(names.length).toBeGreaterThan(0);
  return names;
}

async function requestsOf(orderId: number): Promise<RequestRow[]> {
  const reply = await call(fixture.keys.manager, "ops.approval.request", "search_read", {
    domain: [
      ["res_model", "=", "sale.order"],
      ["res_id", "=", orderId],
    ],
    fields: ["name", "state", "policy_family_id"],
  });
  expect(reply.status).toBe(200);
  return reply.json as RequestRow[];
}

async function orderState(orderId: number): Promise<string> {
  const reply = await call(fixture.keys.manager, "sale.order", "read", { ids: [orderId], fields: ["state"] });
  expect(reply.status).toBe(200);
  return (reply.json as { state: string }[])[0].state;
}

async function auditCount(orderId: number, event: string): Promise<number> {
  const reply = await call(fixture.keys.manager, "ops.audit.log", "search_count", {
    domain: [
      ["res_model", "=", "sale.order"],
      ["res_id", "=", orderId],
      ["event", "=", event],
    ],
  });
  expect(reply.status).toBe(200);
  return reply.json as number;
}

async function expectChainIntact(): Promise<void> {
  const reply = await call(fixture.keys.manager, "ops.audit.log", "ops_verify_chain", {});
  expect(reply.status).toBe(200);
  const result = reply.json as { ok: boolean; message: string };
  expect(result).toMatchObject({ ok: true });
}

test("01 a click one policy auto-approves and another stops answers with its one request", async () => {
  const orderId = fixture.quotes.mixed;
  const names = refusedWithRequests(await call(fixture.keys.seller, "sale.order", "action_confirm", { ids: [orderId] }));

  const requests = await requestsOf(orderId);
  expect(requests).toHaveLength(1);
  expect(requests[0]).toMatchObject({ name: names[0], state: "pending" });
  expect(names).toEqual([requests[0].name]);
  expect(requests[0].policy_family_id && requests[0].policy_family_id[0]).toBe(fixture.policies.amount);
  expect(await orderState(orderId)).toBe("draft");
  expect(await auditCount(orderId, "request")).toBe(1);
  expect(await auditCount(orderId, "auto_approve")).toBe(0); // the action did not run
  await expectChainIntact();
});

test("02 two sessions clicking the same quote at once leave one request", async () => {
  const orderId = fixture.quotes.race;
  const replies = await Promise.all([
    call(fixture.keys.seller, "sale.order", "action_confirm", { ids: [orderId] }),
    call(fixture.keys.seller_again, "sale.order", "action_confirm", { ids: [orderId] }),
  ]);
  const [first, second] = replies.map(refusedWithRequests);
  expect(first).toEqual(second);

  const requests = await requestsOf(orderId);
  expect(requests.map((request) => [request.name, request.state])).toEqual([[first[0], "pending"]]);
  expect(await auditCount(orderId, "request")).toBe(1);
  expect(await orderState(orderId)).toBe("draft");
  await expectChainIntact();
});

test("03 writing the state directly over JSON-2 is stopped like the button", async () => {
  const orderId = fixture.quotes.write;
  const names = refusedWithRequests(
    await call(fixture.keys.seller, "sale.order", "write", { ids: [orderId], vals: { state: "sale" } }),
  );

  expect(await orderState(orderId)).toBe("draft");
  const pending = (await requestsOf(orderId)).filter(
    (request) =>
      request.state === "pending" && request.policy_family_id && request.policy_family_id[0] === fixture.policies.discount,
  );
  expect(pending).toHaveLength(1);
  expect(names).toContain(pending[0].name);
  await expectChainIntact();
});
