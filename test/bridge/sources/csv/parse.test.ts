/** Splitting vendors' CSV text into rows with csv-parse, and finding the delimiter (sync_bridge/src/sources/csv/parse.ts). */
import { FatalAPIError } from "../../../../sync_bridge/src/errors";
import { detectDelimiter, parseCsv } from "../../../../sync_bridge/src/sources/csv/parse";

describe("parseCsv", () => {
  it("handles a BOM, CRLF, quoted commas, doubled quotes and line breaks in quotes", () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","he said ""hi"""\r\n2,"two\nlines",\r\n\r\n';
    expect(parseCsv(text)).toEqual([
      ["a", "b", "c"],
      ["1", "x, y", 'he said "hi"'],
      ["2", "two\nlines", ""],
    ]);
  });

  it("keeps a report's preamble lines, which have fewer cells than the header", () => {
    const text = 'Campaign report\n"March 1, 2025 - March 5, 2025"\nDay,Campaign\n2025-03-01,Brand\n';
    expect(parseCsv(text)).toEqual([
      ["Campaign report"],
      ["March 1, 2025 - March 5, 2025"],
      ["Day", "Campaign"],
      ["2025-03-01", "Brand"],
    ]);
  });

  it("fails a file whose quoted field is never closed, naming the line and what to do", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', "deals.csv")).toThrow(FatalAPIError);
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', "deals.csv")).toThrow(
      /^deals\.csv: it is not valid CSV near line 3 \(Quote Not Closed.*\); export it again from the vendor's button/,
    );
  });
});

describe("detectDelimiter", () => {
  it("tells commas, tabs and semicolons apart, quoted delimiters and preambles notwithstanding", () => {
    expect(detectDelimiter('Campaign report\n"March 1, 2025 - March 5, 2025"\nDay,Campaign,Cost\n2025-03-01,"A, B",1\n')).toBe(
      ",",
    );
    const excel =
      "Campaign report\nMarch 1, 2025 - March 5, 2025\nDay\tCampaign\tCost\tImpr.\n2025-03-01\tA, B\t1.5\t1,204\n2025-03-02\tC\t2\t1,310\n";
    expect(detectDelimiter(excel)).toBe("\t");
    expect(detectDelimiter("Name;Amount;City\nAcme;1.234,56;Brussels\nBeta;12,50;Ghent\n")).toBe(";");
    expect(detectDelimiter("Email\na@example.com\n")).toBe(",");
  });

  it("splits a semicolon file on semicolons, decimal commas left in the cells", () => {
    expect(parseCsv("Name;Amount\nAcme;1.234,56\n")).toEqual([
      ["Name", "Amount"],
      ["Acme", "1.234,56"],
    ]);
  });
});
