/**
 * The escalation of the issue, replayed over JSON-2 against a LIVE Odoo (two workers).
 * scripts/ci/test.sh runs test/e2e/odoo/sync_privilege_fixture.py first and sets:
 *   OPS_E2E_URL, OPS_E2E_DB   the live Odoo and its database
 *   OPS_E2E_FIXTURE_DIR       where the fixture wrote sync_privilege.json
 *   OPS_E2E_API_KEY           the bridge's key, made by `npm run bridge:key`
 * An Ops Manager who is not an administrator points a sync binding at res.users and its conflict
 * at group_ids, then accepts the conflict: every step is refused or harmless, and they never
 * become an administrator. The bridge's own key reads no one else's login and no messages.
 * Missing variables fail the suite; it never skips.
 */
import { json2Call as call, loadFixture, type Reply } from "./support/json2";

interface Fixture {
  key: string;
  manager_id: number;
  conflict_id: number;
  binding_id: number;
  partner_id: number;
  system_group_id: number;
}

let fixture: Fixture;

beforeAll(() => {
  fixture = loadFixture<Fixture>("sync_privilege", ["OPS_E2E_API_KEY"]);
});

const asManager = (model: string, method: string, body: Record<string, unknown>): Promise<Reply> =>
  call(fixture.key, model, method, body);

test("01 an Ops Manager cannot turn a sync conflict into administrator rights", async () => {
  const binding = await asManager("ops.sync.binding", "write", {
    ids: [fixture.binding_id],
    vals: { res_model: "res.users", res_id: fixture.manager_id },
  });
  expect(binding.status).toBe(403);
  expect((binding.json as { name: string }).name).toBe("odoo.exceptions.AccessError");

  const conflict = await asManager("ops.sync.conflict", "write", {
    ids: [fixture.conflict_id],
    vals: { field_name: "group_ids", incoming_raw: { value: [[4, fixture.system_group_id]] } },
  });
  expect(conflict.status).toBe(403);

  const forged = await asManager("ops.sync.conflict", "create", {
    vals_list: [
      { binding_id: fixture.binding_id, field_name: "group_ids", incoming_raw: { value: [[4, fixture.system_group_id]] } },
    ],
  });
  expect(forged.status).toBe(403);

  const read = await asManager("ops.sync.conflict", "read", {
    ids: [fixture.conflict_id],
    fields: ["field_name", "res_model", "state"],
  });
  expect(read.status).toBe(200);
  expect(read.json).toEqual([{ id: fixture.conflict_id, field_name: "name", res_model: "res.partner", state: "open" }]);

  // what is left to accept is the genuine conflict, written as the manager on the contact
  const accepted = await asManager("ops.sync.conflict", "action_accept", { ids: [fixture.conflict_id] });
  expect(accepted.status).toBe(200);
  const partner = await asManager("res.partner", "read", { ids: [fixture.partner_id], fields: ["name", "write_uid"] });
  expect(partner.json).toEqual([
    { id: fixture.partner_id, name: "Privilege Co (from the source)", write_uid: [fixture.manager_id, expect.any(String)] },
  ]);

  const admin = await asManager("res.users", "has_group", { ids: [fixture.manager_id], group_ext_id: "base.group_system" });
  expect(admin).toEqual({ status: 200, json: false });
});

test("02 nobody deletes or rewrites the sync's records over JSON-2", async () => {
  for (const [model, id] of [
    ["ops.sync.binding", fixture.binding_id],
    ["ops.sync.conflict", fixture.conflict_id],
  ] as const) {
    expect((await asManager(model, "unlink", { ids: [id] })).status).toBe(403);
  }
  const binding = await asManager("ops.sync.binding", "read", { ids: [fixture.binding_id], fields: ["res_model", "res_id"] });
  expect(binding.json).toEqual([{ id: fixture.binding_id, res_model: "res.partner", res_id: fixture.partner_id }]);
});

test("03 the bridge's key reads its own login only, and no messages", async () => {
  const bridgeKey = process.env.OPS_E2E_API_KEY as string;
  const users = await call(bridgeKey, "res.users", "search_read", { domain: [], fields: ["login"] });
  expect(users.status).toBe(200);
  expect((users.json as { login: string }[]).map((user) => user.login)).toEqual(["ops_bridge"]);
  const messages = await call(bridgeKey, "mail.message", "search_read", { domain: [], fields: ["body"], limit: 5 });
  expect(messages).toEqual({ status: 200, json: [] });
  const manager = await call(bridgeKey, "res.users", "read", { ids: [fixture.manager_id], fields: ["login"] });
  expect(manager.status).toBe(403);
});
