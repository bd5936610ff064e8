import {
  addonFailure,
  credentialsFailure,
  evaluateSelfCheck,
  unreachableFailure,
  versionResult,
} from "../../sync_bridge/src/doctor_checks";
import {
  FatalOdooError,
  OdooAuthError,
  OdooNotFoundError,
  OdooUnreachableError,
} from "../../sync_bridge/src/errors";
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
};

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
    const results = evaluateSelfCheck("json2", parse(PAYLOAD));
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ["integration group", "pass"],
      ["least privilege", "pass"],
      ["rights crm.lead", "pass"],
      ["rights res.partner", "pass"],
      ["rights utm.source", "pass"],
      ["rights utm.medium", "pass"],
      ["rights utm.campaign", "pass"],
    ]);
    expect(results[2]?.detail).toBe("read, create, write");
  });

  it("fails an administrator outside the integration group, with fixes", () => {
    const results = evaluateSelfCheck("legacy", parse({ ...PAYLOAD, is_admin: true, is_integration_user: false }));
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
    const results = evaluateSelfCheck("json2", parse(JSON.parse(JSON.stringify(payload))));
    const lead = results.find((r) => r.id === "rights:crm.lead");
    expect(lead).toMatchObject({ status: "fail", detail: "missing write (needs read, create, write)" });
    expect(lead?.fix).toContain("grant write on crm.lead");
    expect(results.find((r) => r.id === "rights:utm.medium")?.detail).toBe("missing read, create (needs read, create)");
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
    expect(versionResult("json2", "18.0", 18)).toMatchObject({ status: "fail", detail: expect.stringContaining("needs Odoo 19.x") });
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
