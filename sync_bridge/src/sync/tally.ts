/**
 * Counting what happened to records, per stream and for a whole run, and the rate at which it
 * happened. Plain data, so that reports and `--json` can share it.
 */
import type { FailureCategory } from "../errors";
import type { IngestResult, IngestStatus } from "../gateway";
import type { SourceName, StreamKind } from "../sources";

/** Counts for one stream (or a run). */
export interface Tally {
  /** Raw records read from the source. */
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  conflict: number;
  /** Refused by Odoo (unknown SKU, unknown stage, …): dead-lettered in Odoo. */
  rejected: number;
  /** Refused by the bridge (validation, mapping) and dead-lettered through `report_failures`. */
  dead: number;
  /** Dead-letters by category, both sides. */
  categories: Partial<Record<FailureCategory | "conflict", number>>;
  /** Records of other streams ingested first (guest customers of orders). */
  prerequisites: number;
  /** Mapper exceptions other than `MappingError`: bugs, reported so they get fixed. */
  bugs: number;
}

export function emptyTally(): Tally {
  return {
    read: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    conflict: 0,
    rejected: 0,
    dead: 0,
    categories: {},
    prerequisites: 0,
    bugs: 0,
  };
}

/** Adds Odoo's verdicts to `tally`. */
export function countResults(tally: Tally, results: readonly IngestResult[]): void {
  for (const result of results) {
    tally[result.status satisfies IngestStatus] += 1;
    if (result.status === "rejected" || result.status === "conflict") {
      const category = result.category ?? (result.status === "conflict" ? "conflict" : "odoo");
      tally.categories[category] = (tally.categories[category] ?? 0) + 1;
    }
  }
}

/** Adds a bridge-side dead-letter to `tally`. */
export function countFailure(tally: Tally, category: FailureCategory): void {
  tally.dead += 1;
  tally.categories[category] = (tally.categories[category] ?? 0) + 1;
}

/** Sums tallies. */
export function addTallies(tallies: readonly Tally[]): Tally {
  const total = emptyTally();
  for (const tally of tallies) {
    for (const key of [
      "read",
      "created",
      "updated",
      "unchanged",
      "conflict",
      "rejected",
      "dead",
      "prerequisites",
      "bugs",
    ] as const) {
      total[key] += tally[key];
    }
    for (const [category, count] of Object.entries(tally.categories)) {
      const key = category as keyof Tally["categories"];
      total.categories[key] = (total.categories[key] ?? 0) + (count ?? 0);
    }
  }
  return total;
}

/** What became of one stream in a run. */
export interface StreamOutcome {
  source: SourceName;
  stream: StreamKind;
  tally: Tally;
  /** False when the stream stopped early; `error` says why, and its cursor was left where it was. */
  completed: boolean;
  error: string | null;
  /** The cursor stored at the end (or left in place). */
  cursor: string | null;
  notes: string[];
  elapsedMs: number;
}

/** What a stream's outcome says besides where it ran: its parts' tallies are added up. */
export interface OutcomeParts {
  tallies?: readonly Tally[];
  completed: boolean;
  error: string | null;
  cursor?: string | null;
  notes?: string[];
  elapsedMs?: number;
}

/** The outcome of `stream` of `source`, built one way for a whole read, its windows and a stream left alone. */
export function streamOutcome(source: SourceName, stream: StreamKind, parts: OutcomeParts): StreamOutcome {
  const tallies = parts.tallies ?? [];
  return {
    source,
    stream,
    tally: tallies.length > 0 ? addTallies(tallies) : emptyTally(),
    completed: parts.completed,
    error: parts.error,
    cursor: parts.cursor ?? null,
    notes: parts.notes ?? [],
    elapsedMs: parts.elapsedMs ?? 0,
  };
}

/** Records per second, for the progress line and the summary. */
export function rate(records: number, elapsedMs: number): number {
  return elapsedMs <= 0 ? 0 : (records * 1000) / elapsedMs;
}
