/**
 * The live Odoo the end-to-end suite runs against (started by scripts/ci/test.sh), the bridge's
 * settings for it, an administrator's gateway for reference data the bridge may not create
 * (products, stage maps), and a way to run the built CLI as a separate process.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseConfig, type BridgeConfig, type TransportName } from "../../../sync_bridge/src/config";
import { createGateway, type OdooGateway } from "../../../sync_bridge/src/gateway";

export const ROOT = resolve(__dirname, "..", "..", "..");
export const BIN = resolve(ROOT, "sync_bridge", "bin", "ops-bridge.js");
export const TRANSPORTS: readonly TransportName[] = ["json2", "legacy"];
const REQUIRED_ENV = ["OPS_E2E_URL", "OPS_E2E_DB", "OPS_E2E_API_KEY", "OPS_E2E_LOGIN"] as const;

/** The bridge's environment for the live Odoo. Throws (never skips) when the runner set nothing. */
export function bridgeEnv(): Record<string, string> {
  const missing = REQUIRED_ENV.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(
      `The bridge e2e suite needs a live Odoo: set ${missing.join(", ")} (scripts/ci/test.sh starts Odoo and sets them).`,
    );
  }
  return {
    ODOO_URL: process.env.OPS_E2E_URL as string,
    ODOO_DB: process.env.OPS_E2E_DB as string,
    ODOO_API_KEY: process.env.OPS_E2E_API_KEY as string,
    ODOO_LOGIN: process.env.OPS_E2E_LOGIN as string,
    OPS_BRIDGE_TIMEOUT_MS: "60000",
  };
}

export function bridgeConfig(): BridgeConfig {
  return parseConfig(bridgeEnv());
}

/** The bridge's gateway (its own API key, Ops Integration rights) over `transport`. */
export function bridgeGateway(transport: TransportName): OdooGateway {
  return createGateway(bridgeConfig(), transport);
}

/**
 * An administrator's gateway, for the reference data a real deployment sets up by hand. The
 * test database is created by odoo-bin, whose admin password is "admin" unless
 * OPS_E2E_ADMIN_PASSWORD says otherwise; XML-RPC accepts a password where JSON-2 wants a key.
 */
export function adminGateway(): OdooGateway {
  const env = bridgeEnv();
  return createGateway(
    parseConfig({ ...env, ODOO_LOGIN: "admin", ODOO_API_KEY: process.env.OPS_E2E_ADMIN_PASSWORD ?? "admin" }),
    "legacy",
  );
}

/** Rebuilds the CLI bundle, so that the processes run the current sources. */
export function buildBridge(): void {
  execFileSync(process.execPath, [resolve(ROOT, "scripts", "build", "build_bridge.mjs")], { cwd: ROOT, stdio: "pipe" });
}

/** Writes a sync config file in a fresh temporary directory. */
export function writeSyncConfig(config: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "ops-bridge-e2e-"));
  const path = join(dir, "ops-bridge.config.json");
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

export interface ProcessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Spawns the built CLI with the live Odoo's settings; nothing of the caller's ODOO_* leaks in.
 * `stderr()` is what it has written to stderr so far.
 */
export function spawnBridge(
  args: string[],
  overrides: Record<string, string> = {},
): { child: ChildProcess; done: Promise<ProcessRun>; stderr: () => string } {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("ODOO_") && !key.startsWith("OPS_BRIDGE_")),
  );
  const child = spawn(BIN, args, { cwd: ROOT, env: { ...inherited, ...bridgeEnv(), ...overrides } });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
  const done = new Promise<ProcessRun>((resolveRun, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolveRun({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      }),
    );
  });
  return { child, done, stderr: () => Buffer.concat(stderr).toString("utf8") };
}

/** Runs the CLI to the end. */
export function runBridge(args: string[], overrides: Record<string, string> = {}): Promise<ProcessRun> {
  return spawnBridge(args, overrides).done;
}

/** The SKUs the sample orders use, as the products Odoo must know. */
export const SAMPLE_PRODUCTS: [string, string, number][] = [
  ["FURN_7777", "Office Chair", 70],
  ["FURN_8888", "Office Lamp", 40],
  ["E-COM07", "Large Cabinet", 320],
  ["FURN_0269", "Office Chair Black", 120],
  ["FURN_8220", "Four Person Desk", 2350],
  ["E-COM06", "Corner Desk Right Sit", 147],
  ["FURN_9999", "Office Design Software", 280],
];

/** Creates the sample SKUs that are missing (a database without demo data has none). */
export async function ensureProducts(admin: OdooGateway): Promise<void> {
  const existing = await admin.searchRead(
    "product.product",
    [["default_code", "in", SAMPLE_PRODUCTS.map(([sku]) => sku)]],
    { default_code: "char" },
    { context: { active_test: false } },
  );
  const known = new Set(existing.map((product) => product.default_code));
  const missing = SAMPLE_PRODUCTS.filter(([sku]) => !known.has(sku));
  await admin.create(
    "product.product",
    missing.map(([sku, name, price]) => ({ name, default_code: sku, list_price: price, type: "consu", sale_ok: true })),
  );
}

/** Gives `source` the stage map HubSpot's default pipeline has (the CSV deals file is a HubSpot export). */
export async function copyStageMap(admin: OdooGateway, source: string): Promise<void> {
  const fields = { stage_key: "char", stage_id: "many2one", mark_lost: "boolean" } as const;
  const hubspot = await admin.searchRead("ops.sync.stage.map", [["source", "=", "hubspot"]], fields);
  const present = new Set(
    (await admin.searchRead("ops.sync.stage.map", [["source", "=", source]], fields)).map((map) => map.stage_key),
  );
  await admin.create(
    "ops.sync.stage.map",
    hubspot
      .filter((map) => !present.has(map.stage_key))
      .map((map) => ({ source, stage_key: map.stage_key, stage_id: map.stage_id?.id ?? null, mark_lost: map.mark_lost })),
  );
}

/** The e-mails of the partners whose e-mail ends in `<tag>.example`: one entry per partner. */
export async function taggedEmails(gateway: OdooGateway, tag: string): Promise<string[]> {
  const partners = await gateway.searchRead("res.partner", [["email", "=like", `%${tag}.example`]], { email: "char" });
  return partners.map((partner) => String(partner.email));
}
