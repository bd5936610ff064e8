/**
 * The "Odoo stopped" proof: the built bridge syncs a HubSpot account into an Odoo of the proof's
 * own (./odoo_server.ts); half-way, that Odoo is killed, every process of it, and started again
 * on the same port. Either the bridge waits and goes on by itself, or, told to wait only a few
 * seconds, it stops with a clear error and is run again once Odoo is back.
 */
import type { TransportName } from "../../../sync_bridge/src/config";
import { generateHubSpot } from "../../bridge/fixtures/hubspot/generate";
import { hubspotFake } from "../../bridge/fixtures/hubspot/hubspot_fake";
import { startFixtureServer } from "../../bridge/support/fixture_server";
import { bridgeGateway, runBridge, spawnBridge, writeSyncConfig, type ProcessRun } from "./live_odoo";
import { probePort, processExists, type OwnOdoo } from "./odoo_server";

export interface OutagePlan {
  transport: TransportName;
  contacts: number;
  idBase: number;
  /** The first modification date: later than anything synced before on the same stream. */
  start: Date;
  /** True: the bridge waits for Odoo. False: it gives up after a few seconds and is run again. */
  waitForOdoo: boolean;
}

export interface OutageOutcome {
  /** The data set's partners in Odoo when it was stopped. */
  inAtStop: number;
  /** The bridge was still running when Odoo was stopped. */
  bridgeRunningAtStop: boolean;
  /** `kill -0` on Odoo's pid after the stop. */
  odooProcessAfterStop: boolean;
  /** A connection to Odoo's port after the stop, e.g. "ECONNREFUSED". */
  portAfterStop: string;
  /** The run that was going when Odoo stopped, and (when it gave up) the one after the restart. */
  runs: ProcessRun[];
  tag: string;
  lastModified: string;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls `check` every 200 ms, up to `attempts` times; resolves to its last answer. */
async function poll<T>(check: () => Promise<T> | T, done: (value: T) => boolean, attempts: number): Promise<T> {
  let value = await check();
  for (let attempt = 1; attempt < attempts && !done(value); attempt += 1) {
    await pause(200);
    value = await check();
  }
  return value;
}

export async function stopOdooMidSync(odoo: OwnOdoo, plan: OutagePlan): Promise<OutageOutcome> {
  const tag = `-outage-${plan.transport}`;
  const data = generateHubSpot({ companies: 1, contactsPerCompany: plan.contacts, idBase: plan.idBase, tag, start: plan.start });
  const hubspot = await startFixtureServer(hubspotFake(data));
  const counter = bridgeGateway(plan.transport); // through the suite's server: same database
  const count = () => counter.searchCount("res.partner", [["email", "=like", `%${tag}.example`]]);
  try {
    const config = writeSyncConfig({
      batchSize: 50,
      odooRetry: { baseDelayMs: 200, maxDelayMs: 2000, ...(plan.waitForOdoo ? {} : { maxElapsedMs: 3000 }) },
      sources: { hubspot: { baseUrl: hubspot.url, pageSize: 50, requestsPerSecond: 0, lookbackSeconds: 0 } },
    });
    const args = ["sync", "hubspot", "--stream", "contacts", "--transport", plan.transport, "--config", config];
    const env = { HUBSPOT_ACCESS_TOKEN: "test-token", ODOO_URL: odoo.url, OPS_BRIDGE_TIMEOUT_MS: "5000" };
    const bridge = spawnBridge(args, env);
    const running = () => bridge.child.exitCode === null && bridge.child.signalCode === null;
    // Half-way: some records in, the bridge still at work.
    await poll(count, (value) => value >= 100 || !running(), 600);
    const pid = odoo.pid() as number;
    const bridgeRunningAtStop = running();
    await odoo.stop();
    const inAtStop = await count();
    const odooProcessAfterStop = processExists(pid);
    const portAfterStop = await probePort(odoo.port);
    const runs: ProcessRun[] = [];
    if (plan.waitForOdoo) {
      // Start Odoo again once the bridge has found it gone, as an operator would.
      const refused = new RegExp(`cannot connect to ${odoo.url.replace(/[.:/]/g, "\\$&")} \\(ECONNREFUSED\\); retrying in`);
      await poll(bridge.stderr, (text) => refused.test(text) || !running(), 300);
      await odoo.start();
      runs.push(await bridge.done);
    } else {
      runs.push(await bridge.done);
      await odoo.start();
      runs.push(await runBridge(args, env));
    }
    return {
      inAtStop,
      bridgeRunningAtStop,
      odooProcessAfterStop,
      portAfterStop,
      runs,
      tag,
      lastModified: data.contacts.at(-1)?.properties.lastmodifieddate as string,
    };
  } finally {
    await hubspot.close();
  }
}
