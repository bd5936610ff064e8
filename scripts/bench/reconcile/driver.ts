/**
 * The reconcile bench's driver (bundled by scripts/bench/sync/build.mjs, run by
 * scripts/bench/bench_reconcile.sh against a live Odoo):
 *   run <dir>     serves OPS_BENCH_RECONCILE_RECORDS (20,000) generated HubSpot companies and
 *                 contacts from a vendor process and times, side by side: the first sync of them,
 *                 then, of the unchanged data, `ops-bridge reconcile` and the best alternative a
 *                 user has to look for drift, a `sync --full` re-read (which cannot see deletions),
 *                 each the median of OPS_BENCH_RECONCILE_REPEATS (3) runs. Prints the ratios.
 *   serve <file>  the vendor process.
 */
import { main } from "../../../sync_bridge/src/cli";
import { generateHubSpot } from "../../../test/bridge/fixtures/hubspot/generate";
import { median, serve, serveElsewhere } from "../sync/vendor_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const RECORDS = Number(process.env.OPS_BENCH_RECONCILE_RECORDS ?? 20_000);
const PER_COMPANY = 9;
const BATCH = Number(process.env.OPS_BENCH_RECONCILE_BATCH ?? 1000);
const REPEATS = Math.max(1, Number(process.env.OPS_BENCH_RECONCILE_REPEATS ?? 3));

interface ReconcileJson {
  runs: { stream: string; state: string; counts: Record<string, number> }[];
}

async function run(dir: string): Promise<void> {
  const companies = Math.max(1, Math.round(RECORDS / (PER_COMPANY + 1)));
  const data = generateHubSpot({
    companies,
    contactsPerCompany: PER_COMPANY,
    idBase: (Date.now() % 1_000_000) * 1000,
    tag: `-rec-${Date.now().toString(36)}`,
    start: new Date(),
  });
  const records = data.companies.length + data.contacts.length;
  const vendor = await serveElsewhere(data, dir, "reconcile");
  const config = join(dir, "bench-reconcile.config.json");
  writeFileSync(
    config,
    JSON.stringify({
      batchSize: BATCH,
      sources: { hubspot: { baseUrl: vendor.url, pageSize: 200, requestsPerSecond: 0, lookbackSeconds: 0 } },
    }),
  );
  const streams = ["--stream", "companies", "--stream", "contacts", "--config", config, "--json"];
  const timed = async (args: string[]): Promise<{ seconds: number; stdout: string }> => {
    let stdout = "";
    const started = performance.now();
    const code = await main([...args, ...streams], {
      stdout: (text) => (stdout += text),
      stderr: (text) => console.error(text),
      env: { ...process.env, HUBSPOT_ACCESS_TOKEN: "test-token" },
    });
    if (code !== 0) throw new Error(`ops-bridge ${args.join(" ")} exited ${code}: ${stdout.slice(0, 2000)}`);
    return { seconds: (performance.now() - started) / 1000, stdout };
  };
  try {
    console.log(`  first sync of ${records} records (${data.companies.length} companies, ${data.contacts.length} contacts)…`);
    const first = (await timed(["sync", "hubspot", "--full"])).seconds;
    console.log(`  first sync        ${first.toFixed(2)} s`);
    const reconciles: number[] = [];
    const resyncs: number[] = [];
    for (let index = 0; index < REPEATS; index += 1) {
      const reconcile = await timed(["reconcile", "hubspot"]);
      const report = JSON.parse(reconcile.stdout) as ReconcileJson;
      // HubSpot's date windows may return a record twice: what counts is that nothing drifted
      const drift = report.runs.some(
        ({ state, counts }) =>
          state !== "done" || counts.unchanged !== counts.read || counts.missing + counts.deleted + counts.changed > 0,
      );
      if (drift) throw new Error(`reconcile found drift in unchanged data: ${reconcile.stdout.slice(0, 2000)}`);
      reconciles.push(reconcile.seconds);
      resyncs.push((await timed(["sync", "hubspot", "--full"])).seconds);
      console.log(
        `  repeat ${index + 1}: reconcile ${reconcile.seconds.toFixed(2)} s, sync --full ${resyncs.at(-1)?.toFixed(2)} s`,
      );
    }
    const reconcile = median(reconciles);
    const resync = median(resyncs);
    const row = (label: string, seconds: number) =>
      `  ${label.padEnd(52)} ${String(records).padStart(6)} records  ${seconds.toFixed(2).padStart(7)} s  ${(records / seconds).toFixed(0).padStart(6)} records/s`;
    console.log(
      [
        "",
        row("first sync (sync --full into an empty Odoo)", first),
        row(`reconcile, unchanged (median of ${REPEATS})`, reconcile),
        row(`alternative: sync --full re-read (median of ${REPEATS})`, resync),
        "",
        `  reconcile/first sync ${((reconcile / first) * 100).toFixed(1)} % (goal <= 10 %)   reconcile/sync --full re-read ${(reconcile / resync).toFixed(2)}x`,
      ].join("\n"),
    );
  } finally {
    vendor.close();
  }
}

const [mode, target] = process.argv.slice(2);
if (!target || (mode !== "run" && mode !== "serve")) {
  console.error("usage: driver.cjs run <dir> | serve <file>");
  process.exit(2);
}
(mode === "serve" ? serve(target) : run(target)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
