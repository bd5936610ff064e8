/**
 * `npm run -s ai:calibrate`: fits the field calibration (never on held-out data) and writes
 * sync_bridge/data/intake/field_calibration.json. npm bundles it next to the bridge's CLI
 * (sync_bridge/dist/, where the bridge finds its shipped data as the CLI does), then runs it.
 *   --bills N   text bills (default 300)            --scans N   scans (default 72; OCR cached)
 *   --seed N    corpus seed (default 15)            --out PATH  where to write (default: the shipped artifact)
 *   --check     write nothing: exit 1 when a fresh fit differs from the file
 * Run it again whenever the extractors change: the guard test says so.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { closeOcr } from "../../sync_bridge/src/intake/ocr_engine";
import { DEFAULT_FIELD_CALIBRATION_PATH } from "../../sync_bridge/src/intake/learn/field_calibration";
import { describeMethod, fitFieldCalibration } from "../../sync_bridge/src/intake/learn/field_calibration_fit";
import {
  billSplit,
  CALIBRATION_DEFAULTS,
  guardDescription,
  guardSample,
  guardSha256,
  observationsOf,
  trainRequests,
  scannedBills,
  textBills,
} from "./field_observations";

function option(args: readonly string[], name: string, fallback: number): number {
  const index = args.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} takes a whole number (got ${args[index + 1]}).`);
  return value;
}

async function main(args: readonly string[]): Promise<number> {
  const seed = option(args, "seed", CALIBRATION_DEFAULTS.seed);
  const bills = option(args, "bills", CALIBRATION_DEFAULTS.bills);
  const scans = option(args, "scans", CALIBRATION_DEFAULTS.scans);
  const outIndex = args.indexOf("--out");
  const out = outIndex >= 0 ? (args[outIndex + 1] as string) : DEFAULT_FIELD_CALIBRATION_PATH;
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const started = performance.now();
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  const split = billSplit();
  log(`Field calibration: ${bills} ${split} text bills, ${scans} ${split} scans, the train requests (seed ${seed})`);
  if (split === "train")
    log(
      "  warning: no layouts of the calibration split: fitted on the train layouts, on which the extractor was developed,\n" +
        "  the maps will be surer than the extractor is on layouts it never met",
    );
  const text = await textBills(seed, bills, split);
  log(`  text bills read: ${seconds()}`);
  const cacheDir = join(process.env.OPS_DATA_DIR ?? join(process.cwd(), ".data"), "ai_calibration", "ocr");
  const scanned = await scannedBills(seed, scans, split, cacheDir, log);
  await closeOcr();
  log(`  scans read: ${seconds()}`);
  const requests = trainRequests();
  const observations = observationsOf([...text, ...scanned, ...requests]);
  const groups = new Map<string, { n: number; right: number; raw: number }>();
  for (const { group, path, correct, raw } of observations) {
    const key = `${path[1]} ${group}`;
    const entry = groups.get(key) ?? { n: 0, right: 0, raw: 0 };
    groups.set(key, { n: entry.n + 1, right: entry.right + (correct ? 1 : 0), raw: entry.raw + raw });
  }
  for (const [key, { n, right, raw }] of [...groups.entries()].sort())
    log(`  ${key}: ${n} fields proposed, ${((100 * right) / n).toFixed(1)} % right, mean raw score ${(raw / n).toFixed(3)}`);
  const guard = guardSample(seed);
  const artifact = fitFieldCalibration(observations, {
    data: `${bills} generated text bills of the ${split} layouts and ${scans} scans of them (seed ${seed}), the ${requests.length} shipped train requests; never held-out data`,
    guard: { seed, sample: guardDescription(seed), sha256: guardSha256(await guard) },
  });
  log(`  fitted: ${seconds()}`);
  for (const entry of artifact.cross_validation.slice(0, 1))
    log(`  ${entry.method}: out-of-fold Brier ${entry.brier}, ECE ${entry.ece}`);
  const chosen = artifact.cross_validation.find((entry) => entry.chosen);
  log(
    `  chosen by cross-validation (one layout or request language held out at a time): ${describeMethod(artifact.method)}: Brier ${chosen?.brier}, ECE ${chosen?.ece}`,
  );
  const json = `${JSON.stringify(artifact)}\n`;
  if (args.includes("--check")) {
    const same = readFileSync(out, "utf8") === json;
    log(same ? `${out} is up to date (${artifact.name})` : `${out} differs from a fresh fit: run npm run -s ai:calibrate`);
    return same ? 0 : 1;
  }
  writeFileSync(out, json);
  log(`wrote ${out}: ${artifact.name}, ${Object.keys(artifact.maps).length} maps (${seconds()})`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
