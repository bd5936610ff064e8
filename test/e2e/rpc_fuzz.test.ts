/**
 * Junk over JSON-2 against a LIVE Odoo (two workers): every answer is a success or a categorised
 * 4xx error, never a 500. scripts/ci/test.sh runs test/e2e/odoo/rpc_fuzz_fixture.py first and sets:
 *   OPS_E2E_URL, OPS_E2E_DB   the live Odoo and its database
 *   OPS_E2E_FIXTURE_DIR       where the fixture wrote rpc_fuzz.json (API keys of a plain Ops User
 *                             and of a bridge user, a campaign, a lead and a touchpoint)
 * The junk comes from a seeded generator: a failure names its call and replays exactly.
 * The Odoo suite tests/core/test_rpc_fuzz.py covers every public method of the addon; this one aims the
 * same junk at the calls users and the bridge make most, on the server they really hit.
 */
import { seededRandom } from "../bridge/fixtures/vendor";
import { json2Call, loadFixture } from "./support/json2";

interface Fixture {
  keys: { ops_user: string; bridge: string };
  campaign_id: number;
  lead_id: number;
  touchpoint_id: number;
}

interface Reply {
  status: number;
  json: { name?: string; message?: string } & Record<string, unknown>;
}

const SEED = 20250601;
const JUNK: unknown[] = [
  0,
  -1,
  7,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 63,
  1.5,
  -1e300,
  true,
  false,
  null,
  "",
  "junk",
  "2025-13-45",
  "nul\u0000byte",
  "x".repeat(100_000),
  [],
  [1, "a", null],
  [[0, 0, { name: 5 }]],
  {},
  { a: { b: [1, { c: null }] } },
];
let fixture: Fixture;

beforeAll(() => {
  fixture = loadFixture<Fixture>("rpc_fuzz");
});

async function call(key: string, model: string, method: string, body: Record<string, unknown>): Promise<Reply> {
  const reply = await json2Call(key, model, method, body);
  return { status: reply.status, json: reply.json as Reply["json"] };
}

function sample(random: () => number, count: number): unknown[] {
  const pool = [...JUNK];
  const picked: unknown[] = [];
  while (picked.length < count && pool.length) {
    picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  }
  return picked;
}

function describeCall(model: string, method: string, body: Record<string, unknown>): string {
  const text = JSON.stringify(body);
  return `${model}.${method}(${text.length > 160 ? `${text.slice(0, 160)}… (${text.length} characters)` : text})`;
}

