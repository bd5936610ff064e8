/**
 * The AI bench's driver (bundled by scripts/bench/bench_ai.sh; no Odoo needed by the driver itself):
 *   run <dir>              request classification on the shipped held-out requests (trained classifier,
 *                          keyword rules, majority class); vendor bills of the held-out layouts as text
 *                          PDFs (OPS_BENCH_AI_BILLS, 60) and scans (OPS_BENCH_AI_SCANS, 24), and the
 *                          held-out bills Odoo's own report rendered into the folder OPS_BENCH_AI_ODOO_BILLS
 *                          names (bench_ai.sh renders and caches them; "off" leaves them out) as text PDFs
 *                          and scans (OPS_BENCH_AI_ODOO_SCANS, as many as OPS_BENCH_AI_SCANS), each set
 *                          read by a child process through the worker's own `processJob` (throughput and
 *                          peak RSS of that process), scored against the label-free baseline; a summary
 *                          per source; then the goals, met or not. Seed: OPS_BENCH_AI_SEED (15).
 *   process <dir>          the child: processes <dir>/documents.json, writes <dir>/processed.json.
 *   failures <split> [n] [scan]  development aid, not the bench: the extractor's wrong fields on n (40)
 *                          text bills (or scans) of a split, with what it read (OPS_BENCH_AI_SHOW=<id>
 *                          prints that bill's text too). Analyse `train` only.
 *   failures odoo-train <folder> [n] [scan]  the same on the training bills Odoo's report rendered
 *                          into <folder> (in en_US; never the held-out ones, in other languages).
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { closeOcr } from "../../../sync_bridge/src/intake/ocr_engine";
import { processJob } from "../../../sync_bridge/src/intake/process_job";
import { IntakeFailure } from "../../../sync_bridge/src/intake/result";
import { REQUEST_CLASSES } from "../../../sync_bridge/src/intake/request_keywords";
import { benchDocuments, readSet, scoreSet, writeSet, type BenchDocument, type BillScores, type ProcessedSet } from "./bills";
import { printFailures } from "./failures";
import { printBillGoals, printSources, type Measured } from "./goals";
import { odooDocuments, odooScans } from "./odoo_bills";
import { requestRuns } from "./requests";
import { fixed, printTable, ratio } from "./table";

const SEED = Number(process.env.OPS_BENCH_AI_SEED ?? 15);
const BILLS = Number(process.env.OPS_BENCH_AI_BILLS ?? 60);
const SCANS = Number(process.env.OPS_BENCH_AI_SCANS ?? 24);
/** A folder of bills rendered by `scripts/ai/render_odoo_bills.py` (its held-out ones are read), or "off". */
const ODOO_BILLS = process.env.OPS_BENCH_AI_ODOO_BILLS ?? "";
const ODOO_SCANS = Number(process.env.OPS_BENCH_AI_ODOO_SCANS ?? SCANS);

const step = (text: string) => console.log(`\n== ${text}`);

