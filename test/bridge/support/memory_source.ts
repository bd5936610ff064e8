/** An in-memory source and the synchronizer's dependencies, for the runner's unit tests. */
import { z } from "zod";
import type { MappedRecord, Source, SourcePage, StreamDefinition } from "../../../sync_bridge/src/sources";
import type { SyncDeps } from "../../../sync_bridge/src/sync/runner";
import type { FakeOdoo } from "./fake_gateway";

export const recordSchema = z.object({ id: z.string().min(1), name: z.string(), guest: z.string().optional() });
export type Row = z.output<typeof recordSchema>;

/** A stream over in-memory pages; `log` records reads, to see the read-ahead. */
export function memoryStream(
  pages: SourcePage[],
  options: { map?: (row: Row) => MappedRecord; log?: string[] } = {},
): StreamDefinition {
  return {
    name: "contacts",
    mappingVersion: 1,
    schema: recordSchema,
    map: (options.map ??
      ((row: Row) => ({ externalId: row.id, values: { name: row.name }, modifiedAt: null }))) as StreamDefinition["map"],
    externalIdOf: (raw) => (raw as { id?: string }).id ?? null,
    async *read() {
      for (const [index, page] of pages.entries()) {
        options.log?.push(`read ${index}`);
        yield page;
      }
    },
  };
}

export function rows(from: number, count: number): Row[] {
  return Array.from({ length: count }, (_, index) => ({ id: String(from + index), name: `Person ${from + index}` }));
}

export function source(stream: StreamDefinition): Source {
  return { name: "hubspot", streams: [stream] };
}

export function deps(odoo: FakeOdoo, overrides: Partial<SyncDeps> = {}): SyncDeps {
  return {
    gateway: odoo,
    batchSize: 200,
    odooRetry: { maxAttempts: 6, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0, maxElapsedMs: 10_000 },
    newRunId: () => "run1",
    ...overrides,
  };
}
