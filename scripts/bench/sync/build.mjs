// Bundles a bench driver (scripts/bench/sync/driver.ts unless told another) into one CommonJS
// file; npm packages stay external. Called by scripts/bench/bench_sync.sh and bench_reconcile.sh.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const outfile = process.argv[2];
const entry = process.argv[3] ?? "scripts/bench/sync/driver.ts";
if (!outfile) {
  console.error("usage: node scripts/bench/sync/build.mjs <outfile> [entry, default scripts/bench/sync/driver.ts]");
  process.exit(2);
}

await build({
  absWorkingDir: root,
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
