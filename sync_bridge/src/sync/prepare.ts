/**
 * The boundary every raw vendor record crosses: zod validation, then the stream's pure mapper.
 * The outcome is either a record ready for `ingest` (with the records it needs first) or a
 * failure with its category and a readable message, never an exception: one bad record must
 * not stop a batch, and 1,000 bad ones must not stop a run.
 */
import { z } from "zod";
import { MappingError, errorMessage } from "../errors";
import type { FailureReport, IngestRecord } from "../gateway";
import type { MappedRecord, StreamDefinition, StreamKind } from "../sources";

/** A record ready for Odoo, and the records of other streams it needs there first. */
export interface ReadyRecord {
  record: IngestRecord;
  requires: { stream: StreamKind; record: IngestRecord }[];
}

export type Prepared = { ok: true; ready: ReadyRecord } | { ok: false; failure: FailureReport; bug: boolean };

/** Longest message kept for the event log; zod's report of a huge payload can be long. */
const MAX_MESSAGE = 2000;

function toIngest(mapped: MappedRecord, payload: unknown, traceId: string): IngestRecord {
  return { externalId: mapped.externalId, values: mapped.values, payload, traceId, modifiedAt: mapped.modifiedAt };
}

/** zod's report, one line per issue, cut to a size the event log can show. */
export function validationMessage(error: z.ZodError): string {
  const text = z
    .prettifyError(error)
    .replace(/\n\s*→ at /g, " at ")
    .replace(/^✖ /gm, "");
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}… (${error.issues.length} issues)` : text;
}

/**
 * Validates and maps one raw record of `stream`. `traceId` follows the record into Odoo's event
 * log. A mapper that throws anything but `MappingError` is a bug: the record is dead-lettered
 * under `mapping` all the same, and flagged so that the run reports it.
 */
export function prepareRecord(stream: StreamDefinition, raw: unknown, traceId: string): Prepared {
  const externalId = stream.externalIdOf(raw);
  const fail = (category: FailureReport["category"], message: string, bug = false): Prepared => ({
    ok: false,
    failure: { externalId, traceId, category, message: message.slice(0, MAX_MESSAGE), payload: raw },
    bug,
  });
  const parsed = stream.schema.safeParse(raw);
  if (!parsed.success) return fail("validation", validationMessage(parsed.error));
  let mapped: MappedRecord;
  try {
    mapped = stream.map(parsed.data);
  } catch (error) {
    if (error instanceof MappingError) return fail("mapping", error.message);
    return fail("mapping", `bridge bug while mapping: ${errorMessage(error)}`, true);
  }
  return {
    ok: true,
    ready: {
      record: toIngest(mapped, raw, traceId),
      requires: (mapped.requires ?? []).map((prerequisite) => ({
        stream: prerequisite.stream,
        record: toIngest(prerequisite.record, null, `${traceId}:${prerequisite.stream}`),
      })),
    },
  };
}
