/**
 * How the synchronizer walks a stream's pages: several small vendor pages become one `ingest`
 * call (HubSpot serves at most 200 records a page; Odoo's fixed cost per call is better spread
 * over more), and the next page is read while Odoo works on the current one.
 */
import type { SourcePage } from "../sources";

/** Vendor pages merged into one: their records, the last cursor among them, and their notes. */
export interface MergedPage {
  records: unknown[];
  cursor: string | undefined;
  notes: string[];
}

/**
 * Merges consecutive `pages` into pages of at most `size` records (a bigger page stays whole).
 * A page's cursor is only stored after its records are in, so the merged page carries the cursor
 * of its last page that had one. When reading fails, the pages read before are yielded first,
 * then the error goes up.
 */
export async function* mergePages(pages: AsyncIterable<SourcePage>, size: number): AsyncIterable<MergedPage> {
  const empty = (): MergedPage => ({ records: [], cursor: undefined, notes: [] });
  let buffer = empty();
  const held = () => buffer.records.length > 0 || buffer.cursor !== undefined || buffer.notes.length > 0;
  const take = (): MergedPage => {
    const merged = buffer;
    buffer = empty();
    return merged;
  };
  try {
    for await (const page of pages) {
      if (buffer.records.length > 0 && buffer.records.length + page.records.length > size) yield take();
      buffer.records.push(...page.records);
      if (page.cursor !== undefined) buffer.cursor = page.cursor;
      if (page.note) buffer.notes.push(page.note);
      if (buffer.records.length >= size) yield take();
    }
  } catch (error) {
    if (held()) yield take();
    throw error;
  }
  if (held()) yield take();
}

/**
 * Yields the items of `pages`, asking for the next one while the caller works on the current.
 * The first one is asked for at once, not when the caller starts iterating: a stream's first
 * pages are read while the stream before it finishes in Odoo.
 */
export function readAhead<T>(pages: AsyncIterable<T>): AsyncIterable<T> {
  const iterator = pages[Symbol.asyncIterator]();
  const ask = (): Promise<IteratorResult<T>> => {
    const next = iterator.next();
    // Its rejection, if any, is awaited when the caller gets there; do not let Node call it unhandled.
    next.catch(() => undefined);
    return next;
  };
  let next = ask();
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const current = await next;
        if (current.done) return;
        next = ask();
        yield current.value;
      }
    },
  };
}
