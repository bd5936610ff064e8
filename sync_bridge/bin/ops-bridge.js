#!/usr/bin/env -S node --max-semi-space-size=32
// ops-bridge: runs the bundled CLI (sync_bridge/dist/cli.js, built by `npm run build:bridge`).
// Launch it as this file (not `node ops-bridge.js`), so that Node gets the flags of the line above:
// a sync turns thousands of records a second into short-lived objects, and with Node's default
// 16 MB young generation it spent a third of a re-sync collecting them (scripts/bench/bench_sync.sh
// reads the flags from here).
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const bundle = path.join(__dirname, "..", "dist", "cli.js");
if (!fs.existsSync(bundle)) {
  process.stderr.write("ops-bridge is not built: run `npm run build:bridge`\n");
  process.exit(2);
}

require(bundle)
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`ops-bridge: unexpected error: ${error && error.message ? error.message : error}\n`);
      process.exitCode = 1;
    },
  );
