/**
 * The field calibration: fitted maps never decrease and stay inside [0, 1], a sparse block leans on
 * its parent (the prior) instead of collapsing to 0 or 1, cross-validation picks a method that beats
 * the raw scores out of fold, and an artifact that does not hold together is refused with a warning
 * while the fields keep their raw scores.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  applyMap,
  calibrateFields,
  calibrationPath,
  CalibrationRejected,
  fieldDetail,
  loadFieldCalibration,
  parseFieldCalibration,
  type CalibrationMethod,
} from "../../../../sync_bridge/src/intake/learn/field_calibration";
import {
  crossValidate,
  fitFieldCalibration,
  fitMaps,
  fitNode,
  poolAdjacentViolators,
  type FieldObservation,
} from "../../../../sync_bridge/src/intake/learn/field_calibration_fit";
import type { ProposedField } from "../../../../sync_bridge/src/intake/result";

/** The value, which the test needs to be there. */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("expected a value, found none");
  return value;
}

/** A deterministic pseudo-random sequence in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** How often a field scored `raw` is right: the numbers as scored, the VAT overstated, OCR amounts far worse. */
function truth(field: string, ocr: boolean, raw: number): number {
  if (field === "invoice_number") return raw;
  if (field === "amount_total" && ocr) return raw ** 4;
  return raw ** 2;
}

/** Fields of `documents` bills whose raw scores are ordered but not probabilities (`truth`); one in four a scan. */
function observations(documents: number, seed = 1): FieldObservation[] {
  const next = random(seed);
  const all: FieldObservation[] = [];
  for (let d = 0; d < documents; d++) {
    const ocr = d % 4 === 0;
    for (const field of ["invoice_number", "amount_total", "partner_vat"]) {
      const raw = Math.round(next() * 1000) / 1000;
      all.push({
        document: `bill-${d}`,
        group: `layout-${d % 5}`,
        path: calibrationPath("vendor_bill", ocr, field, "gen"),
        raw,
        correct: next() < truth(field, ocr, raw),
      });
    }
  }
  return all;
}

const ISOTONIC: CalibrationMethod = { kind: "isotonic", depth: 3, prior: 10, bins: 10 };
const GUARD = { seed: 1, sample: "test", sha256: "0".repeat(64) };

function field(name: string, confidence: number, generator = "gen"): ProposedField {
  return {
    name,
    raw: "x",
    value: "x",
    confidence,
    evidence: null,
    generator,
    candidates: [
      { value: "x", confidence, generator },
      { value: "y", confidence: confidence / 2, generator },
    ],
  };
}

describe("fitting the field calibration", () => {
  const data = observations(600);
  const artifact = fitFieldCalibration(data, { data: "synthetic", guard: GUARD });

  test("pooling adjacent violators leaves rates that never decrease, weights kept", () => {
    const pooled = poolAdjacentViolators([
      { weight: 1, value: 0.5 },
      { weight: 1, value: 0.1 },
      { weight: 2, value: 0.9 },
      { weight: 2, value: 0.6 },
    ]);
    expect(pooled.map((pool) => pool.value)).toEqual([0.3, 0.75]);
    expect(pooled.map((pool) => pool.weight)).toEqual([2, 4]);
  });

  test("every map never decreases and stays inside [0, 1], at and between its knots", () => {
    expect(Object.keys(artifact.maps).length).toBeGreaterThan(2);
    for (const map of Object.values(artifact.maps)) {
      let previous = -1;
      for (let raw = 0; raw <= 1.0001; raw += 0.01) {
        const p = applyMap(map, raw);
        expect(p).toBeGreaterThanOrEqual(previous);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        previous = p;
      }
    }
  });

  test("the prior keeps a sparse block off 0 and 1, leaning on the parent; more data, less prior", () => {
    const parent = () => 0.6;
    const method = { ...ISOTONIC, prior: 10 };
    const sparse = fitNode([{ raw: 0.9, correct: true }], parent, method);
    // one right answer: (1 + 10 × 0.6) / 11, not 1
    expect(sparse.y[0]).toBeCloseTo(7 / 11, 3);
    const wrong = fitNode([{ raw: 0.1, correct: false }], parent, method);
    expect(wrong.y[0]).toBeCloseTo(6 / 11, 3);
    const many = fitNode(
      Array.from({ length: 200 }, () => ({ raw: 0.9, correct: true })),
      parent,
      method,
    );
    expect(many.y[0]).toBeGreaterThan(0.97);
    expect(many.y[0]).toBeLessThan(1);
  });

  test("a field's map differs from its siblings' where its data does (OCR amounts are right less often)", () => {
    const maps = fitMaps(data, ISOTONIC);
    const ocrAmounts = maps["vendor_bill/ocr/amount_total"];
    const ocrNumbers = maps["vendor_bill/ocr/invoice_number"];
    expect(ocrAmounts && ocrNumbers).toBeTruthy();
    expect(applyMap(must(ocrAmounts), 0.7)).toBeLessThan(applyMap(must(ocrNumbers), 0.7));
  });

  test("cross-validation chooses a method that beats the raw scores out of fold", () => {
    const raw = crossValidate(data, null);
    const chosen = artifact.cross_validation.find((entry) => entry.chosen);
    expect(artifact.cross_validation[0]).toEqual({ ...raw, chosen: false });
    expect(chosen).toBeDefined();
    expect(must(chosen).brier).toBeLessThan(raw.brier);
    expect(must(chosen).ece).toBeLessThan(raw.ece);
    expect(artifact.cross_validation.filter((entry) => entry.chosen)).toHaveLength(1);
  });

  test("the same observations give the same artifact to the byte; other observations another name", () => {
    const again = fitFieldCalibration(data, { data: "synthetic", guard: GUARD });
    expect(JSON.stringify(again)).toBe(JSON.stringify(artifact));
    const other = fitFieldCalibration(observations(600, 2), { data: "synthetic", guard: GUARD });
    expect(other.name).not.toBe(artifact.name);
    expect(parseFieldCalibration(JSON.parse(JSON.stringify(artifact)), "test")).toEqual(artifact);
  });
});

