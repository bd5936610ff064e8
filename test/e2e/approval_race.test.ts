/**
 * Two approvers approve the same requests at the same moment, over JSON-2, against a LIVE Odoo.
 * scripts/ci/test.sh runs test/e2e/odoo/approval_race_fixture.py first and sets:
 *   OPS_E2E_URL, OPS_E2E_DB         the live Odoo and its database
 *   OPS_E2E_APPROVAL_FIXTURE        the fixture's JSON: the approvers' API keys and the request ids
 * Each request needs one approval: exactly one call wins, the other gets a clear error, and the
 * request records one decision. Missing variables fail the suite; it never skips.
 */
import { readFileSync } from "node:fs";

interface Fixture {
  keys: Record<string, string>;
  request_ids: number[];
}

const REQUIRED_ENV = ["OPS_E2E_URL", "OPS_E2E_DB", "OPS_E2E_APPROVAL_FIXTURE"] as const;
let fixture: Fixture;

beforeAll(() => {
  const missing = REQUIRED_ENV.filter((name) => !process.env[name]);
  if (missing.length) {
    throw new Error(`missing ${missing.join(", ")}: run this suite through npm test (scripts/ci/test.sh)`);
  }
  fixture = JSON.parse(readFileSync(process.env.OPS_E2E_APPROVAL_FIXTURE as string, "utf8")) as Fixture;
});

async function call(key: string, method: string, body: Record<string, unknown>): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${process.env.OPS_E2E_URL}/json/2/ops.approval.request/${method}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `bearer ${key}`,
      "X-Odoo-Database": process.env.OPS_E2E_DB as string,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

test("01 two approvers approving at once: one wins, the other is told who decided", async () => {
  const [firstKey, secondKey] = Object.values(fixture.keys);
  expect(fixture.request_ids).toHaveLength(5);
  for (const requestId of fixture.request_ids) {
    const results = await Promise.all([
      call(firstKey, "action_approve", { ids: [requestId] }),
      call(secondKey, "action_approve", { ids: [requestId] }),
    ]);
    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toEqual([200, 422]);
    const refused = results.find((result) => result.status === 422)?.json as { message: string };
    expect(refused.message).toMatch(/was already approved by Race (First|Second)/);

    const read = await call(firstKey, "read", { ids: [requestId], fields: ["state", "decision_ids"] });
    expect(read.status).toBe(200);
    const [request] = read.json as { state: string; decision_ids: number[] }[];
    expect(request.state).toBe("approved");
    expect(request.decision_ids).toHaveLength(1);
  }
});
