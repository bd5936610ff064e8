/**
 * Runs `ops-bridge` in-process with captured output, a fake Odoo, and a config file written to a
 * temporary directory with fast retries, so that fault tests take milliseconds.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../sync_bridge/src/cli";
import { FakeOdoo } from "./fake_gateway";

export const ODOO_ENV = { ODOO_URL: "http://odoo.test", ODOO_DB: "ops_test", ODOO_API_KEY: "odoo-key" };

/** Retries in milliseconds rather than seconds. */
export const FAST_RETRIES = {
  httpTimeoutMs: 200,
  retry: { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 4, maxElapsedMs: 60_000 },
  odooRetry: { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 4, maxElapsedMs: 60_000 },
};

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Writes `config` (merged over FAST_RETRIES) to a fresh temporary file and returns its path. */
export function writeConfig(config: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "ops-bridge-test-"));
  const path = join(dir, "ops-bridge.config.json");
  writeFileSync(path, JSON.stringify({ ...FAST_RETRIES, ...config }, null, 2));
  return path;
}

/** Runs the CLI against `odoo`; `--config` is added when `configPath` is given. */
export async function runCli(
  argv: string[],
  odoo: FakeOdoo,
  options: { configPath?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const args = options.configPath ? [...argv, "--config", options.configPath] : argv;
  const code = await main(args, {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: { ...ODOO_ENV, ...options.env },
    makeGateway: () => odoo,
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** Runs `sync` with `--json` and returns the parsed report. */
export async function syncJson(
  argv: string[],
  odoo: FakeOdoo,
  options: { configPath?: string; env?: Record<string, string> } = {},
) {
  const run = await runCli([...argv, "--json"], odoo, options);
  if (run.stdout === "") throw new Error(`no JSON report (exit ${run.code}): ${run.stderr}`);
  return { code: run.code, stderr: run.stderr, report: JSON.parse(run.stdout) as SyncJson };
}

/** The parts of the `--json` report the tests read. */
export interface SyncJson {
  ok: boolean;
  streams: {
    stream: string;
    completed: boolean;
    error: string | null;
    cursor: string | null;
    notes: string[];
    tally: Record<string, number> & { categories: Record<string, number> };
  }[];
  total: Record<string, number> & { categories: Record<string, number> };
}

export { FakeOdoo };