test("01 junk in the public calls never answers a server error", async () => {
  const random = seededRandom(SEED);
  const { keys } = fixture;
  const calls: [string, string, string, Record<string, unknown>][] = [];
  const leadFields = [
    "phone",
    "email_from",
    "ops_country_input",
    "ops_industry_input",
    "ops_utm_source_input",
    "contact_name",
    "ops_employee_count",
    "ops_industry_id",
    "ops_lifecycle_stage",
  ];
  for (const field of leadFields) {
    for (const junk of sample(random, 4)) {
      calls.push([keys.bridge, "crm.lead", "create", { vals_list: [{ name: "E2E fuzz", [field]: junk }] }]);
      calls.push([keys.ops_user, "crm.lead", "write", { ids: [fixture.lead_id], vals: { [field]: junk } }]);
    }
  }
  for (const field of ["event_type", "event_time", "lead_id", "campaign_id", "page_url", "external_id"]) {
    for (const junk of sample(random, 4)) {
      calls.push([keys.ops_user, "ops.touchpoint", "create", { vals_list: [{ [field]: junk }] }]);
      calls.push([keys.bridge, "ops.touchpoint", "write", { ids: [fixture.touchpoint_id], vals: { [field]: junk } }]);
    }
  }
  for (const junk of sample(random, 10)) {
    const record = { external_id: "fz1", values: { name: "E2E fuzz company" } };
    calls.push([
      keys.bridge,
      "ops.sync.gateway",
      "ingest",
      { source: "e2e_fuzz", stream: "companies", records: [record], mapping_version: junk },
    ]);
    calls.push([keys.bridge, "ops.sync.gateway", "ingest", { source: "e2e_fuzz", stream: "companies", records: [record, junk] }]);
    calls.push([
      keys.bridge,
      "ops.sync.gateway",
      "ingest",
      { source: "e2e_fuzz", stream: "companies", records: [{ external_id: "fz2", values: { name: junk } }] },
    ]);
    calls.push([
      keys.bridge,
      "ops.sync.gateway",
      "check_unchanged",
      { source: "e2e_fuzz", stream: "companies", records: [junk, { external_id: junk, hash: junk }] },
    ]);
    calls.push([
      keys.bridge,
      "ops.sync.gateway",
      "check_unchanged",
      { source: "e2e_fuzz", stream: "companies", records: junk, mapping_version: junk },
    ]);
    calls.push([
      keys.ops_user,
      "ops.sync.gateway",
      "check_unchanged",
      { source: "e2e_fuzz", stream: "companies", records: [{ external_id: "fz1", hash: junk }] },
    ]);
    calls.push([keys.bridge, "ops.campaign.spend", "ops_import_spend", { vals_list: junk }]);
    calls.push([
      keys.bridge,
      "ops.campaign.spend",
      "ops_import_spend",
      { vals_list: [{ campaign_id: fixture.campaign_id, date: junk, amount: 1 }] },
    ]);
    calls.push([
      keys.bridge,
      "ops.campaign.spend",
      "ops_import_spend",
      { vals_list: [{ campaign_id: junk, date: "2025-06-01", clicks: junk }] },
    ]);
    calls.push([keys.ops_user, "ops.approval.request", "action_approve", { ids: [999_999_999], rationale: junk }]);
    calls.push([keys.ops_user, "ops.sync.gateway", "status", {}]);
  }
  const serverErrors: string[] = [];
  for (const [key, model, method, body] of calls) {
    const reply = await call(key, model, method, body);
    if (reply.status >= 500) {
      serverErrors.push(
        `${describeCall(model, method, body)} -> ${reply.status} ${reply.json.name}: ${String(reply.json.message).slice(0, 160)}`,
      );
    } else if (reply.status !== 200) {
      // a refusal names its category: an Odoo exception or werkzeug's own 4xx
      expect(reply.json.name).toMatch(/^(odoo\.exceptions|werkzeug\.exceptions)\./);
    }
  }
  expect(calls.length).toBeGreaterThan(150);
  expect(serverErrors).toEqual([]);
});

test("02 the issue's own cases: stored and flagged, or refused readably", async () => {
  const { keys } = fixture;
  const lead = await call(keys.bridge, "crm.lead", "create", {
    vals_list: [{ name: "E2E typed numbers", phone: 33612345678, email_from: 42, ops_country_input: 250 }],
  });
  expect(lead.status).toBe(200);
  const [leadId] = lead.json as unknown as number[];
  const read = await call(keys.bridge, "crm.lead", "read", {
    ids: [leadId],
    fields: ["phone", "email_from", "ops_country_input", "ops_data_quality"],
  });
  const [values] = read.json as unknown as {
    phone: string;
    email_from: string;
    ops_country_input: string;
    ops_data_quality: string;
  }[];
  expect([values.phone, values.email_from, values.ops_country_input]).toEqual(["33612345678", "42", "250"]);
  expect(values.ops_data_quality).toContain("Phone was sent as a number, not text");

  const version = await call(keys.bridge, "ops.sync.gateway", "ingest", {
    source: "e2e_fuzz",
    stream: "companies",
    records: [{ external_id: "mv", values: { name: "E2E mapping version" } }],
    mapping_version: 2 ** 31,
  });
  expect(version.status).toBe(422);
  expect(version.json.message).toContain("mapping_version must be a whole number from 1 to 2147483647");

  for (const junk of [{}, "rows"]) {
    const spend = await call(keys.bridge, "ops.campaign.spend", "ops_import_spend", { vals_list: junk });
    expect(spend.status).toBe(422);
    expect(spend.json.name).toBe("odoo.exceptions.ValidationError");
  }
  const rows = await call(keys.bridge, "ops.campaign.spend", "ops_import_spend", {
    vals_list: [
      { campaign_id: fixture.campaign_id, date: "2025-02-30" },
      { campaign_id: fixture.campaign_id, date: "2025-02-28", amount: 5 },
    ],
  });
  expect(rows.status).toBe(200);
  const results = rows.json.results as { status: string; reason: string | false }[];
  expect(results.map((result) => result.status)).toEqual(["rejected", expect.stringMatching(/^(created|updated)$/)]);
  expect(results[0]?.reason).toContain('row 0: the field "date" is not a YYYY-MM-DD date');
});
