/** The version probe and network failures (sync_bridge/src/gateway/net.ts). */
import { FatalOdooError, OdooUnreachableError } from "../../../sync_bridge/src/errors";
import { asUnreachable, parseServerVersion } from "../../../sync_bridge/src/gateway/net";

describe("version probe and network errors", () => {
  it("reads the major version from /web/version", () => {
    expect(parseServerVersion({ version_info: [19, 0, 0, "final", 0, ""], version: "19.0" })).toEqual({
      version: "19.0",
      major: 19,
    });
    expect(parseServerVersion({ version_info: ["saas~19", 1, 0, "final", 0, ""], version: "saas~19.1" }).major).toBe(19);
    expect(() => parseServerVersion({ version: "19.0" })).toThrow(FatalOdooError);
  });

  it("recognizes fetch's network failures and leaves bugs alone", () => {
    const refused = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }),
    });
    expect(asUnreachable(refused, "http://odoo", 1000)).toBeInstanceOf(OdooUnreachableError);
    const timeout = Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" });
    expect(asUnreachable(timeout, "http://odoo", 1000)?.message).toBe("no answer from http://odoo within 1000 ms");
    expect(asUnreachable(new TypeError("x is not a function"), "http://odoo", 1000)).toBeUndefined();
  });
});
