/** Field exact match and field-confidence ECE, worked by hand. */
import { fieldOutcome, fieldReport } from "../../../../sync_bridge/src/intake/learn/field_metrics";

describe("field metrics", () => {
  const expected = [
    { currency: "EUR", amount_total: "120.00", due_date: null },
    { currency: "GBP", amount_total: "50.00", due_date: "2026-01-31" },
  ];
  const proposed = [
    [
      { name: "currency", value: "EUR", confidence: 0.9 },
      { name: "amount_total", value: "120.00", confidence: 0.9 },
    ],
    [
      { name: "currency", value: "EUR", confidence: 0.3 },
      { name: "amount_total", value: "50.00", confidence: 0.7 },
      { name: "due_date", value: null, confidence: 0.2 },
    ],
  ];

  test("exact match per field and overall; a missing field is wrong, a missing empty field right", () => {
    const report = fieldReport(expected, proposed, ["currency", "amount_total", "due_date"]);
    expect(report.perField).toEqual({
      currency: { exact: 0.5, correct: 1, count: 2 },
      amount_total: { exact: 1, correct: 2, count: 2 },
      due_date: { exact: 0.5, correct: 1, count: 2 },
    });
    expect(report.exact).toBeCloseTo(4 / 6);
    expect(report.count).toBe(2);
  });

  test("ECE over the proposed fields only: bins 0.9 (2 right), 0.3 (1 wrong), 0.7 (1 right)", () => {
    // |0.9·2 − 2| + |0.3 − 0| + |0.7 − 1| = 0.2 + 0.3 + 0.3 = 0.8, over the 4 proposed values → 0.2
    const report = fieldReport(expected, proposed, ["currency", "amount_total", "due_date"]);
    expect(report.ece).toBeCloseTo(0.2);
    expect(report.bins.map(({ from, count, confidence, accuracy }) => [from, count, confidence, accuracy])).toEqual([
      [0.3, 1, 0.3, 0],
      [0.7, 1, 0.7, 1],
      [0.9, 2, 0.9, 1],
    ]);
  });

  test("a field's outcome: null proposed is no confidence, not confidence 0", () => {
    expect(fieldOutcome("x", { name: "f", value: "x", confidence: 0.8 })).toEqual({ correct: true, confidence: 0.8 });
    expect(fieldOutcome(null, { name: "f", value: null, confidence: 0.8 })).toEqual({ correct: true, confidence: null });
    expect(fieldOutcome("x", undefined)).toEqual({ correct: false, confidence: null });
    expect(() => fieldReport([{}], [], ["f"])).toThrow("same length");
    expect(fieldReport([], [], ["f"])).toMatchObject({ exact: 0, ece: 0, count: 0, bins: [] });
  });
});
