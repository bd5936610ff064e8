/**
 * Calibrated field confidence: the extractors score each proposed field in [0, 1] (ordered, not a
 * probability); a calibration map, fitted on bills of layouts the extractor was not developed on and
 * on the train requests, never on held-out data (`field_calibration_fit.ts`, `npm run -s ai:calibrate`),
 * turns that score into how often a field so scored was right. The maps form a tree (document
 * type → text or OCR → field → generator and failed check): a field uses the deepest map the
 * artifact has for it. The artifact is JSON, validated whole and named by its content's hash; one
 * that does not hold together is refused with a warning and the raw scores stay.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { IntakeDocument } from "../document";
import { score, type CrossCheck, type ProposedField } from "../result";
import { INTAKE_DATA_DIR } from "./corpus";

export const FIELD_CALIBRATION_FORMAT = "ops-field-calibration/1";
export const DEFAULT_FIELD_CALIBRATION_PATH = join(INTAKE_DATA_DIR, "field_calibration.json");

/** The fields a failed cross-field check involves (`bill_checks.ts`). */
const CHECKED_FIELDS: Record<string, readonly string[]> = {
  untaxed_plus_tax_equals_total: ["amount_untaxed", "amount_tax", "amount_total"],
  lines_sum_equals_untaxed: ["amount_untaxed"],
};

const unit = z.number().min(0).max(1);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** A monotone map from raw score to probability: straight lines between knots, flat past the ends. */
const calibrationMapSchema = z
  .strictObject({ x: z.array(unit).min(1), y: z.array(unit).min(1), n: z.number().int().min(0) })
  .superRefine((map, context) => {
    const issue = (message: string) => context.addIssue({ code: "custom", message });
    if (map.x.length !== map.y.length) issue(`x has ${map.x.length} knots, y ${map.y.length}`);
    for (let i = 1; i < map.x.length; i++) {
      if ((map.x[i] as number) < (map.x[i - 1] as number)) issue(`x decreases at knot ${i}`);
      if ((map.y[i] as number) < (map.y[i - 1] as number)) issue(`y decreases at knot ${i}`);
    }
  });
export type CalibrationMap = z.infer<typeof calibrationMapSchema>;

export const calibrationMethodSchema = z.strictObject({
  /** "isotonic": pool-adjacent-violators blocks; "histogram": equal-width bins of the raw score. */
  kind: z.enum(["isotonic", "histogram"]),
  /** How deep the tree of maps goes: 1 document type, 2 + text or OCR, 3 + field, 4 + generator and check. */
  depth: z.number().int().min(1).max(4),
  /** Pseudo-observations each block borrows from its parent's map (its prior). */
  prior: z.number().positive().max(1000),
  bins: z.number().int().min(2).max(100),
});
export type CalibrationMethod = z.infer<typeof calibrationMethodSchema>;

const artifactBody = z.strictObject({
  format: z.literal(FIELD_CALIBRATION_FORMAT),
  name: z.string().regex(/^field-calibration-[0-9a-f]{12}$/),
  method: calibrationMethodSchema,
  fitted_on: z.strictObject({
    /** What the observations were drawn from (train splits only), readably. */
    data: z.string().min(1),
    /** SHA-256 of the observations the maps were fitted on (raw score, outcome, path), in order. */
    inputs_sha256: hex64,
    observations: z.record(z.string(), z.number().int().min(0)),
  }),
  /** The extractors' outputs on a small fixed training sample: a changed extractor changes it (the guard test). */
  guard: z.strictObject({ seed: z.number().int(), sample: z.string().min(1), sha256: hex64 }),
  /** Cross-validation inside the training data (one group held out at a time): each method's Brier score and ECE. */
  cross_validation: z.array(
    z.strictObject({ method: z.string(), brier: z.number().min(0), ece: z.number().min(0), chosen: z.boolean() }),
  ),
  maps: z.record(z.string().min(1), calibrationMapSchema),
});

export type FieldCalibrationArtifact = z.infer<typeof artifactBody>;

/** JSON with every object's keys sorted: the same content always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** The name an artifact's content (all but its name) gives it: a change anywhere gives another name. */
export function calibrationName(artifact: Omit<FieldCalibrationArtifact, "name"> & { name?: string }): string {
  const body = Object.fromEntries(Object.entries(artifact).filter(([key]) => key !== "name"));
  return `field-calibration-${createHash("sha256").update(canonical(body)).digest("hex").slice(0, 12)}`;
}

export class CalibrationRejected extends Error {
  override readonly name = "CalibrationRejected";
}

