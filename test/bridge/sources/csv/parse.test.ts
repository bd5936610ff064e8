/** Parsing vendors' CSV exports (sync_bridge/src/sources/csv/parse.ts). */
import { csvRecords, parseCsv } from "../../../../sync_bridge/src/sources/csv/parse";

describe("parseCsv", () => {
  it("handles a BOM, CRLF, quoted commas, doubled quotes and line breaks in quotes", () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","he said ""hi"""\r\n2,"two\nlines",\r\n\r\n';
    expect(parseCsv(text)).toEqual([
      ["a", "b", "c"],
      ["1", "x, y", 'he said "hi"'],
      ["2", "two\nlines", ""],
    ]);
  });

  it("names the line where a quoted field is never closed", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', "deals.csv")).toThrow(
      "deals.csv: the quoted field opened on line 2 is never closed",
    );
  });

  it("finds the header below a report preamble and drops the Total lines", () => {
    const text = "Campaign report\nAll time\nCampaign,Campaign ID\nBrand,1\nTotal: Account,\n";
    expect(csvRecords(text, ["Campaign", "Campaign ID"])).toEqual([{ Campaign: "Brand", "Campaign ID": "1" }]);
  });

  it("says which columns it looked for when there is no header", () => {
    expect(() => csvRecords("x,y\n1,2\n", ["Record ID"], "companies.csv")).toThrow(
      "companies.csv: no header row with the columns Record ID (first row: x, y)",
    );
  });
});
