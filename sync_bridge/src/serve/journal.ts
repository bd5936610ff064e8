/**
 * The webhook journal: every verified event is appended to a file and flushed to disk (fsync)
 * before the vendor gets its 2xx, and marked done once it is in Odoo. A bridge that stops (or an
 * Odoo that is down) loses nothing: at start the events not marked done are pending again.
 *
 * One JSON line per entry, append-only: `{"t":"event",…}` then later `{"t":"done","traceId"}`.
 * Writes that arrive together share one write and one fsync (group commit). A torn last line (a
 * crash mid-write) is skipped: its event was never acknowledged. At start the file is rewritten
 * with the pending events only (temporary file, fsync, rename), so it does not grow forever.
 * One journal belongs to one bridge: give each bridge its own data directory.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import type { JournalEvent } from "./event";

const FILE = "webhooks.journal";
/** Once this many events are done since the last compaction, and none is pending, start afresh. */
const COMPACT_AFTER = 20_000;

type Line = { t: "event"; event: JournalEvent } | { t: "done"; traceId: string };

function parseLine(text: string): Line | undefined {
  try {
    const line = JSON.parse(text) as Line;
    if (line.t === "event" && typeof line.event?.traceId === "string") return line;
    if (line.t === "done" && typeof line.traceId === "string") return line;
  } catch {
    // a torn last line: never acknowledged
  }
  return undefined;
}

/** Writes `lines` to `path` durably, replacing it. */
function rewrite(dir: string, path: string, lines: readonly string[]): void {
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, "w");
  try {
    if (lines.length > 0) writeSync(fd, lines.join(""));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  const dirFd = openSync(dir, "r");
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

export class Journal {
  private readonly pending = new Map<string, JournalEvent>();
  private queue: { text: string; settle: (error?: unknown) => void }[] = [];
  private writing: Promise<void> | undefined;
  private doneSinceCompaction = 0;

  private constructor(
    private readonly dir: string,
    private readonly path: string,
    private handle: FileHandle,
  ) {}

  /** Opens (or creates) the journal in `dir`; the events not done before are pending. */
  static async open(dir: string): Promise<Journal> {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, FILE);
    const pending = new Map<string, JournalEvent>();
    let text = "";
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    for (const raw of text.split("\n")) {
      const line = raw === "" ? undefined : parseLine(raw);
      if (line?.t === "event") pending.set(line.event.traceId, line.event);
      else if (line?.t === "done") pending.delete(line.traceId);
    }
    rewrite(
      dir,
      path,
      [...pending.values()].map((event) => `${JSON.stringify({ t: "event", event })}\n`),
    );
    const journal = new Journal(dir, path, await open(path, "a"));
    for (const [traceId, event] of pending) journal.pending.set(traceId, event);
    return journal;
  }

  /** Events not done yet, oldest first. */
  pendingEvents(): JournalEvent[] {
    return [...this.pending.values()];
  }

  get size(): number {
    return this.pending.size;
  }

  /** Appends `events` and resolves once they are on disk; only then may the vendor get its 2xx. */
  async append(events: readonly JournalEvent[]): Promise<void> {
    // pending first: a compaction between this write and its answer must keep them
    for (const event of events) this.pending.set(event.traceId, event);
    try {
      await this.write(events.map((event) => `${JSON.stringify({ t: "event", event })}\n`).join(""));
    } catch (error) {
      for (const event of events) this.pending.delete(event.traceId);
      throw error;
    }
  }

  /** Marks events done (in Odoo, or acknowledged as copies): they are not pending any more. */
  async markDone(traceIds: readonly string[]): Promise<void> {
    if (traceIds.length === 0) return;
    await this.write(traceIds.map((traceId) => `${JSON.stringify({ t: "done", traceId })}\n`).join(""));
    for (const traceId of traceIds) this.pending.delete(traceId);
    this.doneSinceCompaction += traceIds.length;
  }

  /** Flushes what is queued and closes the file. */
  async close(): Promise<void> {
    await this.writing;
    await this.handle.close();
  }

  private write(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ text, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      this.writing ??= this.flush();
    });
  }

  /** Writes everything queued in one write and one fsync, until the queue is empty. */
  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.handle.appendFile(batch.map((item) => item.text).join(""));
          await this.handle.datasync();
          for (const item of batch) item.settle();
          if (this.doneSinceCompaction >= COMPACT_AFTER && this.pending.size === 0 && this.queue.length === 0) {
            await this.compact();
          }
        } catch (error) {
          for (const item of batch) item.settle(error);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  /** Starts a fresh file; only `flush` calls it, between writes, while nothing is pending. */
  private async compact(): Promise<void> {
    await this.handle.close();
    rewrite(this.dir, this.path, []);
    this.handle = await open(this.path, "a");
    this.doneSinceCompaction = 0;
  }
}
