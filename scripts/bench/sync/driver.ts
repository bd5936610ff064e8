/**
 * The sync bench's driver (bundled by build.mjs, run by scripts/bench/bench_sync.sh against a live Odoo):
 *   run <dir>     serves generated HubSpot accounts from a local fixture server and times
 *                 (1) the bridge and (2) its re-sync of the unchanged data, in OPS_BENCH_SYNC_ROUNDS
 *                 rounds (3) of data sets of their own, (3) a naive loop of one XML-RPC create per
 *                 record through odoo-await (the n8n pattern, as users run it); it also writes each
 *                 round's records for scripts/bench/odoo/bench_sync_orm.py, whose in-process arms (Odoo's
 *                 `load()`, and a batch `create` with the bridge's folded values and tracking off)
 *                 create the very same records.
 *   serve <file>  serves the HubSpot data set in <file> and prints its URL: the vendor of `run`, in a
 *                 process of its own, so that its work is not counted as the bridge's (a real
 *                 vendor does not run on the bridge's CPU either).
 *   report <dir>  prints the rates side by side, the ratios of the medians and the goals: the
 *                 bridge against the best in-process arm and against the naive loop, and the
 *                 re-sync's share of the first sync.
 * Each data set gets fresh ids and e-mail domains, so the rounds share one database.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Odoo from "odoo-await";
import { main } from "../../../sync_bridge/src/cli";
import { generateHubSpot } from "../../../test/bridge/fixtures/hubspot/generate";
import type { HubSpotData, HubSpotObject } from "../../../test/bridge/fixtures/hubspot/hubspot_fake";
import { median, serve, serveElsewhere } from "./vendor_process";

const CONTACTS = Number(process.env.OPS_BENCH_SYNC_CONTACTS ?? 10_000);
const PER_COMPANY = Number(process.env.OPS_BENCH_SYNC_PER_COMPANY ?? 10);
const NAIVE = Number(process.env.OPS_BENCH_SYNC_NAIVE ?? 2000);
const BATCH = Number(process.env.OPS_BENCH_SYNC_BATCH ?? 1000);
const ROUNDS = Math.max(1, Number(process.env.OPS_BENCH_SYNC_ROUNDS ?? 3));
const RESYNCS = 3;

interface Timing {
  records: number;
  seconds: number;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (scripts/bench/bench_sync.sh sets it)`);
  return value;
}

/** A data set of `contacts` contacts, `PER_COMPANY` per company, with ids and domains of its own. */
function dataSet(label: string, contacts: number, index: number): HubSpotData {
  const stamp = Date.now().toString(36);
  return generateHubSpot({
    companies: Math.ceil(contacts / PER_COMPANY),
    contactsPerCompany: PER_COMPANY,
    idBase: (Date.now() % 1_000_000) * 1000 + index * 100_000_000,
    tag: `-${label}-${stamp}`,
    start: new Date(),
  });
}

async function bridgeRuns(data: HubSpotData, dir: string, label: string): Promise<{ first: Timing; resync: Timing }> {
  const server = await serveElsewhere(data, dir, label);
  const config = join(dir, "bench-sync.config.json");
  writeFileSync(
    config,
    JSON.stringify({
      batchSize: BATCH,
      sources: { hubspot: { baseUrl: server.url, pageSize: 200, requestsPerSecond: 0, lookbackSeconds: 0 } },
    }),
  );
  const records = data.companies.length + data.contacts.length;
  const io = {
    stdout: () => undefined,
    stderr: (text: string) => console.error(text),
    env: { ...process.env, HUBSPOT_ACCESS_TOKEN: "test-token" },
  };
  const args = ["sync", "hubspot", "--stream", "companies", "--stream", "contacts", "--full", "--config", config, "--json"];
  try {
    const timed = async (): Promise<number> => {
      const started = performance.now();
      const code = await main(args, io);
      if (code !== 0) throw new Error(`ops-bridge sync exited ${code}`);
      return (performance.now() - started) / 1000;
    };
    const first = await timed();
    console.log(`  bridge            ${records} records in ${first.toFixed(1)} s`);
    // A re-sync lasts about a second, where a pause of the machine weighs a lot: take the median of three.
    const resyncs: number[] = [];
    for (let index = 0; index < RESYNCS; index += 1) resyncs.push(await timed());
    const resync = median(resyncs);
    console.log(
      `  bridge re-sync    ${records} unchanged records in ${resyncs.map((seconds) => seconds.toFixed(2)).join(", ")} s (median ${resync.toFixed(2)} s)`,
    );
    return { first: { records, seconds: first }, resync: { records, seconds: resync } };
  } finally {
    server.close();
  }
}

