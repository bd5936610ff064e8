/**
 * The kill/restart proof: a HubSpot account served over real HTTP, the built bridge started as
 * a separate process against the live Odoo through a relay that only observes and forwards
 * (./odoo_relay.ts), killed with SIGKILL while one of its `ingest` calls is in flight, and
 * started again, until it has been killed `kills` times; then one last run to the end.
 *
 * Each run is killed at its n-th ingest call (n drawn from a seeded random), in turn at one of
 * two moments: `sent`, when Odoo has the whole request and is working on it; `answered`, when
 * Odoo has committed and answered but the answer is held back, so the bridge never learns of
 * it. Before the next run starts, the relay waits for Odoo to finish what it was given.
 */
import type { TransportName } from "../../../sync_bridge/src/config";
import { generateHubSpot } from "../../bridge/fixtures/hubspot/generate";
import { hubspotFake } from "../../bridge/fixtures/hubspot/hubspot_fake";
import { seededRandom } from "../../bridge/fixtures/vendor";
import { startFixtureServer } from "../../bridge/support/fixture_server";
import { bridgeEnv, runBridge, spawnBridge, writeSyncConfig, type ProcessRun } from "./live_odoo";
import { startOdooRelay, type IngestCall } from "./odoo_relay";

export interface KillPlan {
  transport: TransportName;
  contacts: number;
  kills: number;
  /** Keeps this data set's ids apart from the others in the same database. */
  idBase: number;
  /** The first modification date: later than anything synced before on the same stream. */
  start: Date;
}

/** What the relay saw when one run was killed. */
export interface KillEvidence {
  run: number;
  moment: "sent" | "answered";
  /** The run's ingest call that triggered the kill (1 = its first). */
  ingestOfRun: number;
  /** Records in that call. */
  records: number;
  /** Ingest calls sent by the bridge and not answered to it when the signal went. */
  inFlightAtKill: number;
  /** Whether the triggering call was one of them. */
  triggerInFlight: boolean;
  /** Odoo's status for the triggering call, once it finished (200: it committed the batch). */
  odooStatus: number | null;
  /** Whether Odoo's answer to it ever reached the bridge. */
  delivered: boolean;
  /** How the run ended, as Node saw it. */
  signal: string | null;
}

export interface KillOutcome {
  kills: number;
  evidence: KillEvidence[];
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
  const data = generateHubSpot({
    companies: 1,
    contactsPerCompany: plan.contacts,
    idBase: plan.idBase,
    tag,
    start: plan.start,
    stepMs: 1000,
  });
  const fixture = await startFixtureServer(hubspotFake(data));
  const relay = await startOdooRelay(bridgeEnv().ODOO_URL);
  const config = writeSyncConfig({
    batchSize: 50,
    sources: { hubspot: { baseUrl: fixture.url, pageSize: 50, requestsPerSecond: 0, lookbackSeconds: 0 } },
  });
  const args = ["sync", "hubspot", "--stream", "contacts", "--transport", plan.transport, "--config", config];
  const env = { HUBSPOT_ACCESS_TOKEN: "test-token", ODOO_URL: relay.url };
  const random = seededRandom(plan.idBase);
  const evidence: KillEvidence[] = [];
  let finishedEarly = 0;
  try {
    for (let run = 1; evidence.length < plan.kills && run <= plan.kills * 3; run += 1) {
      const { child, done } = spawnBridge(args, env);
      const target = 1 + Math.floor(random() * 5);
      const moment = evidence.length % 2 === 0 ? "sent" : "answered";
      const ordinal = new Map<number, number>();
      let trigger: { call: IngestCall; evidence: KillEvidence } | undefined;
      relay.onIngest = (call, at) => {
        if (at === "sent") ordinal.set(call.seq, ordinal.size + 1);
        if (trigger || at !== moment || ordinal.get(call.seq) !== target) return "forward";
        const inFlight = relay.inFlight();
        child.kill("SIGKILL");
        trigger = {
          call,
          evidence: {
            run,
            moment,
            ingestOfRun: target,
            records: call.records,
            inFlightAtKill: inFlight.length,
            triggerInFlight: inFlight.includes(call),
            odooStatus: null,
            delivered: false,
            signal: null,
          },
        };
        return "drop";
      };
      const result = await done;
      relay.onIngest = () => "forward";
      await relay.settle();
      if (trigger) {
        evidence.push({
          ...trigger.evidence,
          odooStatus: trigger.call.odooStatus,
          delivered: trigger.call.delivered,
          signal: result.signal,
        });
      } else if (result.code === 0) {
        finishedEarly += 1;
      } else {
        throw new Error(`the bridge failed on its own (exit ${result.code}):\n${result.stderr}\n${result.stdout}`);
      }
    }
    const finalRun = await runBridge(args, env);
    return {
      kills: evidence.length,
      evidence,
      finishedEarly,
      finalRun,
      tag,
      lastModified: data.contacts.at(-1)?.properties.lastmodifieddate as string,
    };
  } finally {
    await relay.close();
    await fixture.close();
  }
}
