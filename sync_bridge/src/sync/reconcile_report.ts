/** What `ops-bridge reconcile` prints: a line per stream's run, or JSON (`--json`). */
import { formatCount } from "./progress";
import type { ReconcileOutcome } from "./reconcile";

/** "20,000 read · 19,990 unchanged · 4 missing · 3 deleted · 3 changed" */
function countsText(outcome: ReconcileOutcome): string {
  const { counts } = outcome;
  const parts = [`${formatCount(counts.read)} read`, `${formatCount(counts.unchanged)} unchanged`];
  parts.push(`${formatCount(counts.missing)} missing in Odoo`, `${formatCount(counts.deleted)} deleted at the source`);
  parts.push(`${formatCount(counts.changed)} changed without a sync`);
  if (counts.failed > 0) parts.push(`${formatCount(counts.failed)} could not be repaired`);
  if (outcome.tally.dead > 0) parts.push(`${formatCount(outcome.tally.dead)} unreadable (dead-lettered)`);
  return parts.join(" · ");
}

export function renderReconcileSummary(outcomes: readonly ReconcileOutcome[]): string {
  if (outcomes.length === 0) return "Nothing to reconcile: no run was requested.";
  const lines = outcomes.map((outcome) => {
    const mark = outcome.state === "done" ? "✓" : "✗";
    const head = `${mark} ${outcome.source}/${outcome.stream}  ${countsText(outcome)}  (${(outcome.elapsedMs / 1000).toFixed(1)} s, run ${outcome.runId})`;
    return outcome.error ? `${head}\n    → ${outcome.error}` : head;
  });
  const drift = outcomes.reduce((sum, { counts }) => sum + counts.missing + counts.deleted + counts.changed, 0);
  lines.push(
    drift > 0
      ? `${formatCount(drift)} drifted records: see Operations → Sync → Reconciliations in Odoo for the drift report.`
      : "No drift: Odoo holds what the source holds.",
  );
  return lines.join("\n");
}

export function reconcileJson(outcomes: readonly ReconcileOutcome[]): unknown {
  return {
    ok: outcomes.every((outcome) => outcome.state === "done"),
    runs: outcomes.map((outcome) => ({
      runId: outcome.runId,
      source: outcome.source,
      stream: outcome.stream,
      state: outcome.state,
      counts: outcome.counts,
      ingest: outcome.tally,
      error: outcome.error,
      elapsedMs: outcome.elapsedMs,
    })),
  };
}
