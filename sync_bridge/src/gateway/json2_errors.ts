/**
 * Maps a failed JSON-2 answer (status + body text) to the bridge's error classes.
 *
 * Odoo 19's Json2Dispatcher answers errors with a JSON body
 * `{name, message, arguments, context, debug}`: 401 for a refused API key (werkzeug
 * Unauthorized), 403 for AccessError/AccessDenied, 404 for an unknown model or method
 * (werkzeug NotFound) or vanished records (MissingError), 409 for LockError, 422 for a
 * UserError/ValidationError or bad arguments. An unknown database falls back to the no-database
 * routes and answers 404 with an HTML page ("No database is selected ...").
 */
import { z } from "zod";
import {
  FatalOdooError,
  OdooAuthError,
  OdooNotFoundError,
  RETRIABLE_STATUSES,
  RetriableOdooError,
  type OdooErrorDetails,
} from "../errors";

const json2ErrorSchema = z.looseObject({
  name: z.string(),
  message: z.string(),
  arguments: z.array(z.unknown()).optional(),
  debug: z.string().optional(),
});
export type Json2ErrorBody = z.output<typeof json2ErrorSchema>;

/** What was being called, for the error messages. */
export interface Json2CallInfo {
  model: string;
  method: string;
  db: string;
}

/** Parses an error body; `undefined` when it is not Odoo's JSON error shape (e.g. HTML). */
export function parseJson2ErrorBody(text: string): Json2ErrorBody | undefined {
  try {
    const parsed = json2ErrorSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Returns the error to throw for a JSON-2 answer with a non-2xx `status` and body `text`.
 * Pure: no I/O, so it can be tested from status + body alone.
 */
export function json2Error(status: number, text: string, call: Json2CallInfo): Error {
  const body = parseJson2ErrorBody(text);
  const details: OdooErrorDetails = { status, response: body ?? text.slice(0, 500) };
  const where = `${call.model}.${call.method}`;
  const odooMessage = body?.message ?? `HTTP ${status}`;

  if (status === 401) {
    return new OdooAuthError(`Odoo refused the API key (${odooMessage})`, details);
  }
  if (status === 403 && body?.name.endsWith("AccessDenied")) {
    return new OdooAuthError(`Odoo refused the credentials (${odooMessage})`, details);
  }
  if (status === 404) {
    if (body === undefined) {
      return /No database is selected/i.test(text)
        ? new OdooNotFoundError("database", `database "${call.db}" not found`, details)
        : new OdooNotFoundError("route", `no JSON-2 route for ${where} (HTTP 404)`, details);
    }
    if (body.name.endsWith("MissingError")) {
      return new OdooNotFoundError("record", `${where}: ${odooMessage}`, details);
    }
    if (/the model .* does not exist/i.test(odooMessage)) {
      return new OdooNotFoundError("model", `model ${call.model} does not exist`, details);
    }
    if (/The method .* does not exist/i.test(odooMessage)) {
      return new OdooNotFoundError("method", `method ${where} does not exist`, details);
    }
    return new OdooNotFoundError("route", `${where}: ${odooMessage}`, details);
  }
  if (RETRIABLE_STATUSES.has(status)) {
    return new RetriableOdooError(`${where} failed with HTTP ${status}: ${odooMessage}`, details);
  }
  return new FatalOdooError(`${where} failed with HTTP ${status}: ${odooMessage}`, details);
}
