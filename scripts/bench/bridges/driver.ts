/**
 * The bench of `npm run bench:bridges`: does a second bridge raise throughput? One generated
 * HubSpot account per round (companies, contacts, deals, modified over several days), served from
 * a child process; the same shape synced by one `ops-bridge` process, then by two at once, from the
 * account's first day (`--since`) with windows of `windowHours`, against Odoo with prefork workers.
 * The vendor answers each request in OPS_BENCH_VENDOR_LATENCY_MS (250), as a vendor across the
 * internet does; 0 serves at once, which leaves Odoo alone as the limit.
 * Prints records per second side by side and the ratio. Rounds alternate one and two bridges.
 *   node driver.cjs run <dir>   (environment: the bridge's, from bridge.env)
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateHubSpot } from "../../../test/bridge/fixtures/hubspot/generate";
import type { HubSpotData } from "../../../test/bridge/fixtures/hubspot/hubspot_fake";
import { median, serve, serveElsewhere } from "../sync/vendor_process";

// the bundle runs from the bench's data folder; bench_bridges.sh starts it in the repository
const ROOT = process.cwd();
const BIN = join(ROOT, "sync_bridge", "bin", "ops-bridge.js");
const COMPANIES = Number(process.env.OPS_BENCH_BRIDGES_COMPANIES ?? 300);
const PER_COMPANY = Number(process.env.OPS_BENCH_BRIDGES_PER_COMPANY ?? 10);
const DEALS = Number(process.env.OPS_BENCH_BRIDGES_DEALS ?? COMPANIES);
const ROUNDS = Number(process.env.OPS_BENCH_BRIDGES_ROUNDS ?? 2);
const WINDOW_HOURS = Number(process.env.OPS_BENCH_BRIDGES_WINDOW_HOURS ?? 6);
// each vendor answer takes this long, as HubSpot's search API across the internet does (0: a local vendor)
process.env.OPS_BENCH_VENDOR_LATENCY_MS ??= "250";

/** Runs `ops-bridge sync hubspot` once; resolves when it exits, rejects if it failed. */
function bridge(config: string, since: string, label: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(BIN, ["sync", "hubspot", "--since", since, "--config", config, "--json"], {
      env: { ...process.env, HUBSPOT_ACCESS_TOKEN: "test-token" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => {
      const report = out.trim()
        ? (JSON.parse(out) as { ok: boolean; streams: { stream: string; elapsedMs: number; tally: { read: number } }[] })
        : null;
      if (process.env.OPS_BENCH_BRIDGES_VERBOSE && report) {
        const parts = report.streams.map((s) => `${s.stream} ${s.tally.read} in ${(s.elapsedMs / 1000).toFixed(1)} s`);
        console.log(`      bridge ${label}: ${parts.join(", ")}`);
      }
      if (code === 0 && report?.ok) done();
      else fail(new Error(`bridge ${label} exited ${code}:\n${err.slice(-2000)}\n${out.slice(-3000)}`));
    });
  });
}

/**
 * Spreads each stream's modifications evenly over `spanMs` from `start`, as in an account where
 * every kind of record changes all day long (the generator dates them one after the other).
 */
function spread(data: HubSpotData, start: number, spanMs: number): void {
  const properties = { companies: "hs_lastmodifieddate", contacts: "lastmodifieddate", deals: "hs_lastmodifieddate" } as const;
  for (const kind of ["companies", "contacts", "deals"] as const) {
    const records = data[kind];
    records.forEach((record, index) => {
      const at = new Date(start + Math.floor((index * spanMs) / records.length)).toISOString();
      record.properties[properties[kind]] = at;
      record.updatedAt = at;
    });
  }
}

/** Syncs a fresh account with `bridges` processes at once; resolves to records per second. */
async function round(dir: string, index: number, bridges: number): Promise<number> {
  const start = new Date(Date.UTC(2022, 0, 1) + index * 30 * 86_400_000); // each round its own month
  const data = generateHubSpot({
    companies: COMPANIES,
    contactsPerCompany: PER_COMPANY,
    deals: DEALS,
    idBase: 20_000_000 + index * 100_000,
    tag: `-benchpair${index}`,
    start,
  });
  spread(data, start.getTime(), 4 * 86_400_000);
  const vendor = await serveElsewhere(data, dir, `round${index}`);
  const config = join(dir, `config-${index}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      batchSize: 200,
      windowHours: WINDOW_HOURS,
      sources: { hubspot: { baseUrl: vendor.url, pageSize: 100, requestsPerSecond: 0, lookbackSeconds: 0 } },
    }),
  );
  const records = data.companies.length + data.contacts.length + data.deals.length;
  const began = performance.now();
  try {
    await Promise.all(Array.from({ length: bridges }, (_, n) => bridge(config, start.toISOString(), `${n + 1} of ${bridges}`)));
  } finally {
    vendor.close();
  }
  const seconds = (performance.now() - began) / 1000;
  const rate = records / seconds;
  console.log(
    `    round ${index}: ${bridges} bridge(s), ${records} records in ${seconds.toFixed(1)} s = ${rate.toFixed(0)} records/s`,
  );
  return rate;
}

async function run(dir: string): Promise<void> {
  const one: number[] = [];
  const two: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    // alternate, so that a drift of the machine weighs on both
    const order = r % 2 === 0 ? [1, 2] : [2, 1];
    for (const bridges of order) (bridges === 1 ? one : two).push(await round(dir, r * 2 + (bridges - 1), bridges));
  }
  const a = median(one);
  const b = median(two);
  console.log("");
  console.log(`    one bridge        ${a.toFixed(0).padStart(6)} records/s (median of ${one.length})`);
  console.log(`    two bridges       ${b.toFixed(0).padStart(6)} records/s (median of ${two.length})`);
  console.log(`    two / one         ${(b / a).toFixed(2)}×  (goal: above 1×)`);
}

const [command, arg] = process.argv.slice(2);
if (command === "serve" && arg) void serve(arg);
else if (command === "run" && arg)
  run(arg).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
else {
  console.error("usage: driver.cjs run <dir> | serve <file>");
  process.exit(2);
}
