/**
 * `ops-bridge doctor` and the gateway against a LIVE Odoo 19 with addon_ops_harmony installed.
 * The test runner (scripts/ci/test.sh) starts Odoo, creates the bridge's key and sets:
 *   OPS_E2E_URL      e.g. http://127.0.0.1:8069
 *   OPS_E2E_DB       e.g. ops_harmony
 *   OPS_E2E_API_KEY  the key `npm run bridge:key` printed
 *   OPS_E2E_LOGIN    e.g. ops_bridge
 * Missing variables fail the suite; it never skips.
 */
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { parseConfig, type BridgeConfig } from "../../sync_bridge/src/config";
import { createGateway } from "../../sync_bridge/src/gateway";

const ROOT = resolve(__dirname, "..", "..");
const BIN = resolve(ROOT, "sync_bridge", "bin", "ops-bridge.js");
const TRANSPORTS = ["json2", "legacy"] as const;
const CHECKS = [
  "reachable",
  "server version",
  "credentials",
  "addon installed",
  "integration group",
  "least privilege",
  "api key",
  "rights crm.lead",
  "rights res.partner",
  "rights utm.source",
  "rights utm.medium",
  "rights utm.campaign",
];
const REQUIRED_ENV = ["OPS_E2E_URL", "OPS_E2E_DB", "OPS_E2E_API_KEY", "OPS_E2E_LOGIN"] as const;

