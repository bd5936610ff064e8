/**
 * The three shipped approval templates, end to end over JSON-2 against a LIVE Odoo (two workers).
 * scripts/ci/test.sh runs test/e2e/odoo/approval_templates_fixture.py first (it publishes the
 * templates and creates the users and draft documents) and sets:
 *   OPS_E2E_URL, OPS_E2E_DB   the live Odoo and its database
 *   OPS_E2E_FIXTURE_DIR       where the fixture wrote approval_templates.json
 * Each flow: the requester's action stops with the request's name, the approvers decide through
 * the request's methods, the requester runs the action again and the document is confirmed or
 * posted. Missing variables fail the suite; it never skips.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

type Person = "sales" | "leader" | "approver" | "manager" | "billing" | "finance";

interface Fixture {
  keys: Record<Person, string>;
  users: Record<Person, number>;
  /** The first version of each template: requests name it whatever version is published. */
  families: Record<"discount" | "large" | "credit_note", number>;
  orders: Record<"discount_medium" | "discount_high" | "large_medium" | "large_high" | "large_rejected", number>;
  credit_note: number;
}

interface Reply {
  status: number;
  json: unknown;
}

interface RequestRow {
  id: number;
  state: string;
  risk_tier: string;
  policy_family_id: [number, string] | false;
}

const REQUIRED_ENV = ["OPS_E2E_URL", "OPS_E2E_DB", "OPS_E2E_FIXTURE_DIR"] as const;
let fixture: Fixture;

beforeAll(() => {
  const missing = REQUIRED_ENV.filter((name) => !process.env[name]);
  if (missing.length) {
    throw new Error(`missing ${missing.join(", ")}: run this suite through npm test (scripts/ci/test.sh)`);
  }
  fixture = JSON.parse(
    readFileSync(join(process.env.OPS_E2E_FIXTURE_DIR as string, "approval_templates.json"), "utf8"),
  ) as Fixture;
});

