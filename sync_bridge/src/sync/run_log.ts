/**
 * The run log: when a stream of a run ends, the bridge tells Odoo what it read and what became of
 * it (`ops.sync.gateway.report_run`), so that each source's health line in Odoo knows its last good
 * run and its error rate. The log is a report, not the sync: an Odoo whose addon predates
 * `report_run` (or a gateway without it) costs a note, not the run.
 */
import { OdooNotFoundError, errorMessage } from "../errors";
import type { RunReport } from "../gateway";
import { callOdoo, type OdooCallDeps } from "./odoo_calls";
import type { ProgressSink } from "./progress";
import type { StreamOutcome } from "./tally";

export interface RunLogDeps extends OdooCallDeps {
  now?: () => number;
  progress?: ProgressSink;
}

/** The report of one stream's `outcome` in run `runId`, ended at `finishedMs`. */
export function runReport(outcome: StreamOutcome, runId: string, finishedMs: number): RunReport {
  const { tally } = outcome;
  return {
    runId,
    startedAt: new Date(finishedMs - outcome.elapsedMs),
    finishedAt: new Date(finishedMs),
    completed: outcome.completed,
    error: outcome.error,
    cursor: outcome.cursor,
    read: tally.read,
    created: tally.created,
    updated: tally.updated,
    unchanged: tally.unchanged,
    conflict: tally.conflict,
    rejected: tally.rejected,
    dead: tally.dead,
    bugs: tally.bugs,
  };
}

/** Reports `outcome` to Odoo's run log; resolves to the run's Odoo id, or `null` when none is kept. */
export async function reportRun(deps: RunLogDeps, outcome: StreamOutcome, runId: string): Promise<number | null> {
  const gateway = deps.gateway;
  if (!gateway.reportRun) return null;
  const report = runReport(outcome, runId, (deps.now ?? Date.now)());
  try {
    return await callOdoo(deps, () => gateway.reportRun?.(outcome.source, outcome.stream, report) ?? Promise.resolve(0));
  } catch (error) {
    if (!(error instanceof OdooNotFoundError)) throw error;
    deps.progress?.note(
      `${outcome.source}/${outcome.stream}: Odoo keeps no run log (${errorMessage(error)}); upgrade addon_ops_harmony to see this run under Sync > Sync health`,
    );
    return null;
  }
}
