// Bundles the sync bench's driver (scripts/bench/sync/driver.ts) into one CommonJS file; npm
// packages stay external. Called by scripts/bench/bench_sync.sh with the output path.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const outfile = process.argv[2];
if (!outfile) {
  console.error("usage: node scripts/bench/sync/build.mjs <outfile>");
  process.exit(2);
}

await build({
  absWorkingDir: root,
  entryPoints: ["scripts/bench/sync/driver.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
