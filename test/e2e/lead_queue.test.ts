/**
 * The team queue's assigner run twice at the same moment, over JSON-2, against a LIVE Odoo (two
 * workers). scripts/ci/test.sh runs test/e2e/odoo/lead_queue_fixture.py first and sets:
 *   OPS_E2E_URL, OPS_E2E_DB   the live Odoo and its database
 *   OPS_E2E_FIXTURE_DIR       where the fixture wrote lead_queue.json
 * Forty leads wait in the "E2E Queue" team; its members come back and two managers press "Assign
 * queued leads now" together. Each assigner locks the queued leads with SKIP LOCKED, so every lead
 * ends with exactly one owner, one follow-up activity and one "assigned" note. A salesperson may
 * not run the assigner. Missing variables fail the suite; it never skips.
 */
import { json2Call as call, loadFixture } from "./support/json2";

interface Fixture {
  keys: { manager_1: string; manager_2: string; seller: string };
  team_id: number;
  member_ids: number[];
  seller_ids: number[];
  lead_ids: number[];
}

const ASSIGNED = /^(\d+) queued leads assigned, (\d+) still waiting\.$/;
let fixture: Fixture;

beforeAll(() => {
  fixture = loadFixture<Fixture>("lead_queue");
});

async function searchRead<T>(model: string, domain: unknown[], fields: string[]): Promise<T[]> {
  const reply = await call(fixture.keys.manager_1, model, "search_read", { domain, fields });
  expect(reply.status).toBe(200);
  return reply.json as T[];
}

test("01 a salesperson cannot run the team's assigner", async () => {
  const reply = await call(fixture.keys.seller, "crm.team", "action_ops_assign_queue", { ids: [fixture.team_id] });
  expect(reply.status).toBe(403);
  expect((reply.json as { message: string }).message).toMatch(/Only sales managers and Ops managers/);
  const leads = await searchRead<{ id: number; ops_routing_state: string }>(
    "crm.lead",
    [["id", "in", fixture.lead_ids]],
    ["ops_routing_state"],
  );
  expect(leads.every((lead) => lead.ops_routing_state === "queued")).toBe(true);
});

test("02 two assigners at once: every queued lead gets exactly one owner, one activity and one note", async () => {
  expect(fixture.lead_ids).toHaveLength(40);
  const back = await call(fixture.keys.manager_1, "crm.team.member", "write", {
    ids: fixture.member_ids,
    vals: { assignment_optout: false },
  });
  expect(back.status).toBe(200);

  const replies = await Promise.all([
    call(fixture.keys.manager_1, "crm.team", "action_ops_assign_queue", { ids: [fixture.team_id] }),
    call(fixture.keys.manager_2, "crm.team", "action_ops_assign_queue", { ids: [fixture.team_id] }),
  ]);
  expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
  const counts = replies.map((reply) => {
    const { message } = (reply.json as { params: { message: string } }).params;
    const match = ASSIGNED.exec(message);
    expect(match).not.toBeNull();
    return Number((match as RegExpExecArray)[1]);
  });
  // one assigner took every lead: the other found them locked or already assigned
  expect(counts.reduce((sum, count) => sum + count, 0)).toBe(40);

  const leads = await searchRead<{ id: number; user_id: [number, string] | false; ops_routing_state: string }>(
    "crm.lead",
    [["id", "in", fixture.lead_ids]],
    ["user_id", "ops_routing_state"],
  );
  expect(leads).toHaveLength(40);
  for (const lead of leads) {
    expect(lead.ops_routing_state).toBe("assigned");
    expect(lead.user_id && fixture.seller_ids.includes(lead.user_id[0])).toBe(true);
  }
  const owners = new Map(leads.map((lead) => [lead.id, (lead.user_id as [number, string])[0]]));

  const activities = await searchRead<{ res_id: number; user_id: [number, string] }>(
    "mail.activity",
    [
      ["res_model", "=", "crm.lead"],
      ["res_id", "in", fixture.lead_ids],
    ],
    ["res_id", "user_id"],
  );
  expect(activities).toHaveLength(40);
  expect(new Set(activities.map((activity) => activity.res_id)).size).toBe(40);
  for (const activity of activities) {
    expect(activity.user_id[0]).toBe(owners.get(activity.res_id));
  }

  const notes = await searchRead<{ res_id: number }>(
    "mail.message",
    [
      ["model", "=", "crm.lead"],
      ["res_id", "in", fixture.lead_ids],
      ["body", "ilike", "from the E2E Queue queue"],
    ],
    ["res_id"],
  );
  expect(notes).toHaveLength(40);
  expect(new Set(notes.map((note) => note.res_id)).size).toBe(40);
});
