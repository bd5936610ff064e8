/**
 * The Odoo settings (sync_bridge/src/config.ts): environment variables, the env file, their
 * validation.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigValidationError, loadConfig, parseConfig, parseEnvFile } from "../../sync_bridge/src/config";

const GOOD_ENV = {
  ODOO_URL: "http://127.0.0.1:8069/",
  ODOO_DB: "ops_harmony",
  ODOO_API_KEY: "0123456789abcdef",
};

function configError(env: Record<string, string | undefined>): ConfigValidationError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error("expected parseConfig to throw ConfigValidationError");
}

describe("parseConfig", () => {
  it("accepts a good environment and applies the defaults", () => {
    expect(parseConfig(GOOD_ENV)).toEqual({
      url: "http://127.0.0.1:8069",
      db: "ops_harmony",
      apiKey: "0123456789abcdef",
      login: "ops_bridge",
      transport: "json2",
      timeoutMs: 10000,
    });
  });

  it("reads the optional variables", () => {
    const config = parseConfig({
      ...GOOD_ENV,
      ODOO_LOGIN: "svc_sync",
      ODOO_TRANSPORT: "legacy",
      OPS_BRIDGE_TIMEOUT_MS: "2500",
    });
    expect(config).toMatchObject({ login: "svc_sync", transport: "legacy", timeoutMs: 2500 });
  });

  it("reports a missing ODOO_URL with zod's prettified message and what to set", () => {
    const error = configError({ ODOO_DB: "ops_harmony", ODOO_API_KEY: "k" });
    expect(error.message).toContain("✖ is not set\n  → at ODOO_URL");
    expect(error.hint).toContain("ODOO_URL=http://127.0.0.1:8069");
    expect(error.hint).not.toContain("ODOO_DB=");
  });

  it("treats an empty value as unset", () => {
    const error = configError({ ...GOOD_ENV, ODOO_API_KEY: "  " });
    expect(error.message).toContain("→ at ODOO_API_KEY");
    expect(error.hint).toContain("npm run bridge:key");
  });

  it("rejects an unknown transport, naming the allowed ones", () => {
    const error = configError({ ...GOOD_ENV, ODOO_TRANSPORT: "soap" });
    expect(error.message).toContain('✖ must be "json2" or "legacy"\n  → at ODOO_TRANSPORT');
    expect(error.hint).toContain("ODOO_TRANSPORT=json2");
  });

  it("rejects a URL that is not http(s) and a timeout that is not a number", () => {
    const error = configError({ ...GOOD_ENV, ODOO_URL: "ftp://odoo", OPS_BRIDGE_TIMEOUT_MS: "soon" });
    expect(error.message).toContain("must be an http:// or https:// URL\n  → at ODOO_URL");
    expect(error.message).toContain("must be a number of milliseconds\n  → at OPS_BRIDGE_TIMEOUT_MS");
  });
});

describe("parseEnvFile", () => {
  it("parses KEY=VALUE lines, skipping comments and blanks, and unquotes values", () => {
    const text = ["# Ops Bridge", "", "ODOO_URL=http://odoo:8069", 'export ODOO_DB="ops harmony"', "ODOO_API_KEY='a=b'"].join(
      "\n",
    );
    expect(parseEnvFile(text)).toEqual({ ODOO_URL: "http://odoo:8069", ODOO_DB: "ops harmony", ODOO_API_KEY: "a=b" });
  });

  it("names the line that is not KEY=VALUE", () => {
    expect(() => parseEnvFile("ODOO_URL=x\nnot a pair", ".env")).toThrow(/\.env:2: expected KEY=VALUE/);
  });
});

describe("loadConfig", () => {
  const dir = mkdtempSync(join(tmpdir(), "ops-bridge-config-"));

  it("completes the environment from --env-file; the environment wins", () => {
    const file = join(dir, "bridge.env");
    writeFileSync(file, "ODOO_URL=http://from-file:8069\nODOO_DB=file_db\nODOO_API_KEY=file_key\n");
    const config = loadConfig({ env: { ODOO_DB: "env_db" }, envFile: file });
    expect(config).toMatchObject({ url: "http://from-file:8069", db: "env_db", apiKey: "file_key" });
  });

  it("fails with ConfigValidationError when the env file is missing", () => {
    expect(() => loadConfig({ env: GOOD_ENV, envFile: join(dir, "missing.env") })).toThrow(ConfigValidationError);
  });
});
