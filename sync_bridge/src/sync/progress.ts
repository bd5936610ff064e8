/**
 * The live progress line of a long run (records read, records per second, what Odoo answered),
 * rewritten in place on a terminal and printed every few seconds otherwise, so that logs of a
 * scheduled run stay readable. It goes to stderr: stdout carries the summary (or `--json`).
 */
import type { SourceName, StreamKind } from "../sources";
import { rate, type Tally } from "./tally";

/** Where the synchronizer reports progress; every method may be a no-op. */
export interface ProgressSink {
  /** The counts of the stream being synced, after each page. */
  update(source: SourceName, stream: StreamKind, tally: Tally, elapsedMs: number): void;
  /** A message worth its own line (a retry, a skipped file). */
  note(text: string): void;
  /** Ends the live line before the summary is printed. */
  finish(): void;
}

export const silentProgress: ProgressSink = { update: () => undefined, note: () => undefined, finish: () => undefined };

const number = new Intl.NumberFormat("en-US");

/** "1,234" */
export function formatCount(value: number): string {
  return number.format(Math.round(value));
}

/** One progress line, e.g. "hubspot/contacts  3,200 read · 412 rec/s · 3,000 created · …". */
export function progressLine(source: SourceName, stream: StreamKind, tally: Tally, elapsedMs: number): string {
  const parts = [
    `${formatCount(tally.read)} read`,
    `${formatCount(rate(tally.read, elapsedMs))} rec/s`,
    `${formatCount(tally.created)} created`,
    `${formatCount(tally.updated)} updated`,
    `${formatCount(tally.unchanged)} unchanged`,
  ];
  if (tally.conflict > 0) parts.push(`${formatCount(tally.conflict)} conflicts`);
  if (tally.rejected + tally.dead > 0) parts.push(`${formatCount(tally.rejected + tally.dead)} dead-lettered`);
  return `${source}/${stream}  ${parts.join(" · ")}`;
}

export interface ProgressOptions {
  write: (text: string) => void;
  /** A terminal: rewrite one line in place. */
  tty: boolean;
  /** Gap between two printed lines when not on a terminal, in ms. */
  intervalMs?: number;
  now?: () => number;
}

/** A progress sink writing to `options.write` (stderr, usually). */
export function createProgress(options: ProgressOptions): ProgressSink {
  const now = options.now ?? Date.now;
  const interval = options.tty ? 100 : (options.intervalMs ?? 5000);
  let lastPrinted = Number.NEGATIVE_INFINITY;
  let live = false;
  return {
    update(source, stream, tally, elapsedMs) {
      const at = now();
      if (at - lastPrinted < interval) return;
      lastPrinted = at;
      const line = progressLine(source, stream, tally, elapsedMs);
      if (options.tty) {
        options.write(`\r\u001b[2K${line}`);
        live = true;
      } else {
        options.write(`${line}\n`);
      }
    },
    note(text) {
      options.write(`${live ? "\r\u001b[2K" : ""}${text}\n`);
      live = false;
    },
    finish() {
      if (live) options.write("\r\u001b[2K");
      live = false;
    },
  };
}
