/**
 * The run log and the health line against a LIVE Odoo 19 (see test/e2e/support/live_odoo.ts):
 * `ops-bridge sync` reports each stream's run when it ends, over JSON-2 and legacy XML-RPC, and
 * `ops.sync.health` reads them as an Ops user would. The export is the shipped companies.csv's header
 * with companies of its own, so that the shipped samples stay new for bridge_sync.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultCsvDirectory } from "../../sync_bridge/src/sources/csv/descriptor";
import {
  adminGateway,
  buildBridge,
  copyStageMap,
  ensureProducts,
  runBridge,
  writeSyncConfig,
  TRANSPORTS,
} from "./support/live_odoo";

interface Report {
  runId: string;
  streams: { stream: string; completed: boolean; tally: Record<string, number> }[];
}

const csvDir = mkdtempSync(join(tmpdir(), "ops-bridge-e2e-health-"));
let config: string;

beforeAll(async () => {
  buildBridge();
  const [header] = readFileSync(join(defaultCsvDirectory(), "companies.csv"), "utf8").split("\n");
  const run = Date.now() % 1_000_000;
  const rows = [1, 2].map(
    (n) =>
      `${run * 10 + n},Health Check ${run}-${n},health${run}-${n}.example,+32 2 555 01 10,Rue de la Loi 42,Brussels,1040,Belgium,MACHINERY,2025-01-06 09:12,2025-03-02 16:40`,
  );
  writeFileSync(join(csvDir, "companies.csv"), [header, ...rows, ""].join("\n"));
  config = writeSyncConfig({ sources: { csv: { directory: csvDir } } });
  const admin = adminGateway();
  await ensureProducts(admin);
  await copyStageMap(admin, "csv");
}, 120_000);

describe("the run log", () => {
  it.each(TRANSPORTS)(
    "records every stream of a run over %s, and the health line reads it",
    async (transport) => {
      const run = await runBridge(["sync", "csv", "--full", "--transport", transport, "--config", config, "--json"]);
      expect(run.code).toBe(0);
      const csv = JSON.parse(run.stdout) as Report;
      const admin = adminGateway();
      const runs = await admin.searchRead(
        "ops.sync.run",
        [
          ["source", "=", "csv"],
          ["run_id", "=", csv.runId],
        ],
        {
          stream: "char",
          completed: "boolean",
          read_count: "integer",
          created_count: "integer",
          unchanged_count: "integer",
        },
      );
      const byStream = Object.fromEntries(runs.map((line) => [line.stream, line]));
      for (const stream of csv.streams) {
        expect(byStream[stream.stream]).toMatchObject({
          completed: stream.completed,
          read_count: stream.tally.read,
          created_count: stream.tally.created,
          unchanged_count: stream.tally.unchanged,
        });
      }
      const health = await admin.searchRead("ops.sync.health", [["source", "=", "csv"]], {
        stream: "char",
        state: "selection",
        last_good_run_at: "datetime",
      });
      // other files of the suite sync other csv streams: this run's streams each have their line
      expect(csv.streams.map((stream) => stream.stream)).toEqual(["companies"]);
      const ours = health.filter((line) => csv.streams.some((stream) => stream.stream === line.stream));
      expect(ours).toHaveLength(csv.streams.length);
      for (const line of ours) expect(line.last_good_run_at).not.toBeNull();
    },
    180_000,
  );
});
