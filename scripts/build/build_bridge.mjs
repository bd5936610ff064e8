// Bundles the sync bridge's CLI (sync_bridge/src/cli.ts) into sync_bridge/dist/cli.js, the file
// sync_bridge/bin/ops-bridge.js runs. npm packages stay external: they load from node_modules.
// Run by `npm run build:bridge` and by npm's `prepare` after install.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ["sync_bridge/src/cli.ts"],
  outfile: "sync_bridge/dist/cli.js",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
});

console.log("built sync_bridge/dist/cli.js");