/** Validates an artifact read from anywhere; throws `CalibrationRejected` naming the problem. */
export function parseFieldCalibration(raw: unknown, source: string): FieldCalibrationArtifact {
  const parsed = artifactBody.safeParse(raw);
  if (!parsed.success)
    throw new CalibrationRejected(`The field calibration from ${source} is not usable:\n${z.prettifyError(parsed.error)}`);
  const expected = calibrationName(parsed.data);
  if (parsed.data.name !== expected)
    throw new CalibrationRejected(
      `The field calibration from ${source} is not usable: its content hashes to ${expected}, not ${parsed.data.name} (edited by hand?).`,
    );
  return parsed.data;
}

/** The keys of a field's maps, from the document type down to its generator (and failed check). */
export function calibrationPath(documentType: string, ocr: boolean, field: string, detail: string): string[] {
  const modality = `${documentType}/${ocr ? "ocr" : "text"}`;
  return [documentType, modality, `${modality}/${field}`, `${modality}/${field}/${detail}`];
}

/** Whether a document was read by the OCR (a scan or an image): its pages are measured in pixels. */
export function readByOcr(document: Pick<IntakeDocument, "pages">): boolean {
  return document.pages.some((page) => page.unit === "px");
}

/** The generator of a field, marked when a cross-field check involving it failed. */
export function fieldDetail(field: Pick<ProposedField, "name" | "generator">, checks: readonly CrossCheck[]): string {
  const failed = checks.some((check) => !check.ok && CHECKED_FIELDS[check.name]?.includes(field.name));
  return `${field.generator ?? "none"}${failed ? "+failed_check" : ""}`;
}

/** The map's probability for a raw score. */
export function applyMap(map: CalibrationMap, raw: number): number {
  const { x, y } = map;
  const last = x.length - 1;
  if (raw <= (x[0] as number)) return y[0] as number;
  if (raw >= (x[last] as number)) return y[last] as number;
  let high = 1;
  while ((x[high] as number) < raw) high++;
  const [x0, x1, y0, y1] = [x[high - 1], x[high], y[high - 1], y[high]] as number[] as [number, number, number, number];
  return x1 === x0 ? y1 : y0 + ((y1 - y0) * (raw - x0)) / (x1 - x0);
}

/** The deepest map of `path` the artifact has, or null. */
export function deepestMap(maps: Readonly<Record<string, CalibrationMap>>, path: readonly string[]): CalibrationMap | null {
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const map = maps[path[depth] as string];
    if (map) return map;
  }
  return null;
}

export interface CalibrateOptions {
  /** The document was read by OCR (a scan or an image). */
  ocr: boolean;
  /** The extractor's cross-field checks: a failed one marks the fields it involves. */
  checks?: readonly CrossCheck[];
  /** The calibration to apply; the shipped one when absent, none (raw scores) when null. */
  calibration?: FieldCalibrationArtifact | null;
}

export interface CalibratedFields {
  fields: ProposedField[];
  /** The calibration's name, or null when the raw scores were kept. */
  calibration: string | null;
}

/**
 * The fields with calibrated confidence; their candidates go through the field's map too, so they
 * stay in the same order. A field the artifact has no map for keeps its raw score.
 */
export function calibrateFields(
  documentType: string,
  fields: readonly ProposedField[],
  options: CalibrateOptions,
): CalibratedFields {
  const artifact = options.calibration === undefined ? shippedFieldCalibration() : options.calibration;
  if (artifact === null) return { fields: [...fields], calibration: null };
  const checks = options.checks ?? [];
  return {
    calibration: artifact.name,
    fields: fields.map((field) => {
      const path = calibrationPath(documentType, options.ocr, field.name, fieldDetail(field, checks));
      const own = deepestMap(artifact.maps, path);
      const shared = deepestMap(artifact.maps, path.slice(0, 3));
      if (!own || !shared) return field;
      return {
        ...field,
        confidence: score(applyMap(own, field.confidence)),
        candidates: field.candidates.map((candidate) => ({
          ...candidate,
          confidence: score(applyMap(shared, candidate.confidence)),
        })),
      };
    }),
  };
}

/** Reads an artifact file; a missing or unusable one gives null and one warning naming what to do. */
export function loadFieldCalibration(path: string, warn: (message: string) => void): FieldCalibrationArtifact | null {
  try {
    return parseFieldCalibration(JSON.parse(readFileSync(path, "utf8")), path);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    warn(`${why}\n  → field confidences stay raw scores (not calibrated); run npm run -s ai:calibrate to write it again`);
    return null;
  }
}

let shipped: { artifact: FieldCalibrationArtifact | null } | undefined;

/** The calibration shipped with the bridge (read once); null, after one warning, when it is unusable. */
export function shippedFieldCalibration(): FieldCalibrationArtifact | null {
  shipped ??= {
    artifact: loadFieldCalibration(DEFAULT_FIELD_CALIBRATION_PATH, (message) =>
      process.emitWarning(message, { code: "OPS_FIELD_CALIBRATION" }),
    ),
  };
  return shipped.artifact;
}
