/**
 * Maps what odoo-await (and the `xmlrpc` package under it) rejects with to the bridge's errors.
 *
 * Odoo 19's `/xmlrpc/2` (addons/rpc/controllers/xmlrpc.py) answers faults with an int code:
 * 1 application error (faultString is the traceback), 2 UserError/warning, 3 AccessDenied,
 * 4 AccessError. `authenticate` answers `false` for refused credentials, which odoo-await turns
 * into a plain string rejection. An unknown method ends in "AttributeError: The method
 * 'model.method' does not exist"; an unknown model in "Object model doesn't exist"; an unknown
 * database in psycopg2's 'database "name" does not exist'.
 */
import { FatalOdooError, OdooAuthError, OdooNotFoundError, RETRIABLE_STATUSES, RetriableOdooError } from "../errors";
import { asUnreachable } from "./net";

/** What was being called, for the messages. `model`/`method` are absent for the login. */
export interface LegacyCallInfo {
  url: string;
  db: string;
  login: string;
  timeoutMs: number;
  model?: string;
  method?: string;
}

interface XmlRpcErrorShape {
  message?: unknown;
  faultCode?: unknown;
  faultString?: unknown;
  res?: { statusCode?: unknown };
  body?: unknown;
}

/** The last non-empty line of a traceback, which names the exception. */
function lastLine(text: string): string {
  const lines = text
    .trim()
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.at(-1) ?? text;
}

/** Returns the error to throw for a rejection of an odoo-await call. Pure. */
export function legacyError(error: unknown, call: LegacyCallInfo): Error {
  const where = call.model ? `${call.model}.${call.method}` : "login";
  if (typeof error === "string") {
    // odoo-await's own rejection when `authenticate` returned false.
    return new OdooAuthError(`Odoo refused login "${call.login}" with the API key (${error})`);
  }
  const unreachable = asUnreachable(error, call.url, call.timeoutMs);
  if (unreachable) return unreachable;
  if (typeof error !== "object" || error === null) {
    return new FatalOdooError(`${where} failed: ${String(error)}`);
  }
  const shape = error as XmlRpcErrorShape;
  const faultString = typeof shape.faultString === "string" ? shape.faultString : undefined;
  const status = typeof shape.res?.statusCode === "number" ? shape.res.statusCode : undefined;
  const details = { status, response: faultString ?? shape.body, cause: error };

  if (faultString !== undefined) {
    const method = /The method '([^']+)' does not exist/.exec(faultString);
    if (method) return new OdooNotFoundError("method", `method ${method[1]} does not exist`, details);
    const model = /Object (\S+) doesn't exist/.exec(faultString);
    if (model) return new OdooNotFoundError("model", `model ${model[1]} does not exist`, details);
    const db = /database "([^"]+)" does not exist/.exec(faultString);
    if (db) return new OdooNotFoundError("database", `database "${db[1]}" not found`, details);
    if (shape.faultCode === 3 || /^AccessDenied/.test(faultString)) {
      return new OdooAuthError(`Odoo refused login "${call.login}" with the API key (${lastLine(faultString)})`, details);
    }
    return new FatalOdooError(`${where} failed: ${lastLine(faultString)}`, details);
  }
  if (status === 404) {
    return new OdooNotFoundError("route", `no XML-RPC endpoint at ${call.url}/xmlrpc/2 (HTTP 404)`, details);
  }
  const message = typeof shape.message === "string" ? shape.message : String(error);
  if (status !== undefined && RETRIABLE_STATUSES.has(status)) {
    return new RetriableOdooError(`${where} failed with HTTP ${status}: ${message}`, details);
  }
  return new FatalOdooError(`${where} failed: ${message}`, details);
}