/** The child: every document through processJob, one after the other, as the worker does. */
async function processSet(dir: string): Promise<void> {
  const documents = readSet(dir);
  const processed: ProcessedSet = { documents: [], seconds: 0, peakRssMb: 0 };
  const started = performance.now();
  for (const [index, document] of documents.entries()) {
    const begun = performance.now();
    try {
      const result = await processJob(document.job);
      processed.documents.push({
        id: document.id,
        fields: result.fields.map(({ name, value, confidence }) => ({ name, value, confidence })),
        text: result.text,
        pages: result.pages.length,
        seconds: (performance.now() - begun) / 1000,
        error: null,
      });
    } catch (error) {
      if (!(error instanceof IntakeFailure)) throw error;
      processed.documents.push({
        id: document.id,
        fields: [],
        text: "",
        pages: 0,
        seconds: 0,
        error: `${error.category}: ${error.message}`,
      });
    }
    // Every tenth document, or every one when they are slow (scans): progress at least every few seconds.
    if ((index + 1) % 10 === 0 || index + 1 === documents.length || performance.now() - begun > 3000) {
      process.stderr.write(
        `    ${index + 1}/${documents.length} documents, ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
    }
  }
  processed.seconds = (performance.now() - started) / 1000;
  await closeOcr();
  processed.peakRssMb = process.resourceUsage().maxRSS / 1024;
  writeFileSync(join(dir, "processed.json"), JSON.stringify(processed));
}

/** Runs the `process` child on a set and reads what it wrote. */
function processInChild(dir: string): Promise<ProcessedSet> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, "process", dir], { stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`the worker child on ${dir} exited ${code}: read its output above`));
      else resolve(JSON.parse(readFileSync(join(dir, "processed.json"), "utf8")) as ProcessedSet);
    });
  });
}

function printRequests(): { macroF1: number; ece: number } {
  const runs = requestRuns();
  const [trained, keywords, majority] = runs as [(typeof runs)[0], (typeof runs)[0], (typeof runs)[0]];
  console.log(`  ${trained.report.count} held-out requests (sha256 ${trained.report.heldoutSha256.slice(0, 12)}…)`);
  printTable(
    ["class", "support", ...runs.flatMap((run) => [`P ${run.name.split(" ")[0]}`, "R", "F1"])],
    REQUEST_CLASSES.map((label) => [
      label,
      String(trained.report.perClass[label]?.support ?? 0),
      ...runs.flatMap((run) => {
        const scores = run.report.perClass[label];
        return [fixed(scores?.precision ?? 0), fixed(scores?.recall ?? 0), fixed(scores?.f1 ?? 0)];
      }),
    ]),
  );
  console.log("");
  printTable(
    ["classifier", "macro-F1", "accuracy", "ECE", "macro-F1 ratio (trained / this)"],
    runs.map((run) => [
      run.name,
      fixed(run.report.macroF1),
      fixed(run.report.accuracy),
      fixed(run.report.ece),
      run === trained ? "—" : ratio(trained.report.macroF1, run.report.macroF1),
    ]),
  );
  void keywords;
  void majority;
  return { macroF1: trained.report.macroF1, ece: trained.report.ece };
}

function printBills(title: string, scores: BillScores, processed: ProcessedSet, pages: number): void {
  const { extractor, baseline } = scores;
  console.log(`  ${title}: ${extractor.count} documents (${pages} pages), ${scores.failed} failed to read`);
  printTable(
    ["field", "extractor", "baseline", "ratio"],
    [
      ...Object.keys(extractor.perField).map((name) => [
        name,
        fixed(extractor.perField[name]?.exact ?? 0),
        fixed(baseline.perField[name]?.exact ?? 0),
        ratio(extractor.perField[name]?.exact ?? 0, baseline.perField[name]?.exact ?? 0),
      ]),
      ["ALL FIELDS (exact match)", fixed(extractor.exact), fixed(baseline.exact), ratio(extractor.exact, baseline.exact)],
      ["field-confidence ECE", fixed(extractor.ece), fixed(baseline.ece), ""],
    ],
  );
  console.log("");
  printTable(
    ["layout (held-out)", "docs", "exact", "fields missed (documents)"],
    scores.layouts.map((layout) => [
      layout.layout,
      String(layout.documents),
      fixed(layout.exact),
      Object.entries(layout.misses)
        .map(([name, count]) => `${name} ${count}`)
        .join(", ") || "none",
    ]),
    [3],
  );
  console.log("");
  printTable(
    ["extractor's field confidence", "fields", "mean confidence", "exact"],
    extractor.bins.map((bin) => [
      `${fixed(bin.from, 1)}–${fixed(bin.to, 1)}`,
      String(bin.count),
      fixed(bin.confidence),
      fixed(bin.accuracy),
    ]),
  );
  const perMinute = processed.seconds > 0 ? (extractor.count / processed.seconds) * 60 : 0;
  console.log(
    `  throughput: ${fixed(perMinute, 1)} documents/min (${fixed(processed.seconds, 1)} s for ${extractor.count}, one worker, start-up included); worker peak RSS ${fixed(processed.peakRssMb, 0)} MB`,
  );
}

async function run(dir: string): Promise<void> {
  console.log(
    `AI bench, seed ${SEED}: held-out data only (requests shipped with the bridge; bill layouts the training split lacks)`,
  );
  step("Request classification (held-out)");
  const requests = printRequests();

  const odooHeldout = () => (ODOO_BILLS && ODOO_BILLS !== "off" ? odooDocuments(ODOO_BILLS, "heldout") : []);
  const sets: { name: keyof Measured; title: string; documents: () => Promise<BenchDocument[]> }[] = [
    { name: "text", title: "text PDFs", documents: () => benchDocuments(SEED, BILLS, "heldout", false) },
    { name: "scan", title: "scans (image-only PDFs, OCR)", documents: () => benchDocuments(SEED, SCANS, "heldout", true) },
  ];
  if (ODOO_BILLS && ODOO_BILLS !== "off") {
    sets.push(
      { name: "odooText", title: "rendered by Odoo's invoice report, text PDFs", documents: async () => odooHeldout() },
      {
        name: "odooScan",
        title: "rendered by Odoo's invoice report, scans (image-only PDFs, OCR)",
        documents: () => odooScans(odooHeldout(), ODOO_SCANS, SEED),
      },
    );
  }
  const measured: Measured = { text: null, scan: null, odooText: null, odooScan: null };
  for (const set of sets) {
    step(`Vendor bills, ${set.title} (held-out layouts)`);
    console.log(`  preparing the held-out bills…`);
    const documents = await set.documents();
    if (documents.length === 0) {
      console.log("  none: skipped");
      continue;
    }
    const setDir = join(dir, set.name);
    writeSet(setDir, documents);
    console.log(`  the worker (processJob, in its own process) reads ${documents.length} of them…`);
    const processed = await processInChild(setDir);
    const scores = scoreSet(documents, processed);
    const pages = processed.documents.reduce((sum, document) => sum + document.pages, 0);
    printBills(set.title, scores, processed, pages);
    measured[set.name] = { documents, scores, processed };
  }
  if (ODOO_BILLS && ODOO_BILLS !== "off" && !measured.odooText)
    throw new Error(`${ODOO_BILLS} holds no held-out bill rendered by Odoo: render them again (remove that folder)`);

  const odooNote =
    ODOO_BILLS === "off"
      ? "left out, OPS_BENCH_AI_ODOO_BILLS=off"
      : ODOO_BILLS
        ? null
        : "not measured; npm run bench:ai renders them, or set OPS_BENCH_AI_ODOO_BILLS to a folder of scripts/ai/render_odoo_bills.py";
  step("Held-out bills by source");
  printSources(measured, odooNote);
  step("Goals (issue 15), held-out");
  printBillGoals(requests, measured);
}

async function main(argv: string[]): Promise<void> {
  const [command, arg, extra, kind] = argv;
  if (command === "run" && arg) return run(arg);
  if (command === "process" && arg) return processSet(arg);
  if (command === "failures" && (arg === "train" || arg === "heldout"))
    return printFailures(await benchDocuments(SEED, Number(extra ?? 40), arg, kind === "scan"));
  if (command === "failures" && arg === "odoo-train" && extra) {
    const [count, scan] = [Number(argv[3] ?? 40), argv[4] === "scan"];
    const documents = odooDocuments(extra, "train").slice(0, count);
    return printFailures(scan ? await odooScans(documents, count, SEED) : documents);
  }
  throw new Error(
    "usage: bench_ai.cjs run <dir> | process <dir> | failures train|heldout [count] [scan] | failures odoo-train <folder> [count] [scan]",
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