describe("calibrating fields", () => {
  const artifact = fitFieldCalibration(observations(600), {
    data: "synthetic",
    guard: GUARD,
    methods: [{ ...ISOTONIC, prior: 5 }],
  });

  test("confidences go through their field's map, candidates too and in the same order; the name is reported", () => {
    const fields = [field("amount_total", 0.55), field("invoice_number", 0.55)];
    const { fields: calibrated, calibration } = calibrateFields("vendor_bill", fields, { ocr: true, calibration: artifact });
    expect(calibration).toBe(artifact.name);
    const [amount, number] = calibrated as [ProposedField, ProposedField];
    expect(amount.confidence).toBeCloseTo(applyMap(must(artifact.maps["vendor_bill/ocr/amount_total"]), 0.55), 3);
    // on scans an amount scored 0.55 is right far less often than an invoice number so scored
    expect(amount.confidence).toBeLessThan(number.confidence - 0.1);
    for (const entry of calibrated) {
      expect(must(entry.candidates[0]).confidence).toBeGreaterThanOrEqual(must(entry.candidates[1]).confidence);
      expect(entry.candidates.map((candidate) => candidate.value)).toEqual(["x", "y"]);
    }
    // the input is left as it was
    expect(must(fields[0]).confidence).toBe(0.55);
  });

  test("a field or document type without a map keeps its raw score; no calibration keeps them all", () => {
    const unknown = calibrateFields("purchase_order", [field("amount_total", 0.42)], { ocr: false, calibration: artifact });
    expect(must(unknown.fields[0]).confidence).toBe(0.42);
    const none = calibrateFields("vendor_bill", [field("amount_total", 0.42)], { ocr: false, calibration: null });
    expect(none).toEqual({ fields: [field("amount_total", 0.42)], calibration: null });
    // a field unseen in training uses its document type's map
    const unseen = calibrateFields("vendor_bill", [field("due_date", 0.42)], { ocr: false, calibration: artifact });
    expect(must(unseen.fields[0]).confidence).toBeCloseTo(applyMap(must(artifact.maps["vendor_bill/text"]), 0.42), 3);
    expect(artifact.maps["vendor_bill/text/due_date"]).toBeUndefined();
  });

  test("a failed cross-field check marks the amounts it involves, not the other fields", () => {
    const checks = [{ name: "untaxed_plus_tax_equals_total", ok: false, detail: null }];
    expect(fieldDetail(field("amount_tax", 0.5, "amount"), checks)).toBe("amount+failed_check");
    expect(fieldDetail(field("invoice_number", 0.5, "invoice_number"), checks)).toBe("invoice_number");
    expect(fieldDetail(field("amount_tax", 0.5, "amount"), [{ ...must(checks[0]), ok: true }])).toBe("amount");
  });
});

describe("unusable artifacts", () => {
  const artifact = fitFieldCalibration(observations(200), { data: "synthetic", guard: GUARD });
  const dir = mkdtempSync(join(tmpdir(), "ops-field-calibration-"));

  test("junk is refused naming the part, and a hand edit by its content hash", () => {
    const decreasing = { ...artifact, maps: { vendor_bill: { x: [0.1, 0.9], y: [0.8, 0.2], n: 2 } } };
    expect(() => parseFieldCalibration(decreasing, "a file")).toThrow(/y decreases at knot 1/);
    const outside = { ...artifact, maps: { vendor_bill: { x: [0.1], y: [1.5], n: 1 } } };
    expect(() => parseFieldCalibration(outside, "a file")).toThrow(CalibrationRejected);
    expect(() =>
      parseFieldCalibration({ ...artifact, maps: { vendor_bill: { x: [0.1, 0.2], y: [0.3], n: 1 } } }, "a file"),
    ).toThrow(/x has 2 knots, y 1/);
    expect(() => parseFieldCalibration([], "a file")).toThrow(/from a file is not usable/);
    const edited = JSON.parse(JSON.stringify(artifact)) as typeof artifact;
    const first = must(Object.values(edited.maps)[0]);
    first.y = first.y.map(() => 0.99);
    expect(() => parseFieldCalibration(edited, "a file")).toThrow(/hashes to field-calibration-[0-9a-f]{12}, not/);
  });

  test("a missing, broken or junk file gives one warning and raw scores, never a crash", () => {
    const cases = {
      missing: join(dir, "absent.json"),
      broken: join(dir, "broken.json"),
      junk: join(dir, "junk.json"),
    };
    writeFileSync(cases.broken, '{"format": "ops-field-cal');
    writeFileSync(cases.junk, JSON.stringify({ ...artifact, method: { ...artifact.method, depth: 9 } }));
    for (const path of Object.values(cases)) {
      const warnings: string[] = [];
      const loaded = loadFieldCalibration(path, (message) => warnings.push(message));
      expect(loaded).toBeNull();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/raw scores .*npm run -s ai:calibrate/s);
      const kept = calibrateFields("vendor_bill", [field("amount_total", 0.42)], { ocr: false, calibration: loaded });
      expect(must(kept.fields[0]).confidence).toBe(0.42);
      expect(kept.calibration).toBeNull();
    }
    const good = join(dir, "good.json");
    writeFileSync(good, `${JSON.stringify(artifact)}\n`);
    expect(loadFieldCalibration(good, () => undefined)?.name).toBe(artifact.name);
  });
});
