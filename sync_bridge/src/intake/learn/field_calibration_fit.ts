/**
 * Fitting the field calibration (`field_calibration.ts`) from observations on training data: each
 * proposed field's raw score, whether it was right, and its path in the tree of maps. Every node of
 * the tree gets a monotone map (isotonic regression or a histogram of the raw score) whose blocks
 * borrow `prior` pseudo-observations from the parent's map, so a sparse block leans on its parent
 * instead of collapsing to 0 or 1; the root leans on the document type's overall rate. The method
 * (kind, depth, prior) is chosen by leaving one group out (a bill layout, a language of requests):
 * the lowest out-of-fold Brier score on groups the maps never saw, as new layouts will be.
 */
import { createHash } from "node:crypto";
import {
  applyMap,
  calibrationName,
  deepestMap,
  FIELD_CALIBRATION_FORMAT,
  type CalibrationMap,
  type CalibrationMethod,
  type FieldCalibrationArtifact,
} from "./field_calibration";
import { expectedCalibrationError } from "./metrics";

export interface FieldObservation {
  /** The document the field was read from. */
  document: string;
  /** What cross-validation holds out together: a bill layout (text and scans), a language of requests. */
  group: string;
  /** `calibrationPath(...)`: the map keys from the document type down. */
  path: readonly string[];
  raw: number;
  correct: boolean;
}

