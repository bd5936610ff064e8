/**
 * The kill/restart proof: a HubSpot account served over real HTTP, the built bridge started as
 * a separate process, killed with SIGKILL after a random delay and started again, until it has
 * been killed `kills` times; then one last run to the end.
 */
import type { TransportName } from "../../../sync_bridge/src/config";
import { generateHubSpot } from "../../bridge/fixtures/hubspot/generate";
import { hubspotFake } from "../../bridge/fixtures/hubspot/hubspot_fake";
import { seededRandom } from "../../bridge/fixtures/vendor";
import { startFixtureServer } from "../../bridge/support/fixture_server";
import { runBridge, spawnBridge, writeSyncConfig, type ProcessRun } from "./live_odoo";

export interface KillPlan {
  transport: TransportName;
  contacts: number;
  kills: number;
  /** Keeps this data set's ids apart from the others in the same database. */
  idBase: number;
}

export interface KillOutcome {
  kills: number;
  /** Runs that ended on their own before their kill (they must have exited 0). */
  finishedEarly: number;
  finalRun: ProcessRun;
  /** In every e-mail domain of the data set, e.g. "-kill-json2". */
  tag: string;
  /** The modification date of the last contact: where the cursor must end. */
  lastModified: string;
}

export async function killAndRestart(plan: KillPlan): Promise<KillOutcome> {
  const tag = `-kill-${plan.transport}`;
  // Later than anything synced before, so the stored cursor does not hide these records.
  const start = new Date(plan.transport === "json2" ? "2025-06-01T00:00:00Z" : "2025-09-01T00:00:00Z");
  const data = generateHubSpot({ companies: 1, contactsPerCompany: plan.contacts, idBase: plan.idBase, tag, start, stepMs: 1000 });
  const fixture = await startFixtureServer(hubspotFake(data));
  const config = writeSyncConfig({ batchSize: 50, sources: { hubspot: { baseUrl: fixture.url, pageSize: 50, requestsPerSecond: 0, lookbackSeconds: 0 } } });
  const args = ["sync", "hubspot", "--stream", "contacts", "--transport", plan.transport, "--config", config];
  const env = { HUBSPOT_ACCESS_TOKEN: "test-token" };
  const random = seededRandom(plan.idBase);
  let kills = 0;
  let finishedEarly = 0;
  try {
    for (let attempt = 0; kills < plan.kills && attempt < plan.kills * 4; attempt += 1) {
      const { child, done } = spawnBridge(args, env);
      const timer = setTimeout(() => child.kill("SIGKILL"), 150 + Math.floor(random() * 650));
      const run = await done;
      clearTimeout(timer);
      if (run.signal === "SIGKILL") {
        kills += 1;
      } else if (run.code === 0) {
        finishedEarly += 1;
      } else {
        throw new Error(`the bridge failed on its own (exit ${run.code}):\n${run.stderr}\n${run.stdout}`);
      }
    }
    const finalRun = await runBridge(args, env);
    return { kills, finishedEarly, finalRun, tag, lastModified: data.contacts.at(-1)?.properties.lastmodifieddate as string };
  } finally {
    await fixture.close();
  }
}
