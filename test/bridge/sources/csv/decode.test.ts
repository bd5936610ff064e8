/** Export bytes → text: BOMs, then chardet for the rest (sync_bridge/src/sources/csv/decode.ts). */
import { FatalAPIError } from "../../../../sync_bridge/src/errors";
import { decodeExport } from "../../../../sync_bridge/src/sources/csv/decode";

const TEXT = "Campaign\tCost\nCafé – Été\t1,5\n";

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, "utf16le");
  const be = Buffer.alloc(le.length);
  for (let index = 0; index < le.length; index += 2) {
    be[index] = le[index + 1] as number;
    be[index + 1] = le[index] as number;
  }
  return be;
}

describe("decodeExport", () => {
  it("reads UTF-8, UTF-16LE and UTF-16BE by their byte order marks, and drops the mark", () => {
    const cases: [Buffer, string][] = [
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, "utf8")]), "utf-8 (byte order mark)"],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, "utf16le")]), "utf-16le (byte order mark)"],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]), "utf-16be (byte order mark)"],
    ];
    for (const [content, encoding] of cases) expect(decodeExport(content, "x.csv")).toEqual({ text: TEXT, encoding });
  });

  it("reads UTF-8 and UTF-16 without a mark, and a Windows-1252 file through chardet", () => {
    expect(decodeExport(Buffer.from(TEXT, "utf8"), "x.csv")).toEqual({ text: TEXT, encoding: "utf-8" });
    expect(decodeExport(Buffer.from(TEXT, "utf16le"), "x.csv")).toEqual({ text: TEXT, encoding: "utf-16le" });
    const latin = "Name,City\nAmélie Dubois,Liège\nFrançois Müller,Zürich\nRenée Façade,Besançon\n";
    const cp1252 = Buffer.from(latin, "latin1");
    const decoded = decodeExport(cp1252, "contacts.csv");
    expect(decoded.text).toBe(latin);
    expect(decoded.encoding).not.toBe("utf-8");
  });

  it("refuses a workbook or binary content, saying what to download instead", () => {
    const workbook = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]);
    expect(() => decodeExport(workbook, "campaign_spend.csv")).toThrow(FatalAPIError);
    expect(() => decodeExport(workbook, "campaign_spend.csv")).toThrow(
      'campaign_spend.csv is an Excel workbook (.xlsx), not CSV: download the export as CSV (or "Excel .csv") instead',
    );
    const binary = Buffer.from(Array.from({ length: 512 }, (_, index) => (index * 37 + 11) % 256));
    expect(() => decodeExport(binary, "orders.csv")).toThrow(
      "orders.csv holds binary content, not CSV text: download the export as CSV again",
    );
  });
});
