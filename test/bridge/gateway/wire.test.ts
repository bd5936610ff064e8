/**
 * Odoo's wire values (sync_bridge/src/gateway/wire.ts): datetimes, `false`, many2one, what may be
 * sent.
 */
import { FatalOdooError } from "../../../sync_bridge/src/errors";
import {
  formatOdooDatetime,
  fromFalse,
  parseMany2one,
  parseOdooDatetime,
  readRecord,
  sendableString,
  toOdooDeep,
  toOdooDomain,
  toOdooValues,
  toWirePayload,
} from "../../../sync_bridge/src/gateway/wire";

describe("datetimes", () => {
  it("reads Odoo's naive strings as UTC", () => {
    expect(parseOdooDatetime("2025-01-31 13:45:07").toISOString()).toBe("2025-01-31T13:45:07.000Z");
  });

  it("writes Dates as UTC strings without milliseconds", () => {
    expect(formatOdooDatetime(new Date("2025-01-31T14:45:07.999+01:00"))).toBe("2025-01-31 13:45:07");
  });

  it("rejects anything else", () => {
    expect(() => parseOdooDatetime("2025-01-31T13:45:07Z")).toThrow(FatalOdooError);
    expect(() => parseOdooDatetime("2025-13-45 99:00:00")).toThrow(FatalOdooError);
  });
});

describe("empty values and many2one", () => {
  it("turns false into null and leaves other values alone", () => {
    expect(fromFalse(false)).toBeNull();
    expect(fromFalse("")).toBe("");
    expect(fromFalse(0)).toBe(0);
  });

  it("reads [id, name] as { id, name } and false as null", () => {
    expect(parseMany2one([7, "Ops Bridge"])).toEqual({ id: 7, name: "Ops Bridge" });
    expect(parseMany2one(false)).toBeNull();
    expect(() => parseMany2one(7)).toThrow(FatalOdooError);
  });
});

describe("readRecord", () => {
  const spec = {
    name: "char",
    email_from: "char",
    expected_revenue: "monetary",
    active: "boolean",
    partner_id: "many2one",
    tag_ids: "many2many",
    date_deadline: "date",
    create_date: "datetime",
  } as const;

  it("converts each field by its kind, keeping boolean false as false", () => {
    const record = readRecord(
      {
        id: 42,
        name: "Website lead",
        email_from: false,
        expected_revenue: 1500.5,
        active: false,
        partner_id: false,
        tag_ids: [3, 4],
        date_deadline: "2025-02-01",
        create_date: "2025-01-31 08:00:00",
      },
      spec,
    );
    expect(record).toEqual({
      id: 42,
      name: "Website lead",
      email_from: null,
      expected_revenue: 1500.5,
      active: false,
      partner_id: null,
      tag_ids: [3, 4],
      date_deadline: "2025-02-01",
      create_date: new Date("2025-01-31T08:00:00Z"),
    });
  });

  it("fails when Odoo left out a field or sent the wrong type", () => {
    expect(() => readRecord({ id: 1 }, { name: "char" })).toThrow(/did not return the field "name"/);
    expect(() => readRecord({ id: 1, active: "yes" }, { active: "boolean" })).toThrow(FatalOdooError);
    expect(() => readRecord({ name: "x" }, { name: "char" })).toThrow(/with an id/);
  });
});

describe("values and domains on their way to Odoo", () => {
  it("sends null as false and Dates as UTC strings", () => {
    expect(
      toOdooValues({ email_from: null, date_closed: new Date("2025-01-31T08:00:00Z"), probability: 10, tag_ids: [[6, 0, [1]]] }),
    ).toEqual({ email_from: false, date_closed: "2025-01-31 08:00:00", probability: 10, tag_ids: [[6, 0, [1]]] });
  });

  it("converts leaf values and keeps operators", () => {
    expect(toOdooDomain(["|", ["email_from", "=", null], ["create_date", ">=", new Date("2025-01-01T00:00:00Z")]])).toEqual([
      "|",
      ["email_from", "=", false],
      ["create_date", ">=", "2025-01-01 00:00:00"],
    ]);
  });
});

describe("wire safety", () => {
  it("replaces what PostgreSQL or XML cannot carry, at any depth, keeping valid text", () => {
    expect(sendableString("a\u0000b\u0007c\uD800d\uFFFEe\u00e9🙂\t\n")).toBe("a\uFFFDb\uFFFDc\uFFFDd\uFFFDeé🙂\t\n");
    const payload = toWirePayload(JSON.parse('{"__proto__": {"polluted": "yes"}, "name": "x\\u0000"}')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(payload)).toEqual(["__proto__", "name"]);
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(payload.name).toBe("x\uFFFD");
    expect(toWirePayload({ "k\u0000": [null, new Date("2025-01-01T00:00:00Z")] })).toEqual({
      "k\uFFFD": [null, "2025-01-01T00:00:00.000Z"],
    });
    expect(toOdooDeep({ a: null, b: [{ c: undefined, d: new Date("2025-01-01T12:00:00Z") }], e: Number.NaN })).toEqual({
      a: false,
      b: [{ c: false, d: "2025-01-01 12:00:00" }],
      e: false,
    });
  });

  it("cuts payloads nested deeper than anything legitimate", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 100; i += 1) deep = { a: deep };
    expect(JSON.stringify(toWirePayload(deep))).toContain("[nested too deep]");
  });
});
