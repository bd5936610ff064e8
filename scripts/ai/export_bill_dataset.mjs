#!/usr/bin/env node
// Prints the generated vendor bills' data as JSON (no PDFs), for scripts/ai/render_odoo_bills.py.
// Usage: node scripts/ai/export_bill_dataset.mjs [--seed N] [--count N] > bills.json
// (count is per split: train bills, then as many held-out bills).
import { build } from "esbuild";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  const value = index >= 0 ? Number(args[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} takes a positive integer (got ${args[index + 1]}).`);
    process.exit(2);
  }
  return value;
};
const seed = option("seed", 1);
const count = option("count", 14);

// The generator is TypeScript under test/support: bundle it in memory, then load it as CommonJS.
const { outputFiles } = await build({
  entryPoints: [join(root, "test/support/ai/bill_corpus.ts")],
  bundle: true,
  platform: "node",
  format: "cjs",
  write: false,
  external: ["pdf-lib"],
  logLevel: "warning",
});
const module = { exports: {} };
new Function("module", "exports", "require", outputFiles[0].text)(
  module,
  module.exports,
  createRequire(join(root, "package.json")),
);
process.stdout.write(`${JSON.stringify(module.exports.billDataset(seed, count), null, 1)}\n`);
