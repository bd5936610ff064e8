#!/usr/bin/env node
// ops-bridge: runs the bundled CLI (sync_bridge/dist/cli.js, built by `npm run build:bridge`).
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
