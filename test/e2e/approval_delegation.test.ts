/**
 * The forged delegation of the issue, replayed over JSON-2 against a LIVE Odoo (two workers).
 * scripts/ci/test.sh runs test/e2e/odoo/approval_delegation_fixture.py first and sets:
 *   OPS_E2E_URL, OPS_E2E_DB   the live Odoo and its database
 *   OPS_E2E_FIXTURE_DIR       where the fixture wrote approval_delegation.json
 * Mallory, a plain Ops User, tries to stand in for the admin: by creating the admin's delegation,
 * then by rewriting her own into it. Both fail, and she cannot approve the admin's request.
 * Missing variables fail the suite; it never skips.
 */
import { json2Call as call, loadFixture } from "./support/json2";

interface Fixture {
  keys: { mallory: string; manager: string };
  users: { admin: number; mallory: number; friend: number };
  request_id: number;
}

let fixture: Fixture;

beforeAll(() => {
  fixture = loadFixture<Fixture>("approval_delegation");
});

/** A window around now, as Odoo's UTC "YYYY-MM-DD HH:MM:SS" strings. */
function window(): { date_from: string; date_to: string } {
  const format = (date: Date): string => date.toISOString().slice(0, 19).replace("T", " ");
  const now = Date.now();
  return { date_from: format(new Date(now - 3600_000)), date_to: format(new Date(now + 2 * 86400_000)) };
}

test("01 a plain Ops User cannot create, or rewrite into, the admin's delegation, nor approve for the admin", async () => {
  const { keys, users } = fixture;
  const forged = await call(keys.mallory, "ops.approval.delegation", "create", {
    vals_list: [{ user_id: users.admin, delegate_id: users.mallory, ...window() }],
  });
  expect(forged.status).toBe(403);

  const own = await call(keys.mallory, "ops.approval.delegation", "create", {
    vals_list: [{ delegate_id: users.friend, ...window() }],
  });
  expect(own.status).toBe(200);
  const ids = own.json as number[];
  expect(ids).toHaveLength(1);

  const rewritten = await call(keys.mallory, "ops.approval.delegation", "write", {
    ids,
    vals: { user_id: users.admin, delegate_id: users.mallory },
  });
  expect(rewritten.status).toBe(403);
  expect((rewritten.json as { message: string }).message).toMatch(/your own absence/);

  const kept = await call(keys.manager, "ops.approval.delegation", "read", { ids, fields: ["user_id", "delegate_id"] });
  expect(kept.status).toBe(200);
  const [delegation] = kept.json as { user_id: [number, string]; delegate_id: [number, string] }[];
  expect([delegation.user_id[0], delegation.delegate_id[0]]).toEqual([users.mallory, users.friend]);
  const adminStandIns = await call(keys.manager, "ops.approval.delegation", "search_count", {
    domain: [
      ["user_id", "=", users.admin],
      ["delegate_id", "=", users.mallory],
    ],
  });
  expect(adminStandIns.json).toBe(0);

  const approved = await call(keys.mallory, "ops.approval.request", "action_approve", { ids: [fixture.request_id] });
  expect(approved.status).toBe(403);
  const request = await call(keys.manager, "ops.approval.request", "read", {
    ids: [fixture.request_id],
    fields: ["state", "decision_ids"],
  });
  expect(request.json).toEqual([{ id: fixture.request_id, state: "pending", decision_ids: [] }]);
});
