/** XML-RPC failures → the bridge's error classes (sync_bridge/src/gateway/legacy_errors.ts). */
import {
  FatalOdooError,
  OdooAuthError,
  OdooNotFoundError,
  OdooUnreachableError,
  RetriableOdooError,
} from "../../../sync_bridge/src/errors";
import { legacyError } from "../../../sync_bridge/src/gateway/legacy_errors";

const CALL = { url: "http://127.0.0.1:8069", db: "ops_harmony", login: "ops_bridge", timeoutMs: 1000 };
const SELF_CHECK = { ...CALL, model: "res.users", method: "ops_bridge_self_check" };

/** What the xmlrpc package rejects with for an XML-RPC fault. */
function fault(faultCode: number, faultString: string): Error {
  return Object.assign(new Error(`XML-RPC fault: ${faultString}`), { code: faultCode, faultCode, faultString });
}

describe("legacyError", () => {
  it("maps odoo-await's string rejection for refused credentials to OdooAuthError", () => {
    const error = legacyError("Error connecting to database. This is probably due to invalid credentials.", CALL);
    expect(error).toBeInstanceOf(OdooAuthError);
    expect(error.message).toContain('login "ops_bridge"');
  });

  it("maps fault 3 (AccessDenied) to OdooAuthError", () => {
    expect(legacyError(fault(3, "Access Denied"), SELF_CHECK)).toBeInstanceOf(OdooAuthError);
  });

  it("maps a missing method to OdooNotFoundError('method')", () => {
    const traceback =
      "Traceback (most recent call last):\n  ...\nAttributeError: The method 'res.users.ops_bridge_self_check' does not exist\n";
    const error = legacyError(fault(1, traceback), SELF_CHECK);
    expect(error).toBeInstanceOf(OdooNotFoundError);
    expect((error as OdooNotFoundError).kind).toBe("method");
    expect(error.message).toBe("method res.users.ops_bridge_self_check does not exist");
  });

  it("maps a missing model and a missing database", () => {
    expect((legacyError(fault(2, "Object ops.thing doesn't exist"), SELF_CHECK) as OdooNotFoundError).kind).toBe("model");
    const db = 'psycopg2.OperationalError: connection to server failed: FATAL:  database "nope" does not exist';
    const error = legacyError(fault(1, `Traceback\n${db}`), CALL);
    expect((error as OdooNotFoundError).kind).toBe("database");
    expect(error.message).toBe('database "nope" not found');
  });

  it("reports other faults as FatalOdooError with the traceback's last line", () => {
    const error = legacyError(fault(1, "Traceback\n  File x\nValueError: Invalid field 'foo'"), SELF_CHECK);
    expect(error).toBeInstanceOf(FatalOdooError);
    expect(error.message).toBe("res.users.ops_bridge_self_check failed: ValueError: Invalid field 'foo'");
  });

  it("maps socket errors to OdooUnreachableError", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8069"), { code: "ECONNREFUSED" });
    const error = legacyError(refused, CALL);
    expect(error).toBeInstanceOf(OdooUnreachableError);
    expect(error).toBeInstanceOf(RetriableOdooError);
    expect(error.message).toBe("cannot connect to http://127.0.0.1:8069 (ECONNREFUSED)");
  });

  it("maps HTTP 404 from the xmlrpc package to OdooNotFoundError('route') and 503 to retriable", () => {
    const notFound = Object.assign(new Error("Not Found"), { res: { statusCode: 404 } });
    expect((legacyError(notFound, CALL) as OdooNotFoundError).kind).toBe("route");
    const unavailable = Object.assign(new Error("Unknown XML-RPC tag 'html'"), { res: { statusCode: 503 } });
    expect(legacyError(unavailable, SELF_CHECK)).toBeInstanceOf(RetriableOdooError);
  });
});
