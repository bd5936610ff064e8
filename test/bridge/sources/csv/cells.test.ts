/** Numbers as spreadsheets and vendors print them (sync_bridge/src/sources/csv/cells.ts). */
import { amountCell, countCell, parseLocaleNumber } from "../../../../sync_bridge/src/sources/csv/cells";

describe("parseLocaleNumber", () => {
  it("reads grouped, decimal-comma and currency-marked numbers", () => {
    const cases: [string, number][] = [
      ["1,234.56", 1234.56],
      ["€1.234,56", 1234.56],
      ["1 234,56 €", 1234.56],
      ["$1,250.00", 1250],
      ["CHF 12.50", 12.5],
      ["1,204", 1204],
      ["12,5", 12.5],
      ["1.234.567", 1234567],
      ["84.12", 84.12],
      ["-20", -20],
      ["'-20", -20],
      ["0", 0],
    ];
    for (const [text, number] of cases) expect([text, parseLocaleNumber(text)]).toEqual([text, number]);
  });

  it("refuses what is not a number", () => {
    for (const text of ["lots", "", "1,2,3.4.5x", "12 apples", "1e400"])
      expect([text, parseLocaleNumber(text)]).toEqual([text, null]);
  });
});

describe("amount and count cells", () => {
  it("read Google Ads' '--' as none and name the bad value", () => {
    expect(amountCell.parse("--")).toBe(0);
    expect(countCell.parse("--")).toBe(0);
    expect(countCell.parse("18,744")).toBe(18744);
    expect(amountCell.safeParse("lots").error?.issues[0]?.message).toBe('is not an amount: "lots"');
    expect(countCell.safeParse("1.5").error?.issues[0]?.message).toBe('is not a count: "1.5"');
  });
});
