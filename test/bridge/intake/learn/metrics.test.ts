/** The metrics every evaluation shares: per-class P/R/F1, macro-F1, accuracy and ECE, computed by hand. */
import { classificationReport, expectedCalibrationError } from "../../../../sync_bridge/src/intake/learn/metrics";

describe("classification metrics", () => {
  test("per-class precision, recall and F1, macro-F1 over every label (absent ones count 0)", () => {
    const gold = ["a", "a", "b", "b", "b"];
    const predicted = ["a", "b", "b", "b", "a"].map((label) => ({ label, confidence: 0.5 }));
    const report = classificationReport(gold, predicted, ["a", "b", "c"]);
    expect(report.perClass.a).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(report.perClass.b?.precision).toBeCloseTo(2 / 3);
    expect(report.perClass.b?.recall).toBeCloseTo(2 / 3);
    expect(report.perClass.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(report.macroF1).toBeCloseTo((0.5 + 2 / 3 + 0) / 3);
    expect(report.accuracy).toBeCloseTo(0.6);
  });

  test("ECE is the weighted gap between confidence and accuracy per bin", () => {
    // bin 0.9: confidences 0.9, 0.9 with one right → gap 0.4, weight 2/4; bin 0.6: 0.6, 0.6 both right → gap 0.4, weight 2/4
    expect(expectedCalibrationError([0.9, 0.9, 0.6, 0.6], [true, false, true, true])).toBeCloseTo(0.4);
    expect(expectedCalibrationError([1, 1], [true, true])).toBe(0);
    expect(expectedCalibrationError([], [])).toBe(0);
    expect(() => expectedCalibrationError([0.5], [])).toThrow("same length");
  });
});