interface Block {
  n: number;
  right: number;
  /** Sum of the raw scores. */
  sum: number;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** Pool adjacent violators: merges neighbouring blocks until their rates never decrease. */
export function poolAdjacentViolators<B extends { weight: number; value: number }>(
  blocks: readonly B[],
): { weight: number; value: number; members: B[] }[] {
  const pooled: { weight: number; value: number; members: B[] }[] = [];
  for (const block of blocks) {
    pooled.push({ weight: block.weight, value: block.value, members: [block] });
    while (pooled.length > 1) {
      const last = pooled[pooled.length - 1] as (typeof pooled)[number];
      const before = pooled[pooled.length - 2] as (typeof pooled)[number];
      if (before.value <= last.value) break;
      const weight = before.weight + last.weight;
      pooled.splice(pooled.length - 2, 2, {
        weight,
        value: (before.value * before.weight + last.value * last.weight) / weight,
        members: [...before.members, ...last.members],
      });
    }
  }
  return pooled;
}

/** The raw blocks of one node: one per distinct raw score (isotonic, pooled later) or per bin. */
function rawBlocks(points: readonly { raw: number; correct: boolean }[], method: CalibrationMethod): Block[] {
  const keyed = new Map<number, Block>();
  for (const { raw, correct } of points) {
    const key = method.kind === "histogram" ? Math.min(method.bins - 1, Math.floor(raw * method.bins)) : raw;
    const block = keyed.get(key) ?? { n: 0, right: 0, sum: 0 };
    block.n++;
    block.right += correct ? 1 : 0;
    block.sum += raw;
    keyed.set(key, block);
  }
  return [...keyed.entries()].sort((a, b) => a[0] - b[0]).map(([, block]) => block);
}

/**
 * One node's map: blocks of its points (isotonic: pooled first, on their own rates), each block's
 * rate shrunk toward the parent's probability at the block's mean raw score with `prior`
 * pseudo-observations, then pooled again so the map never decreases.
 */
export function fitNode(
  points: readonly { raw: number; correct: boolean }[],
  parent: (raw: number) => number,
  method: CalibrationMethod,
): CalibrationMap {
  let blocks = rawBlocks(points, method);
  if (method.kind === "isotonic") {
    blocks = poolAdjacentViolators(blocks.map((block) => ({ ...block, weight: block.n, value: block.right / block.n }))).map(
      (pool) =>
        pool.members.reduce((sum, b) => ({ n: sum.n + b.n, right: sum.right + b.right, sum: sum.sum + b.sum }), {
          n: 0,
          right: 0,
          sum: 0,
        }),
    );
  }
  const shrunk = blocks.map((block) => {
    const mean = block.sum / block.n;
    return {
      mean,
      weight: block.n + method.prior,
      value: (block.right + method.prior * parent(mean)) / (block.n + method.prior),
    };
  });
  const pooled = poolAdjacentViolators(shrunk);
  const x: number[] = [];
  const y: number[] = [];
  for (const pool of pooled) {
    // A pooled run keeps its ends as knots, so the map stays flat across it.
    const first = (pool.members[0] as (typeof shrunk)[number]).mean;
    const last = (pool.members[pool.members.length - 1] as (typeof shrunk)[number]).mean;
    for (const at of first === last ? [first] : [first, last]) {
      x.push(round(at));
      y.push(round(pool.value));
    }
  }
  return { x, y, n: points.length };
}

/** The overall rate of a document type with one pseudo-success and one pseudo-failure (never 0 or 1). */
function baseRate(points: readonly { correct: boolean }[]): number {
  return (points.filter((point) => point.correct).length + 1) / (points.length + 2);
}

/** Every node's map down to `method.depth`, each fitted against its parent's. */
export function fitMaps(observations: readonly FieldObservation[], method: CalibrationMethod): Record<string, CalibrationMap> {
  const maps: Record<string, CalibrationMap> = {};
  for (let level = 0; level < method.depth; level++) {
    const groups = new Map<string, FieldObservation[]>();
    for (const observation of observations) {
      const key = observation.path[level];
      if (key === undefined) continue;
      const group = groups.get(key);
      if (group) group.push(observation);
      else groups.set(key, [observation]);
    }
    for (const key of [...groups.keys()].sort()) {
      const points = groups.get(key) as FieldObservation[];
      const parentMap = level === 0 ? null : maps[(points[0] as FieldObservation).path[level - 1] as string];
      const rate = baseRate(points);
      maps[key] = fitNode(points, parentMap ? (raw) => applyMap(parentMap, raw) : () => rate, method);
    }
  }
  return maps;
}

/** The calibrated probability of an observation under `maps` (its raw score when no map covers it). */
export function predict(maps: Readonly<Record<string, CalibrationMap>>, observation: FieldObservation): number {
  const map = deepestMap(maps, observation.path);
  return map ? applyMap(map, observation.raw) : observation.raw;
}

export interface CrossValidated {
  method: string;
  brier: number;
  ece: number;
}

function brier(probabilities: readonly number[], outcomes: readonly boolean[]): number {
  const total = probabilities.reduce((sum, p, index) => sum + (p - (outcomes[index] ? 1 : 0)) ** 2, 0);
  return probabilities.length ? total / probabilities.length : 0;
}

export function describeMethod(method: CalibrationMethod | null): string {
  if (method === null) return "raw scores (no calibration)";
  const kind = method.kind === "histogram" ? `histogram/${method.bins}` : "isotonic";
  return `${kind}, depth ${method.depth}, prior ${method.prior}`;
}

/** Brier score and ECE of a method (null: the raw scores) on each group, fitted on the other groups. */
export function crossValidate(observations: readonly FieldObservation[], method: CalibrationMethod | null): CrossValidated {
  const probabilities: number[] = [];
  const outcomes: boolean[] = [];
  for (const group of [...new Set(observations.map((observation) => observation.group))].sort()) {
    const test = observations.filter((observation) => observation.group === group);
    const maps =
      method === null
        ? {}
        : fitMaps(
            observations.filter((observation) => observation.group !== group),
            method,
          );
    for (const observation of test) {
      probabilities.push(predict(maps, observation));
      outcomes.push(observation.correct);
    }
  }
  return {
    method: describeMethod(method),
    brier: round(brier(probabilities, outcomes)),
    ece: round(expectedCalibrationError(probabilities, outcomes)),
  };
}

/** The methods cross-validation chooses from. */
export function candidateMethods(): CalibrationMethod[] {
  const methods: CalibrationMethod[] = [];
  for (const kind of ["isotonic", "histogram"] as const)
    for (const depth of [1, 2, 3, 4]) for (const prior of [2, 5, 10, 20, 50]) methods.push({ kind, depth, prior, bins: 10 });
  return methods;
}

/** SHA-256 of the observations, in order: what the artifact was fitted on. */
export function observationsSha256(observations: readonly FieldObservation[]): string {
  const hash = createHash("sha256");
  for (const o of observations) hash.update(`${JSON.stringify([o.document, o.group, o.path, o.raw, o.correct])}\n`);
  return hash.digest("hex");
}

export interface FitSettings {
  /** What the observations were drawn from, readably (recorded in the artifact). */
  data: string;
  guard: FieldCalibrationArtifact["guard"];
  methods?: readonly CalibrationMethod[];
}

/** Chooses a method by cross-validation, fits it on all observations and returns the named artifact. */
export function fitFieldCalibration(observations: readonly FieldObservation[], settings: FitSettings): FieldCalibrationArtifact {
  if (observations.length === 0) throw new Error("No observations to fit the field calibration on.");
  const methods = settings.methods ?? candidateMethods();
  const scored = methods.map((method) => ({ method, result: crossValidate(observations, method) }));
  // The lowest Brier score; on a tie the earlier (simpler) method.
  const best = scored.reduce((a, b) => (b.result.brier < a.result.brier ? b : a));
  const observed: Record<string, number> = {};
  for (const observation of observations) {
    const key = observation.path[1] ?? observation.path[0] ?? "";
    observed[key] = (observed[key] ?? 0) + 1;
  }
  const body: Omit<FieldCalibrationArtifact, "name"> = {
    format: FIELD_CALIBRATION_FORMAT,
    method: best.method,
    fitted_on: {
      data: settings.data,
      inputs_sha256: observationsSha256(observations),
      observations: Object.fromEntries(Object.entries(observed).sort(([a], [b]) => a.localeCompare(b))),
    },
    guard: settings.guard,
    cross_validation: [
      { ...crossValidate(observations, null), chosen: false },
      ...scored.map(({ method, result }) => ({ ...result, chosen: method === best.method })),
    ],
    maps: fitMaps(observations, best.method),
  };
  const { format, ...rest } = body;
  return { format, name: calibrationName(body), ...rest };
}
