/**
 * The doctor's checks as pure functions (sync_bridge/src/doctor_checks.ts), and the self-check's
 * schema they read.
 */
import {
  addonFailure,
  apiKeyResult,
  credentialsFailure,
  evaluateSelfCheck,
  skippedAfter,
  unreachableFailure,
  versionResult,
} from "../../sync_bridge/src/doctor_checks";
import { FatalOdooError, OdooAuthError, OdooNotFoundError, OdooUnreachableError } from "../../sync_bridge/src/errors";
import { selfCheckSchema, type SelfCheck } from "../../sync_bridge/src/gateway";

const CONFIG = { url: "http://127.0.0.1:8069", db: "ops_harmony", login: "ops_bridge" };
const ALL = { read: true, create: true, write: true, unlink: false };
const READ_CREATE = { read: true, create: true, write: false, unlink: false };

/** The contract's example payload of res.users.ops_bridge_self_check(). */
const PAYLOAD = {
  user: { id: 7, login: "ops_bridge", name: "Ops Bridge" },
  addon_version: "19.0.1.0.0",
  is_integration_user: true,
  is_admin: false,
  access: {
    "crm.lead": ALL,
    "res.partner": ALL,
    "utm.source": READ_CREATE,
    "utm.medium": READ_CREATE,
    "utm.campaign": READ_CREATE,
  },
  required: {
    "crm.lead": ["read", "create", "write"],
    "res.partner": ["read", "create", "write"],
    "utm.source": ["read", "create"],
    "utm.medium": ["read", "create"],
    "utm.campaign": ["read", "create"],
  },
  api_key: {
    name: "ops-bridge",
    scope: "rpc",
    expiration_date: "2025-08-31 12:00:00",
    identified_by: "request",
    keys: 1,
  },
};
/** The moment the doctor runs in these tests: 90 days before the contract key expires. */
const NOW = new Date("2025-06-02T12:00:00Z");

const parse = (payload: unknown): SelfCheck => selfCheckSchema.parse(payload);

describe("selfCheckSchema", () => {
  it("accepts the contract's payload and reads addon_version false as null", () => {
    expect(parse(PAYLOAD).user.login).toBe("ops_bridge");
    expect(parse({ ...PAYLOAD, addon_version: false }).addon_version).toBeNull();
  });

  it("rejects a payload without the access map", () => {
    expect(selfCheckSchema.safeParse({ ...PAYLOAD, access: undefined }).success).toBe(false);
  });
});

describe("evaluateSelfCheck", () => {
  it("passes group, least privilege and every required right for the contract's payload", () => {
    const results = evaluateSelfCheck("json2", parse(PAYLOAD), NOW);
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ["integration group", "pass"],
      ["least privilege", "pass"],
      ["api key", "pass"],
      ["rights crm.lead", "pass"],
      ["rights res.partner", "pass"],
      ["rights utm.source", "pass"],
      ["rights utm.medium", "pass"],
      ["rights utm.campaign", "pass"],
    ]);
    expect(results[2]?.detail).toBe('key "ops-bridge": scope rpc, expires on 2025-08-31 12:00 UTC, in 90 days');
    expect(results[3]?.detail).toBe("read, create, write");
  });

  it("fails an administrator outside the integration group, with fixes", () => {
    const results = evaluateSelfCheck("legacy", parse({ ...PAYLOAD, is_admin: true, is_integration_user: false }), NOW);
    const group = results.find((r) => r.id === "group");
    const admin = results.find((r) => r.id === "admin");
    expect(group).toMatchObject({ status: "fail", detail: '"ops_bridge" is not in the Ops Integration group' });
    expect(group?.fix).toContain('"Ops Integration"');
    expect(admin?.status).toBe("fail");
    expect(admin?.fix).toContain("npm run bridge:key");
  });

  it("names the missing rights, including models only the bridge requires", () => {
    const payload = {
      ...PAYLOAD,
      access: { ...PAYLOAD.access, "crm.lead": READ_CREATE, "utm.medium": undefined },
      required: { "crm.lead": ["read", "create", "write"] },
    };
    const results = evaluateSelfCheck("json2", parse(JSON.parse(JSON.stringify(payload))), NOW);
    const lead = results.find((r) => r.id === "rights:crm.lead");
    expect(lead).toMatchObject({ status: "fail", detail: "missing write (needs read, create, write)" });
    expect(lead?.fix).toContain("grant write on crm.lead");
    expect(results.find((r) => r.id === "rights:utm.medium")?.detail).toBe("missing read, create (needs read, create)");
  });
});