/** The n8n pattern: read the pages from HubSpot, then one `create` RPC per record. */
async function naiveRun(data: HubSpotData, dir: string): Promise<Timing> {
  const server = await serveElsewhere(data, dir, "naive");
  const odoo = new Odoo({
    baseUrl: env("ODOO_URL"),
    db: env("ODOO_DB"),
    username: env("ODOO_LOGIN"),
    password: env("ODOO_API_KEY"),
  });
  try {
    await odoo.connect();
    const countries = new Map<string, number>();
    const started = performance.now();
    const fetchAll = async (objectType: string): Promise<HubSpotObject[]> => {
      const out: HubSpotObject[] = [];
      for (let after: string | undefined = "0"; after !== undefined;) {
        const response = await fetch(`${server.url}/crm/v3/objects/${objectType}/search`, {
          method: "POST",
          headers: { Authorization: "Bearer test-token", "Content-Type": "application/json" },
          body: JSON.stringify({
            limit: 200,
            after,
            properties: [
              "name",
              "domain",
              "phone",
              "address",
              "city",
              "zip",
              "country",
              "firstname",
              "lastname",
              "email",
              "jobtitle",
              "associatedcompanyid",
            ],
          }),
        });
        const page = (await response.json()) as { results: HubSpotObject[]; paging?: { next?: { after: string } } };
        out.push(...page.results);
        after = page.paging?.next?.after;
      }
      return out;
    };
    const companyIds = new Map<string, number>();
    for (const company of await fetchAll("companies")) {
      const p = company.properties;
      const code = p.country && p.country.length === 2 ? p.country : undefined;
      if (code && !countries.has(code)) countries.set(code, ((await odoo.search("res.country", { code })) as number[])[0] ?? 0);
      const id = await odoo.create("res.partner", {
        name: p.name,
        website: `https://${p.domain}`,
        phone: p.phone,
        street: p.address,
        city: p.city,
        zip: p.zip,
        country_id: (code && countries.get(code)) || false,
        is_company: true,
      });
      companyIds.set(company.id, id);
    }
    for (const contact of await fetchAll("contacts")) {
      const p = contact.properties;
      await odoo.create("res.partner", {
        name: `${p.firstname} ${p.lastname}`,
        email: p.email,
        phone: p.phone,
        function: p.jobtitle,
        parent_id: companyIds.get(p.associatedcompanyid ?? "") ?? false,
        is_company: false,
        type: "contact",
      });
    }
    const seconds = (performance.now() - started) / 1000;
    const records = data.companies.length + data.contacts.length;
    console.log(`  naive loop        ${records} records in ${seconds.toFixed(1)} s`);
    return { records, seconds };
  } finally {
    server.close();
  }
}

/** One round's records for the in-process arms, as partner values plus the company link. */
function ormInput(data: HubSpotData): unknown {
  return {
    companies: data.companies.map(({ id, properties: p }) => ({
      external_id: id,
      name: p.name,
      website: `https://${p.domain}`,
      phone: p.phone,
      street: p.address,
      city: p.city,
      zip: p.zip,
      country: p.country,
    })),
    contacts: data.contacts.map(({ properties: p }) => ({
      name: `${p.firstname} ${p.lastname}`,
      email: p.email,
      phone: p.phone,
      function: p.jobtitle,
      company_external_id: p.associatedcompanyid,
    })),
  };
}

