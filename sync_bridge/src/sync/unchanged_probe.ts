/**
 * When to ask Odoo which records of a batch it already holds (`check_unchanged`) before sending
 * them to `ingest`. The question costs one small call: 70 bytes a record, answered from the
 * bindings' hashes without parsing or checking any values. A re-sync of unchanged records then
 * sends hashes instead of values, and Odoo skips most of its work.
 *
 * On a first sync nothing is in Odoo yet, and every question would be a call for nothing. So each
 * stream asks before its first batch and goes on asking while it pays: once a probe finds fewer
 * than a third of its batch unchanged, the stream's batches go straight to `ingest`, and one in
 * `REPROBE_EVERY` asks again in case the rest of the stream is different. A third is about where
 * the call costs what it saves (a call's fixed cost against some 35 µs saved per unchanged record).
 */

/** The share of unchanged records below which asking does not pay. */
export const WORTH_ASKING = 1 / 3;

/** Batches sent straight to `ingest` before a stream that stopped asking asks again. */
export const REPROBE_EVERY = 8;

export class UnchangedProbe {
  /** Per stream: batches sent without asking since the last probe that did not pay. */
  private readonly skipped = new Map<string, number>();
  private off = false;

  /** @param onDisabled told why, once, when Odoo cannot answer and the run stops asking */
  constructor(private readonly onDisabled: (reason: string) => void = () => undefined) {}

  /** Whether to ask before sending the next batch of `stream`. */
  wants(stream: string): boolean {
    if (this.off) return false;
    const skipped = this.skipped.get(stream);
    if (skipped === undefined) return true;
    if (skipped + 1 >= REPROBE_EVERY) return true;
    this.skipped.set(stream, skipped + 1);
    return false;
  }

  /** Records what a probe of `asked` records of `stream` found. */
  found(stream: string, asked: number, unchanged: number): void {
    if (asked > 0 && unchanged / asked >= WORTH_ASKING) this.skipped.delete(stream);
    else this.skipped.set(stream, 0);
  }

  /** Stops asking for the rest of the run (an Odoo without `check_unchanged`). */
  disable(reason: string): void {
    if (!this.off) this.onDisabled(reason);
    this.off = true;
  }

  get disabled(): boolean {
    return this.off;
  }
}