let bridgeEnv: Record<string, string>;
let config: BridgeConfig;

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with the live Odoo's settings, overridden by `overrides`. */
function runBridge(args: string[], overrides: Record<string, string> = {}): Promise<RunResult> {
  // Only what the test sets: ODOO_* or OPS_BRIDGE_* from the caller's shell must not leak in.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("ODOO_") && !key.startsWith("OPS_BRIDGE_")),
  );
  const child = spawn(BIN, args, {
    cwd: ROOT,
    env: { ...inherited, ...bridgeEnv, ...overrides },
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  return new Promise((done, fail) => {
    child.on("error", fail);
    child.on("close", (code) =>
      done({ code, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") }),
    );
  });
}

/** A TCP port nothing listens on: bind an ephemeral one, then free it. */
function unusedPort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** The line after the one starting with `prefix`, which must be its fix line. */
function fixAfter(stdout: string, prefix: string): string | undefined {
  const lines = stdout.split("\n");
  const index = lines.findIndex((line) => line.startsWith(prefix));
  return index < 0 ? undefined : lines[index + 1];
}

beforeAll(() => {
  const missing = REQUIRED_ENV.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(
      `The bridge e2e suite needs a live Odoo: set ${missing.join(", ")} ` +
        "(scripts/ci/test.sh starts Odoo and sets them; see the header of test/e2e/bridge_doctor.test.ts).",
    );
  }
  bridgeEnv = {
    ODOO_URL: process.env.OPS_E2E_URL as string,
    ODOO_DB: process.env.OPS_E2E_DB as string,
    ODOO_API_KEY: process.env.OPS_E2E_API_KEY as string,
    ODOO_LOGIN: process.env.OPS_E2E_LOGIN as string,
    OPS_BRIDGE_TIMEOUT_MS: "30000",
  };
  config = parseConfig(bridgeEnv);
  // Test the CLI as shipped: the bundle the bin script runs, rebuilt from the current sources.
  execFileSync(process.execPath, [resolve(ROOT, "scripts", "build", "build_bridge.mjs")], { cwd: ROOT, stdio: "pipe" });
});

describe("ops-bridge doctor against a live Odoo", () => {
  it("passes every check through JSON-2 and legacy XML-RPC", async () => {
    const result = await runBridge(["doctor"]);
    expect({ code: result.code, stderr: result.stderr, stdout: result.stdout }).toMatchObject({ code: 0 });
    expect(result.stdout).not.toContain("✗");
    for (const transport of TRANSPORTS) {
      for (const check of CHECKS) {
        expect(result.stdout).toContain(`✓ [${transport}] ${check}: `);
      }
    }
    // JSON-2 runs first.
    expect(result.stdout.indexOf("[json2]")).toBeLessThan(result.stdout.indexOf("[legacy]"));
    // The key `npm run bridge:key` made: RPC only, 90 days. JSON-2 shows the server the key in use.
    expect(result.stdout).toMatch(/^✓ \[json2\] api key: key "ops-bridge": scope rpc, expires on \S+ \S+ UTC, in 90 days$/m);
    expect(result.stdout).toMatch(/^✓ \[legacy\] api key: key "ops-bridge" \(the user's only key\): scope rpc, /m);
  });

  it("prints a passing JSON report for one transport with --json", async () => {
    const result = await runBridge(["doctor", "--transport", "json2", "--json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: true, exitCode: 0, transports: ["json2"], summary: { failed: 0, skipped: 0 } });
    expect(report.checks).toHaveLength(CHECKS.length);
    expect(result.stdout).not.toContain(bridgeEnv.ODOO_API_KEY);
  });

  it("fails credentials with the bridge:key hint when the API key is wrong, on both transports", async () => {
    const result = await runBridge(["doctor"], { ODOO_API_KEY: `wrong-${Date.now()}` });
    expect({ code: result.code, stdout: result.stdout }).toMatchObject({ code: 1 });
    for (const transport of TRANSPORTS) {
      expect(result.stdout).toContain(`✓ [${transport}] reachable: `);
      expect(result.stdout).toContain(`✗ [${transport}] credentials: `);
      expect(fixAfter(result.stdout, `✗ [${transport}] credentials: `)).toContain(
        "→ fix: create a key with `npm run bridge:key`",
      );
      expect(result.stdout).toContain(`✗ [${transport}] addon installed: skipped because "credentials" failed`);
    }
  });

  it("fails reachable with a hint when nothing listens at ODOO_URL", async () => {
    const url = `http://127.0.0.1:${await unusedPort()}`;
    const result = await runBridge(["doctor"], { ODOO_URL: url });
    expect({ code: result.code, stdout: result.stdout }).toMatchObject({ code: 1 });
    for (const transport of TRANSPORTS) {
      expect(result.stdout).toContain(`✗ [${transport}] reachable: cannot connect to ${url}`);
      expect(fixAfter(result.stdout, `✗ [${transport}] reachable: `)).toContain("→ fix: start Odoo with `npm start`");
    }
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/^\s+at /m); // no stack trace
  });
});

describe("the gateway against a live Odoo", () => {
  it("counts crm.lead the same through both transports", async () => {
    const [json2, legacy] = await Promise.all(
      TRANSPORTS.map((transport) => createGateway(config, transport).searchCount("crm.lead", [])),
    );
    expect(typeof json2).toBe("number");
    expect(json2).toBeGreaterThanOrEqual(0);
    expect(legacy).toBe(json2);
  });

  it("converts dates and reads the same records through both transports", async () => {
    const domain = [["create_date", "<=", new Date()]] as const;
    const fields = { name: "char", partner_id: "many2one", create_date: "datetime" } as const;
    const [json2, legacy] = await Promise.all(
      TRANSPORTS.map((transport) =>
        createGateway(config, transport).searchRead("crm.lead", domain, fields, { limit: 5, order: "id" }),
      ),
    );
    expect(legacy).toEqual(json2);
    for (const lead of json2) {
      expect(lead.create_date).toBeInstanceOf(Date);
      expect(lead.partner_id === null || typeof lead.partner_id.id === "number").toBe(true);
    }
  });

  it("reports the addon's self-check the same way through both transports", async () => {
    const [json2, legacy] = await Promise.all(TRANSPORTS.map((transport) => createGateway(config, transport).selfCheck()));
    expect(json2.user.login).toBe(config.login);
    // the key in use is seen in a JSON-2 request; XML-RPC hides it, so the user's only key stands in
    expect(json2.api_key?.identified_by).toBe("request");
    expect(legacy).toEqual({ ...json2, api_key: { ...json2.api_key, identified_by: "user" } });
  });
});