async function call(who: Person, model: string, method: string, body: Record<string, unknown>): Promise<Reply> {
  const response = await fetch(`${process.env.OPS_E2E_URL}/json/2/${model}/${method}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `bearer ${fixture.keys[who]}`,
      "X-Odoo-Database": process.env.OPS_E2E_DB as string,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

function message(reply: Reply): string {
  return (reply.json as { message: string }).message;
}

/** Runs the guarded action as `who`, expects it to stop, and returns the request it names, as `who` reads it. */
async function stopped(who: Person, model: string, method: string, id: number, ...approvers: RegExp[]): Promise<RequestRow> {
  const reply = await call(who, model, method, { ids: [id] });
  expect(reply.status).toBe(422);
  const match = /^Approval required: request (\S+) sent to (.+)\.$/.exec(message(reply));
  expect(match).not.toBeNull();
  const [, name, names] = match as RegExpExecArray;
  for (const approver of approvers) expect(names).toMatch(approver);
  const found = await call(who, "ops.approval.request", "search_read", {
    domain: [["name", "=", name]],
    fields: ["state", "risk_tier", "policy_family_id"],
  });
  expect(found.status).toBe(200);
  const rows = found.json as RequestRow[];
  expect(rows).toHaveLength(1);
  return rows[0];
}

async function decide(
  who: Person,
  method: "action_approve" | "action_reject",
  request: RequestRow,
  rationale?: string,
): Promise<Reply> {
  return call(who, "ops.approval.request", method, rationale ? { ids: [request.id], rationale } : { ids: [request.id] });
}

async function stateOf(who: Person, model: string, id: number, field = "state"): Promise<unknown> {
  const reply = await call(who, model, "read", { ids: [id], fields: [field] });
  expect(reply.status).toBe(200);
  return (reply.json as Record<string, unknown>[])[0][field];
}

async function requestState(request: RequestRow): Promise<string> {
  return (await stateOf("sales", "ops.approval.request", request.id)) as string;
}

test("01 discount tiers, medium: the team leader (no Sales rights) approves, the salesperson confirms", async () => {
  const order = fixture.orders.discount_medium;
  const request = await stopped("sales", "sale.order", "action_confirm", order, /^Lee Leader$/);
  expect(request).toMatchObject({ state: "pending", risk_tier: "medium" });
  expect((request.policy_family_id as [number, string])[0]).toBe(fixture.families.discount);
  expect(await stateOf("sales", "sale.order", order)).toBe("draft");

  expect((await decide("leader", "action_approve", request)).status).toBe(200);
  expect(await requestState(request)).toBe("approved");
  expect((await call("sales", "sale.order", "action_confirm", { ids: [order] })).status).toBe(200);
  expect(await stateOf("sales", "sale.order", order)).toBe("sale");
});

test("02 discount tiers, high: the leader then an Ops Approver, each with a rationale", async () => {
  const order = fixture.orders.discount_high;
  const request = await stopped("sales", "sale.order", "action_confirm", order, /^Lee Leader$/);
  expect(request.risk_tier).toBe("high");

  const bare = await decide("leader", "action_approve", request);
  expect(bare.status).toBe(422);
  expect(message(bare)).toMatch(/needs a rationale/);
  expect((await decide("leader", "action_approve", request, "Strategic account")).status).toBe(200);
  expect(await requestState(request)).toBe("pending");

  const again = await call("sales", "sale.order", "action_confirm", { ids: [order] });
  expect(again.status).toBe(422);
  expect(message(again)).toMatch(/already pending with .*Ana Approver/);
  expect((await decide("approver", "action_approve", request, "Margin still positive")).status).toBe(200);
  expect(await requestState(request)).toBe("approved");
  expect((await call("sales", "sale.order", "action_confirm", { ids: [order] })).status).toBe(200);
  expect(await stateOf("sales", "sale.order", order)).toBe("sale");
});

test("03 large quote, medium: the Ops Approver finds the activity, approves, and the quote is confirmed", async () => {
  const order = fixture.orders.large_medium;
  const request = await stopped("sales", "sale.order", "action_confirm", order, /Ana Approver/);
  expect(request).toMatchObject({ risk_tier: "medium", policy_family_id: [fixture.families.large, expect.any(String)] });
  const activities = await call("approver", "mail.activity", "search_count", {
    domain: [
      ["ops_approval_request_id", "=", request.id],
      ["user_id", "=", fixture.users.approver],
    ],
  });
  expect(activities.json).toBe(1);

  expect((await decide("approver", "action_approve", request)).status).toBe(200);
  expect((await call("sales", "sale.order", "action_confirm", { ids: [order] })).status).toBe(200);
  expect(await stateOf("sales", "sale.order", order)).toBe("sale");
});

test("04 large quote, high: an Ops Approver and an Ops Manager both approve before the quote confirms", async () => {
  const order = fixture.orders.large_high;
  const request = await stopped("sales", "sale.order", "action_confirm", order, /Ana Approver/, /Manu Manager/);
  expect(request.risk_tier).toBe("high");

  expect((await decide("approver", "action_approve", request, "Budget checked")).status).toBe(200);
  expect(await requestState(request)).toBe("pending");
  expect((await call("sales", "sale.order", "action_confirm", { ids: [order] })).status).toBe(422);
  expect((await decide("manager", "action_approve", request, "Board agreed")).status).toBe(200);
  expect(await requestState(request)).toBe("approved");
  expect((await call("sales", "sale.order", "action_confirm", { ids: [order] })).status).toBe(200);
  expect(await stateOf("sales", "sale.order", order)).toBe("sale");
});

test("05 large quote, rejected: a rationale is required, the quote stays a draft, a new click asks again", async () => {
  const order = fixture.orders.large_rejected;
  const request = await stopped("sales", "sale.order", "action_confirm", order, /Ana Approver/);

  const bare = await decide("approver", "action_reject", request);
  expect(bare.status).toBe(422);
  expect(message(bare)).toMatch(/rationale is required/);
  expect((await decide("approver", "action_reject", request, "Customer credit on hold")).status).toBe(200);
  expect(await requestState(request)).toBe("rejected");
  expect(await stateOf("sales", "sale.order", order)).toBe("draft");

  const next = await stopped("sales", "sale.order", "action_confirm", order, /Ana Approver/);
  expect(next.id).not.toBe(request.id);
  expect(next.state).toBe("pending");
  expect(await stateOf("sales", "sale.order", order)).toBe("draft");
});

test("06 credit note: finance approves, the billing clerk posts it", async () => {
  const move = fixture.credit_note;
  const request = await stopped("billing", "account.move", "action_post", move, /Fin Finance/);
  expect(request).toMatchObject({ risk_tier: "medium", policy_family_id: [fixture.families.credit_note, expect.any(String)] });
  expect(await stateOf("billing", "account.move", move)).toBe("draft");

  const early = await decide("billing", "action_approve", request);
  expect(early.status).toBe(403);
  expect((await decide("finance", "action_approve", request)).status).toBe(200);
  expect((await call("billing", "account.move", "action_post", { ids: [move] })).status).toBe(200);
  expect(await stateOf("billing", "account.move", move)).toBe("posted");
});