describe("apiKeyResult", () => {
  const key = (overrides: Record<string, unknown>): SelfCheck["api_key"] =>
    parse({ ...PAYLOAD, api_key: { ...PAYLOAD.api_key, ...overrides } }).api_key;

  it("reads the key's expiry as a UTC date and false as null", () => {
    expect(key({})?.expiration_date).toEqual(new Date("2025-08-31T12:00:00Z"));
    expect(key({ expiration_date: false, scope: false })).toMatchObject({ expiration_date: null, scope: null });
    expect(selfCheckSchema.safeParse({ ...PAYLOAD, api_key: { ...PAYLOAD.api_key, expiration_date: "tomorrow" } }).success).toBe(
      false,
    );
  });

  it("warns, with the rotation fix, when the key expires within 14 days, and passes at 14", () => {
    const soon = apiKeyResult("json2", key({ expiration_date: "2025-06-16 11:59:00" }), NOW);
    expect(soon).toMatchObject({
      status: "warn",
      detail: 'key "ops-bridge" (scope rpc) expires on 2025-06-16 11:59 UTC, in 14 days',
    });
    expect(soon.fix).toContain("npm run bridge:key");
    expect(apiKeyResult("json2", key({ expiration_date: "2025-06-16 12:00:00" }), NOW).status).toBe("pass");
    expect(apiKeyResult("json2", key({ expiration_date: "2025-06-03 13:00:00" }), NOW).detail).toContain(", in 1 day");
    expect(apiKeyResult("json2", key({ expiration_date: "2025-06-02 18:00:00" }), NOW).detail).toContain(", within a day");
  });

  it("warns about a key without scope or expiry, and about signing in without a key", () => {
    expect(apiKeyResult("json2", key({ scope: false }), NOW)).toMatchObject({
      status: "warn",
      detail: 'key "ops-bridge" has no scope: it works for every use of the account',
    });
    expect(apiKeyResult("json2", key({ expiration_date: false }), NOW).detail).toBe('key "ops-bridge" (scope rpc) never expires');
    expect(apiKeyResult("legacy", parse({ ...PAYLOAD, api_key: false }).api_key, NOW)).toMatchObject({
      status: "warn",
      detail: "the bridge signs in without an API key",
    });
    const older = parse({ ...PAYLOAD, api_key: undefined });
    expect(apiKeyResult("json2", older.api_key, NOW).detail).toContain("does not report");
  });

  it("says which key it read when the transport hides the one in use", () => {
    expect(apiKeyResult("legacy", key({ identified_by: "user" }), NOW).detail).toContain("(the user's only key)");
    expect(apiKeyResult("legacy", key({ identified_by: "user", keys: 3 }), NOW).detail).toContain(
      "(the first to expire of the user's 3 keys)",
    );
  });
});

describe("failures and their fixes", () => {
  it("points an unreachable Odoo to npm start and ODOO_URL", () => {
    const result = unreachableFailure("json2", new OdooUnreachableError("cannot connect"), CONFIG);
    expect(result).toMatchObject({ status: "fail", name: "reachable", detail: "cannot connect" });
    expect(result.fix).toMatch(/npm start.*ODOO_URL/);
  });

  it("accepts 19.x and rejects other majors", () => {
    expect(versionResult("json2", "19.0", 19).status).toBe("pass");
    expect(versionResult("json2", "18.0", 18)).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("needs Odoo 19.x"),
    });
  });

  it("sends a refused key to npm run bridge:key, on both transports", () => {
    const json2 = credentialsFailure("json2", new OdooAuthError("refused"), CONFIG);
    const legacy = credentialsFailure("legacy", new OdooAuthError("refused"), CONFIG);
    expect(json2.fix).toContain("create a key with `npm run bridge:key`");
    expect(json2.fix).toContain("ODOO_API_KEY");
    expect(legacy.fix).toContain("create a key with `npm run bridge:key`");
    expect(legacy.fix).toContain('ODOO_LOGIN to its user (now "ops_bridge")');
  });

  it("asks for an existing database when the database is unknown", () => {
    const result = credentialsFailure("json2", new OdooNotFoundError("database", 'database "x" not found'), CONFIG);
    expect(result.fix).toContain("set ODOO_DB");
  });

  it("asks to install the addon when the self-check method is missing", () => {
    const result = addonFailure("legacy", new OdooNotFoundError("method", "method does not exist"), CONFIG);
    expect(result.detail).toContain('addon_ops_harmony is not installed in database "ops_harmony"');
    expect(result.fix).toContain("install addon_ops_harmony");
  });

  it("gives a generic fix for other errors", () => {
    expect(addonFailure("json2", new FatalOdooError("boom"), CONFIG).fix).toContain("Odoo server log");
  });
});

describe("skippedAfter", () => {
  it("lists every later check, the rights of each required model last", () => {
    const names = skippedAfter("json2", "addon").map((result) => result.name);
    expect(names).toEqual([
      "integration group",
      "least privilege",
      "api key",
      "rights crm.lead",
      "rights res.partner",
      "rights utm.source",
      "rights utm.medium",
      "rights utm.campaign",
    ]);
  });
});
