/** JSON-2 answers → the bridge's error classes (sync_bridge/src/gateway/json2_errors.ts). */
import { FatalOdooError, OdooAuthError, OdooNotFoundError, RetriableOdooError } from "../../../sync_bridge/src/errors";
import { json2Error, parseJson2ErrorBody } from "../../../sync_bridge/src/gateway/json2_errors";

const CALL = { model: "res.users", method: "ops_bridge_self_check", db: "ops_harmony" };

/** A body shaped like Odoo 19's Json2Dispatcher.handle_error (serialize_exception). */
function odooBody(name: string, message: string): string {
  return JSON.stringify({ name, message, arguments: [message], context: {}, debug: "Traceback ..." });
}

describe("json2Error", () => {
  it("maps 401 (refused API key) to OdooAuthError, keeping status and body", () => {
    const error = json2Error(401, odooBody("werkzeug.exceptions.Unauthorized", "Invalid apikey"), CALL);
    expect(error).toBeInstanceOf(OdooAuthError);
    expect(error.message).toContain("Invalid apikey");
    expect((error as OdooAuthError).status).toBe(401);
    expect((error as OdooAuthError).response).toMatchObject({ name: "werkzeug.exceptions.Unauthorized" });
  });

  it("maps a 404 for a missing method to OdooNotFoundError('method')", () => {
    const body = odooBody("werkzeug.exceptions.NotFound", "The method 'res.users.ops_bridge_self_check' does not exist");
    const error = json2Error(404, body, CALL);
    expect(error).toBeInstanceOf(OdooNotFoundError);
    expect((error as OdooNotFoundError).kind).toBe("method");
  });

  it("maps a 404 for a missing model to OdooNotFoundError('model')", () => {
    const body = odooBody("werkzeug.exceptions.NotFound", "the model 'ops.thing' does not exist");
    const error = json2Error(404, body, { ...CALL, model: "ops.thing" });
    expect((error as OdooNotFoundError).kind).toBe("model");
  });

  it("maps a 404 MissingError to OdooNotFoundError('record')", () => {
    const body = odooBody("odoo.exceptions.MissingError", "Record does not exist or has been deleted.");
    expect((json2Error(404, body, CALL) as OdooNotFoundError).kind).toBe("record");
  });

  it("maps the HTML 404 of an unknown database to OdooNotFoundError('database')", () => {
    const html =
      "<!DOCTYPE html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>No database is selected and the requested URL was not found in the server-wide controllers.</p>";
    const error = json2Error(404, html, CALL);
    expect((error as OdooNotFoundError).kind).toBe("database");
    expect(error.message).toBe('database "ops_harmony" not found');
  });

  it("maps 403 AccessDenied to OdooAuthError and 403 AccessError to FatalOdooError", () => {
    expect(json2Error(403, odooBody("odoo.exceptions.AccessDenied", "Access Denied"), CALL)).toBeInstanceOf(OdooAuthError);
    const accessError = json2Error(403, odooBody("odoo.exceptions.AccessError", "You are not allowed"), CALL);
    expect(accessError).toBeInstanceOf(FatalOdooError);
    expect(accessError).not.toBeInstanceOf(OdooAuthError);
  });

  it("maps 422 (UserError, bad arguments) to FatalOdooError", () => {
    const error = json2Error(422, odooBody("odoo.exceptions.ValidationError", "Email is invalid"), CALL);
    expect(error).toBeInstanceOf(FatalOdooError);
    expect(error.message).toBe("res.users.ops_bridge_self_check failed with HTTP 422: Email is invalid");
  });

  it.each([409, 429, 502, 503, 504])("maps %i to RetriableOdooError", (status) => {
    expect(json2Error(status, "upstream trouble", CALL)).toBeInstanceOf(RetriableOdooError);
  });

  it("maps 500 to FatalOdooError", () => {
    expect(json2Error(500, odooBody("builtins.KeyError", "'x'"), CALL)).toBeInstanceOf(FatalOdooError);
  });
});

describe("parseJson2ErrorBody", () => {
  it("returns undefined for bodies that are not Odoo's error shape", () => {
    expect(parseJson2ErrorBody("<html></html>")).toBeUndefined();
    expect(parseJson2ErrorBody('{"error": "nope"}')).toBeUndefined();
  });
});
