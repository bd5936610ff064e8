/**
 * What `sync`, `replay` and `status` print at the end: readable text for people, or JSON
 * (`--json`) for scripts. Pure functions of the reports.
 */
import type { SyncStatus } from "../gateway";
import { formatCount } from "./progress";
import type { ReplayReport } from "./replay";
import type { SyncReport } from "./runner";
import { addTallies, rate, type Tally } from "./tally";

/** "validation 2, mapping 1" */
function categoryList(tally: Tally): string {
  return Object.entries(tally.categories)
    .filter(([, count]) => (count ?? 0) > 0)
    .map(([category, count]) => `${category} ${formatCount(count ?? 0)}`)
    .join(", ");
}

/** "1,000 created · 150 updated · 50 unchanged · 2 rejected by Odoo · 1 dead-lettered" */
export function tallyText(tally: Tally): string {
  const parts = [
    `${formatCount(tally.created)} created`,
    `${formatCount(tally.updated)} updated`,
    `${formatCount(tally.unchanged)} unchanged`,
  ];
  if (tally.conflict > 0) parts.push(`${formatCount(tally.conflict)} conflicts`);
  if (tally.rejected > 0) parts.push(`${formatCount(tally.rejected)} rejected by Odoo`);
  if (tally.dead > 0) parts.push(`${formatCount(tally.dead)} dead-lettered`);
  if (tally.prerequisites > 0) parts.push(`(+${formatCount(tally.prerequisites)} prerequisite records)`);
  return parts.join(" · ");
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The text summary of a sync run. */
export function renderSyncSummary(report: SyncReport): string {
  const total = addTallies(report.streams.map((stream) => stream.tally));
  const width = Math.max(6, ...report.streams.map((stream) => stream.stream.length));
  const lines = report.streams.map((outcome) => {
    const mark = outcome.completed ? "✓" : "✗";
    const head = `${mark} ${outcome.stream.padEnd(width)}  ${formatCount(outcome.tally.read).padStart(7)} read  ${tallyText(outcome.tally)}`;
    const tail = outcome.completed
      ? ""
      : `\n    → stopped: ${outcome.error ?? "unknown reason"} (its cursor was left where it was; run again to resume)`;
    return head + tail;
  });
  lines.push(
    `  ${"total".padEnd(width)}  ${formatCount(total.read).padStart(7)} read  ${formatCount(rate(total.read, report.elapsedMs))} records/s in ${seconds(report.elapsedMs)}`,
  );
  const dead = total.rejected + total.dead + total.conflict;
  if (dead > 0) {
    lines.push(
      `${formatCount(dead)} records need a look (${categoryList(total)}): see Sync events in Odoo, or \`ops-bridge status\`; fix, then \`ops-bridge replay --dead\``,
    );
  }
  if (total.bugs > 0)
    lines.push(`✗ ${formatCount(total.bugs)} records hit a bridge bug while mapping: please report it (run id ${report.runId})`);
  const verdict = report.ok ? "done" : "finished with problems";
  return [`ops-bridge sync ${report.source}: ${verdict} (run ${report.runId})`, ...lines].join("\n");
}

/** The `--json` form of a sync run. */
export function syncJson(report: SyncReport): unknown {
  const total = addTallies(report.streams.map((stream) => stream.tally));
  return { ...report, total, recordsPerSecond: rate(total.read, report.elapsedMs) };
}

/** The text summary of a replay. */
export function renderReplaySummary(report: ReplayReport): string {
  const lines = [`ops-bridge replay: ${formatCount(report.replayed)} events replayed, ${formatCount(report.closed)} closed`];
  if (report.requeued + report.reingestedInOdoo > 0) {
    lines.push(
      `  requeued ${formatCount(report.requeued)} for the bridge, ${formatCount(report.reingestedInOdoo)} re-ingested by Odoo from stored values`,
    );
  }
  if (report.replayed > 0) lines.push(`  ${tallyText(report.tally)}`);
  if (report.tally.dead + report.tally.rejected > 0)
    lines.push(`  still failing: ${categoryList(report.tally)} (see Sync events in Odoo)`);
  return lines.join("\n");
}

/** The text of `status`: cursors, event counts, the latest dead events. */
export function renderStatus(status: SyncStatus): string {
  const lines = ["Cursors:"];
  if (status.cursors.length === 0) lines.push("  (none yet: no stream has synced)");
  for (const cursor of status.cursors) {
    const when = cursor.writeDate ? ` (stored ${cursor.writeDate.toISOString().slice(0, 19).replace("T", " ")} UTC)` : "";
    lines.push(`  ${`${cursor.source}/${cursor.stream}`.padEnd(28)} ${cursor.value ?? "-"}${when}`);
  }
  const counts = Object.entries(status.events);
  lines.push(
    "Events:",
    counts.length === 0 ? "  (none)" : `  ${counts.map(([state, count]) => `${state} ${formatCount(count)}`).join(" · ")}`,
  );
  if (status.openConflicts > 0)
    lines.push(`  ${formatCount(status.openConflicts)} open conflicts: accept or reject them in Odoo (Sync > Conflicts)`);
  lines.push("Latest dead events:");
  if (status.dead.length === 0) lines.push("  (none)");
  for (const event of status.dead) {
    lines.push(
      `  #${event.id} ${event.source}/${event.stream} ${event.externalId ?? "(no id)"} [${event.category ?? "?"}] ${(event.message ?? "").split("\n")[0]?.slice(0, 160)}`,
    );
  }
  return lines.join("\n");
}
