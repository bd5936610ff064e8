/**
 * `ops-bridge --help`: the commands, options and environment, with the sources and their secrets
 * taken from the connectors' descriptors (`sources/registry.ts`).
 */
import { SOURCES } from "./sources/registry";

/** Where a command's description starts, and the longest line. */
const DESCRIPTION_COLUMN = 22;
const MAX_WIDTH = 98;

/** `prefix` (padded to DESCRIPTION_COLUMN) then `text`, folded into lines of at most MAX_WIDTH. */
function described(prefix: string, text: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && DESCRIPTION_COLUMN + line.length + 1 + word.length > MAX_WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.map((text, index) => (index === 0 ? prefix : "").padEnd(DESCRIPTION_COLUMN) + text).join("\n");
}

/** "a, b, c or d" */
function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

const sources = listed(SOURCES.map((source) => (source.help ? `${source.name} (${source.help})` : source.name)));
const syncLine = described(
  "  sync <source>",
  `Bring a source's changes into Odoo: ${sources}. Resumes from the cursors stored in Odoo.`,
);
const reconcileLine = described(
  "  reconcile <source>",
  "Compare every record of the source's streams with Odoo: re-ingest what is missing or changed, archive or flag what the source deleted, and store the drift report in Odoo. With --pending instead of a source: the runs Odoo's nightly schedule requested.",
);
const secretLines = SOURCES.flatMap((source) => source.secrets?.help ?? []).map((line) => `  ${line}`);

export const USAGE = `Usage: ops-bridge <command> [options]

Commands:
  doctor              Check that the bridge can work with Odoo: reachable, Odoo 19, database and
                      API key, addon_ops_harmony installed, service user in Ops Integration, not an
                      administrator, required rights. Runs through JSON-2, then legacy XML-RPC.
${syncLine}
${reconcileLine}
  serve               Receive signed webhooks (HubSpot, Shopify, WooCommerce) and bring them into
                      Odoo; every event is journaled on disk before it is acknowledged.
  intake              Run the AI intake worker: claim the documents and requests Odoo queued, read
                      them offline (PDF text layer, field candidates, request classes) and hand
                      the proposals back for review. Polls until stopped, or one round with --once.
                      \`intake retrain\` trains a candidate request classifier on the shipped set
                      plus Odoo's confirmed reviews, measures it on the frozen held-out set and
                      hands it to Odoo, which promotes it only if it beats the active version.
  replay              Re-read and ingest the events queued with Odoo's Replay buttons.
  status              Show the cursors, the event counts and the latest dead events.
  help                Show this help (also --help, -h).
  version             Print the bridge's version (also --version).

Options:
  --env-file <file>            Read KEY=VALUE lines from <file>; the environment wins.
  --config <file>              Sync settings (JSON); default OPS_BRIDGE_CONFIG, else built-in.
  --transport <json2|legacy>   Check only this transport (doctor); talk to Odoo through it (others).
  --json                       Print a machine-readable report.
  --stream <name>              sync, reconcile: only this stream (repeatable), e.g. --stream contacts.
  --full                       sync: ignore the stored cursors and read everything again.
  --since <date>               sync: read changes since this date (YYYY-MM-DD or ISO 8601).
  --event <id>                 replay: queue this event first, then replay.
  --dead                       replay: queue every dead event first, then replay.
  --pending                    reconcile: run the reconciliations Odoo requested (all sources, or <source>).
  --port <n>                   serve: listen on this port (default OPS_BRIDGE_PORT, else 8787).
  --host <address>             serve: bind this address (default 127.0.0.1; 0.0.0.0 behind a proxy).
  --once                       intake: claim and process one round of jobs, then exit.
  --limit <n>                  intake: process at most n jobs.
  --worker <name>              intake: the worker name Odoo records (default host:pid).
  --kind <classifier>          intake retrain: the model to retrain (default classifier).
  --offline                    intake retrain: shipped training set only, no Odoo (the shipped default).
  --out <file>                 intake retrain: also write the trained artifact (JSON) to <file>.

Environment:
  ODOO_URL               e.g. http://127.0.0.1:8069
  ODOO_DB                e.g. ops_harmony
  ODOO_API_KEY           the key printed by \`npm run bridge:key\`
  ODOO_LOGIN             user owning the key, for XML-RPC (default ops_bridge)
  ODOO_TRANSPORT         json2 (default) or legacy
  OPS_BRIDGE_TIMEOUT_MS  per-request timeout towards Odoo in ms (default 10000)
  OPS_BRIDGE_CONFIG      the sync settings file, when --config is not given
  OPS_BRIDGE_DATA_DIR    serve: the webhook journal's folder, one per bridge (default ./.ops-bridge)
  OPS_BRIDGE_PUBLIC_URL  serve: the URL vendors call (HubSpot signs it), e.g. https://bridge.example.com
  HUBSPOT_CLIENT_SECRET  serve: HubSpot app's client secret (signature v3)
  SHOPIFY_WEBHOOK_SECRET, WOOCOMMERCE_WEBHOOK_SECRET   serve: the webhooks' signing secrets
${secretLines.join("\n")}

Exit codes: 0 success, 1 a check failed or a sync stopped early, 2 bad usage or configuration.`;
