/** The shared field schemas and helpers of the sources (sync_bridge/src/sources/primitives.ts). */
import { countryCode, parseDateTime, text } from "../../../sync_bridge/src/sources/primitives";

describe("parseDateTime", () => {
  it("answers a date read before with a Date of its own, and a refused one with null again", () => {
    const first = parseDateTime("2024-03-05T14:22:10Z") as Date;
    first.setUTCFullYear(1999);
    expect(parseDateTime("2024-03-05T14:22:10Z")?.toISOString()).toBe("2024-03-05T14:22:10.000Z");
    expect(parseDateTime("2024-02-30T10:00:00Z")).toBeNull();
    expect(parseDateTime("2024-02-30T10:00:00Z")).toBeNull();
  });

  it("reads ISO 8601 moments with or without offset, seconds and fraction", () => {
    expect(parseDateTime("2024-03-05T14:22:10.123Z")?.toISOString()).toBe("2024-03-05T14:22:10.123Z");
    expect(parseDateTime("2024-03-05T14:22:10.123456789Z")?.toISOString()).toBe("2024-03-05T14:22:10.123Z");
    expect(parseDateTime("2024-03-05T14:22:10.5Z")?.toISOString()).toBe("2024-03-05T14:22:10.500Z");
    expect(parseDateTime(" 2024-03-05 14:22 ")?.toISOString()).toBe("2024-03-05T14:22:00.000Z");
    expect(parseDateTime("2024-03-05T14:22:10+02:00")?.toISOString()).toBe("2024-03-05T12:22:10.000Z");
    expect(parseDateTime("2024-03-05T00:30:00-0530")?.toISOString()).toBe("2024-03-05T06:00:00.000Z");
    expect(parseDateTime("2024-02-29T23:59:59Z")?.toISOString()).toBe("2024-02-29T23:59:59.000Z");
  });

  it("refuses what is not a real moment between 1900 and 2200", () => {
    for (const bad of [
      "2025-02-29T00:00:00Z",
      "2024-13-01T00:00:00Z",
      "2024-03-05T24:00:00Z",
      "2024-03-05T12:60:00Z",
      "2024-03-05T12:00:60Z",
      "1899-12-31T23:59:59Z",
      "2201-01-01T00:00:00Z",
      "2024-03-05T12:00:00+19:00",
      "2024-03-05T12:00:00+02:75",
      "2024-03-05",
      "yesterday",
      "",
    ]) {
      expect([bad, parseDateTime(bad)]).toEqual([bad, null]);
    }
  });
});

describe("text", () => {
  it("keeps well-formed text, emoji included, and refuses broken unicode and control characters", () => {
    const schema = text(20);
    for (const good of ["Zoë Ölçer", "🙂 ok", "tab\tnew\nline", "\u0085 C1 is text", ""])
      expect(schema.safeParse(good).success).toBe(true);
    expect(schema.safeParse("bad \uD800").error?.issues[0]?.message).toBe("contains broken unicode (a lone surrogate)");
    expect(schema.safeParse("\uDC00 first").error?.issues[0]?.message).toBe("contains broken unicode (a lone surrogate)");
    expect(schema.safeParse("bell \u0007").error?.issues[0]?.message).toBe("contains control characters");
    expect(schema.safeParse("del \u007F").error?.issues[0]?.message).toBe("contains control characters");
    expect(schema.safeParse("x".repeat(21)).success).toBe(false);
  });
});

describe("country codes", () => {
  it("recognises codes and English names, and sends nothing it cannot resolve", () => {
    expect(countryCode("be")).toBe("BE");
    expect(countryCode("United Kingdom")).toBe("GB");
    expect(countryCode("usa")).toBe("US");
    expect(countryCode("Atlantis")).toBeNull();
    expect(countryCode(" ")).toBeNull();
  });
});
