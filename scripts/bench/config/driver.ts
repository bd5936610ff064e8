/**
 * The configurator bench's driver (bundled by scripts/bench/sync/build.mjs, run by
 * scripts/bench/bench_config.sh):
 *   generate <dir>  writes the 500-rule rule set (ruleset_500.ts) and OPS_BENCH_CONFIG_CASES (2000)
 *                   valid inputs from OPS_BENCH_CONFIG_SEED (printed; random when unset).
 *   browser <dir>   bundles page.ts (our engine and json-logic-js) with esbuild, serves it on
 *                   127.0.0.1 with cross-origin isolation (so performance.now() is precise to 5 µs),
 *                   runs it in headless Chromium and writes its timings and outputs to browser.json.
 *   report <dir>    checks that the browser's and the server's outputs (server.json, written by
 *                   scripts/bench/odoo/bench_config.py) agree on every input, then prints p50/p95 side
 *                   by side with the alternatives, their ratios and the goals.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { randomCases } from "../../../test/support/configurator_inputs";
import { generateRuleSet, ruleCount } from "./ruleset_500";

// the repository: bench_config.sh runs the driver from there
const root = process.cwd();
const GOAL_BROWSER_P95_MS = 2;
const GOAL_SERVER_P95_MS = 10;
const BROWSER_TIMEOUT_MS = 20 * 60_000;

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function generate(dir: string): void {
  const seed = Number(process.env.OPS_BENCH_CONFIG_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const count = Number(process.env.OPS_BENCH_CONFIG_CASES ?? 2000);
  if (!(count >= 1000)) throw new Error("OPS_BENCH_CONFIG_CASES must be at least 1000");
  const content = generateRuleSet(seed) as { options: never[] } & Record<string, unknown[]>;
  const cases = randomCases([content], count, seed + 1, { invalidOption: 0, unknownOption: 0, invalidQuantity: 0 }).map((c) => ({
    values: c.case.values,
    context: { quantity: String(c.case.context.quantity), role: c.case.context.role },
  }));
  writeFileSync(join(dir, "ruleset.json"), JSON.stringify(content));
  writeFileSync(join(dir, "cases.json"), JSON.stringify(cases));
  console.log(`    seed ${seed} (replay: OPS_BENCH_CONFIG_SEED=${seed}): ${ruleCount(content)} rules, ${cases.length} inputs`);
}

async function bundlePage(dir: string): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["scripts/bench/config/page.ts"],
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    write: false,
    logLevel: "warning",
  });
  const script = result.outputFiles[0].text;
  writeFileSync(join(dir, "page.js"), script);
  return script;
}

/** Serves the page, runs it in headless Chromium and resolves with what it posted to /results. */
async function browser(dir: string): Promise<void> {
  const script = await bundlePage(dir);
  const files: Record<string, [string, string]> = {
    "/": ["text/html", '<!doctype html><meta charset="utf-8"><title>bench</title><script src="/page.js"></script>'],
    "/page.js": ["text/javascript", script],
    "/ruleset.json": ["application/json", readFileSync(join(dir, "ruleset.json"), "utf8")],
    "/cases.json": ["application/json", readFileSync(join(dir, "cases.json"), "utf8")],
  };
  let finish: (body: string) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const done = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const server = createServer((req, res) => {
    const isolation = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };
    if (req.method === "POST") {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        res.writeHead(204, isolation).end();
        if (req.url === "/progress") {
          const { done: n, of } = JSON.parse(body) as { done: number; of: number };
          process.stdout.write(`\r    browser: ${n}/${of} inputs`);
        } else if (req.url === "/results") finish(body);
        else if (req.url === "/failed") fail(new Error(`the page failed: ${body}`));
      });
      return;
    }
    const file = files[req.url ?? ""];
    if (!file) return void res.writeHead(404, isolation).end();
    res.writeHead(200, { "Content-Type": file[0], ...isolation }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const profile = mkdtempSync(join(tmpdir(), "ops-bench-chromium-"));
  const chromium = spawn(
    process.env.OPS_CHROMIUM ?? "chromium",
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
      url,
    ],
    { stdio: ["ignore", "ignore", "pipe"], detached: true },
  );
  let stderr = "";
  chromium.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  chromium.on("error", (error) => fail(new Error(`could not start Chromium (${error.message}): run npm run setup`)));
  chromium.on("exit", (code) => fail(new Error(`Chromium exited (${code}) before the page reported:\n${stderr}`)));
  const timer = setTimeout(() => fail(new Error("the page did not report within 20 minutes")), BROWSER_TIMEOUT_MS);
  try {
    const body = await done;
    process.stdout.write("\n");
    writeFileSync(join(dir, "browser.json"), body);
  } finally {
    clearTimeout(timer);
    chromium.removeAllListeners("exit");
    if (chromium.exitCode === null && chromium.pid !== undefined) {
      const exited = new Promise((resolve) => chromium.once("exit", resolve));
      process.kill(-chromium.pid, "SIGTERM"); // its whole process group: renderers and helpers too
      await exited;
    }
    server.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Sorted-key JSON without the messages an engine writes itself (input and runtime errors). */
function comparable(value: Json): string {
  const walk = (v: Json, parentKey = ""): string => {
    if (Array.isArray(v)) return `[${v.map((x) => walk(x, parentKey)).join(",")}]`;
    if (v !== null && typeof v === "object") {
      const keys = Object.keys(v)
        .filter((k) => !(k === "message" && (parentKey === "errors" || parentKey === "warnings") && v.code !== "constraint"))
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${walk(v[k], k)}`).join(",")}}`;
    }
    return JSON.stringify(v);
  };
  return walk(value);
}

interface BrowserResult {
  userAgent: string;
  crossOriginIsolated: boolean;
  engineMs: number[];
  jsonLogicMs: number[];
  outputs: Json[];
  jsonLogicPrices: number[];
}
interface ServerResult {
  engineMs: number[];
  engineCompiledMs: number[];
  outputs: Json[];
  odooPricingMs: number[];
  odooPricing: string;
}

function report(dir: string): void {
  const web = readJson<BrowserResult>(join(dir, "browser.json"));
  const server = readJson<ServerResult>(join(dir, "server.json"));
  const cases = readJson<unknown[]>(join(dir, "cases.json"));
  const differ = cases.flatMap((input, i) =>
    comparable(web.outputs[i]) === comparable(server.outputs[i])
      ? []
      : [{ i, input, browser: web.outputs[i], server: server.outputs[i] }],
  );
  const ok = web.outputs.filter((o) => (o as { ok?: boolean }).ok).length;
  const floatsOff = web.outputs.filter((o, i) => {
    const price = (o as { unit_price?: string }).unit_price;
    return price !== undefined && Math.abs(Number(price) - web.jsonLogicPrices[i]) >= 0.005;
  }).length;
  const row = (label: string, ms: number[], goal?: number) => {
    const p50 = percentile(ms, 50);
    const p95 = percentile(ms, 95);
    const verdict = goal === undefined ? "" : `  goal p95 ≤ ${goal} ms: ${p95 <= goal ? "met" : "MISSED"}`;
    console.log(
      `    ${label.padEnd(52)} p50 ${p50.toFixed(3).padStart(8)} ms   p95 ${p95.toFixed(3).padStart(8)} ms   (n=${ms.length})${verdict}`,
    );
    return { p50, p95 };
  };
  console.log(`    ${cases.length} inputs, ${ok} evaluated without errors; Chromium: ${web.userAgent}`);
  console.log(`    cross-origin isolated (5 µs timer): ${web.crossOriginIsolated}`);
  console.log("    Browser (headless Chromium)");
  const ours = row("our engine (big.js decimals, checked inputs)", web.engineMs, GOAL_BROWSER_P95_MS);
  const jl = row("json-logic-js on floats (no input checks)", web.jsonLogicMs);
  console.log(`    ratio ours / json-logic-js: p50 ${(ours.p50 / jl.p50).toFixed(2)}×, p95 ${(ours.p95 / jl.p95).toFixed(2)}×`);
  console.log(`    json-logic-js's unit price is off by a cent or more on ${floatsOff} of ${cases.length} inputs`);
  console.log("    Server (Odoo, in process)");
  const py = row("our engine (Python decimal), evaluate()", server.engineMs, GOAL_SERVER_P95_MS);
  row("our engine, compiled once", server.engineCompiledMs);
  const odoo = row(`Odoo pricing: ${server.odooPricing}`, server.odooPricingMs);
  console.log(`    ratio ours / Odoo pricing: p50 ${(py.p50 / odoo.p50).toFixed(2)}×, p95 ${(py.p95 / odoo.p95).toFixed(2)}×`);
  if (differ.length) {
    console.log(`    ✗ the browser and the server disagree on ${differ.length} of ${cases.length} inputs; the first:`);
    console.log(JSON.stringify(differ.slice(0, 2), null, 1));
    process.exitCode = 1;
  } else console.log(`    ✓ the browser and the server agree on all ${cases.length} inputs`);
}

const [command, dir] = process.argv.slice(2);
const commands: Record<string, (d: string) => void | Promise<void>> = { generate, browser, report };
if (!commands[command] || !dir) {
  console.error("usage: driver.cjs generate|browser|report <dir>");
  process.exit(2);
}
Promise.resolve(commands[command](dir)).catch((error: unknown) => {
  console.error(`    ✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
