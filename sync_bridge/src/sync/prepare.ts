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
import { REPORT_BUG, causeOf, describeIssue, failureMessage } from "./messages";

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

/** Issues named in a message; the others are counted. */
const MAX_ISSUES = 5;

/** zod's issues as what is wrong with the record, e.g. "properties.email is a number, not text". */
export function validationProblem(error: z.ZodError, raw: unknown): string {
  const described = error.issues.slice(0, MAX_ISSUES).map((issue) => describeIssue(issue, raw));
  const more = error.issues.length - described.length;
  return more > 0 ? `${described.join("; ")}; and ${more} more problems` : described.join("; ");
}

/**
 * Validates and maps one raw record of `stream` of `source`. `traceId` follows the record into
 * Odoo's event log. A mapper that throws anything but `MappingError` is a bug: the record is
 * dead-lettered under `mapping` all the same, and flagged so that the run reports it. A failure's
 * message names the record, what happened and what to do; its cause leaves the record's values out.
 */
export function prepareRecord(stream: StreamDefinition, raw: unknown, traceId: string, source?: string): Prepared {
  const externalId = stream.externalIdOf(raw);
  const fail = (category: FailureReport["category"], outcome: string, problem: string, bug = false): Prepared => ({
    ok: false,
    failure: {
      externalId,
      traceId,
      category,
      message: failureMessage(source, stream.name, externalId, category, outcome, problem, bug ? REPORT_BUG : undefined).slice(
        0,
        MAX_MESSAGE,
      ),
      cause: causeOf(problem),
      payload: raw,
    },
    bug,
  });
  const parsed = stream.schema.safeParse(raw);
  if (!parsed.success) return fail("validation", "could not be read", validationProblem(parsed.error, raw));
  let mapped: MappedRecord;
  try {
    mapped = stream.map(parsed.data);
  } catch (error) {
    if (error instanceof MappingError) return fail("mapping", "could not be mapped to Odoo", error.message);
    return fail("mapping", "could not be mapped to Odoo", `the bridge has a bug: ${errorMessage(error)}`, true);
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