function rate(timing: Timing): number {
  return timing.records / timing.seconds;
}

interface Results {
  /** One first sync and one re-sync per round, each round on a data set of its own. */
  rounds: { first: Timing; resync: Timing }[];
  naive: Timing;
}

/** What scripts/bench/odoo/bench_sync_orm.py measured: one timing per round and arm, on the rounds' records. */
interface InProcess {
  load: Timing[];
  create: Timing[];
}

function report(dir: string): void {
  const { rounds, naive } = JSON.parse(readFileSync(join(dir, "results.json"), "utf8")) as Results;
  const inProcess = JSON.parse(readFileSync(join(dir, "orm.json"), "utf8")) as InProcess;
  const row = (label: string, timing: Timing) =>
    `  ${label.padEnd(48)} ${String(timing.records).padStart(6)} records  ${timing.seconds.toFixed(2).padStart(8)} s  ${rate(timing).toFixed(0).padStart(6)} records/s`;
  const bridgeRate = median(rounds.map(({ first }) => rate(first)));
  const arms = [
    { label: "Odoo's load() in-process", rate: median(inProcess.load.map(rate)) },
    { label: "batch create in-process, folded, no tracking", rate: median(inProcess.create.map(rate)) },
  ];
  const best = arms.reduce((top, arm) => (arm.rate > top.rate ? arm : top));
  const versusNaive = bridgeRate / rate(naive);
  const versusBest = bridgeRate / best.rate;
  const resyncShare = median(rounds.map(({ first, resync }) => resync.seconds / first.seconds));
  console.log(
    [
      "",
      ...rounds.flatMap(({ first, resync }, index) => [
        row(`round ${index + 1}: bridge (ingest calls of ${BATCH})`, first),
        row(`  its re-sync, median of 3 (${((resync.seconds / first.seconds) * 100).toFixed(1)} %)`, resync),
        ...(inProcess.load[index] ? [row("  Odoo's load() in-process", inProcess.load[index])] : []),
        ...(inProcess.create[index] ? [row("  batch create in-process (folded, no tracking)", inProcess.create[index])] : []),
      ]),
      row("naive: one XML-RPC create per record", naive),
      "",
      `  medians of ${rounds.length} rounds (records/s): bridge ${bridgeRate.toFixed(0)}, ${arms.map((arm) => `${arm.label} ${arm.rate.toFixed(0)}`).join(", ")}`,
      `  best in-process path: ${best.label}`,
      `  bridge/best in-process ${versusBest.toFixed(2)}x (goal >= 0.8x)   bridge/naive ${versusNaive.toFixed(1)}x (goal >= 15x)   re-sync ${(resyncShare * 100).toFixed(1)} % of the first sync (goal <= 5 %)`,
    ].join("\n"),
  );
}

async function run(dir: string): Promise<void> {
  const rounds = [];
  const synced: HubSpotData[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    console.log(`  round ${round} of ${ROUNDS}`);
    const data = dataSet(`bridge${round}`, CONTACTS, round);
    rounds.push(await bridgeRuns(data, dir, `bridge${round}`));
    synced.push(data);
  }
  const naive = await naiveRun(dataSet("naive", Math.min(NAIVE, CONTACTS), ROUNDS + 1), dir);
  // The in-process arms create the records each round's bridge run synced, not look-alikes.
  writeFileSync(join(dir, "orm-input.json"), JSON.stringify({ rounds: synced.map(ormInput) }));
  writeFileSync(join(dir, "results.json"), JSON.stringify({ rounds, naive } satisfies Results));
}

const [mode, dir] = process.argv.slice(2);
if (!dir || (mode !== "run" && mode !== "report" && mode !== "serve")) {
  console.error("usage: driver.cjs run|report <dir> | serve <file>");
  process.exit(2);
}
if (mode === "report") {
  report(dir);
} else if (mode === "serve") {
  serve(dir).catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
} else {
  run(dir).catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}
