/**
 * The trained request classifier as JSON: what Odoo stores as a model version's artifact and the
 * bridge ships as its default. Validated with zod whenever it is read: an artifact that does not
 * hold together (a weight row of the wrong length, an unknown class) is refused whole.
 */
import { z } from "zod";
import { REQUEST_CLASSES } from "../request_keywords";

export const CLASSIFIER_FORMAT = "ops-request-classifier/2";

const finite = z.number().refine(Number.isFinite, { error: "must be a finite number" });

export const trainingSettingsSchema = z.strictObject({
  seed: z.number().int(),
  l2: finite.positive(),
  epochs: z.number().int().min(1).max(100_000),
  learningRate: finite.positive(),
  minDf: z.number().int().min(1),
  maxFeatures: z.number().int().min(1),
  /** What one hit of the keyword rules weighs next to the unit-length n-grams. */
  keywordScale: finite.min(0),
  folds: z.number().int().min(2).max(20),
  /**
   * What of the body is read (`email_body.ts`): all of it (artifacts without this setting), the
   * sender's own text (a forward or reply read through when that is nearly empty), or the own text
   * and always a forward's message (a reply's quoted text only when the own text is nearly empty).
   */
  body: z.enum(["raw", "own_text", "own_text_and_forwarded"]).optional(),
});
export type TrainingSettings = z.infer<typeof trainingSettingsSchema>;

export const classifierArtifactSchema = z
  .strictObject({
    format: z.literal(CLASSIFIER_FORMAT),
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$/),
    labels: z.array(z.enum(REQUEST_CLASSES)).min(2),
    training_set_sha256: z.string().regex(/^[0-9a-f]{64}$/),
    training_examples: z.number().int().min(1),
    settings: trainingSettingsSchema,
    features: z.array(z.string().min(1)).min(1),
    idf: z.array(finite),
    weights: z.array(z.array(finite)),
    bias: z.array(finite),
    /** Temperature scaling, fitted on out-of-fold predictions of the training set. */
    temperature: finite.positive(),
  })
  .superRefine((artifact, context) => {
    const size = artifact.features.length;
    const issue = (message: string) => context.addIssue({ code: "custom", message });
    if (new Set(artifact.labels).size !== artifact.labels.length) issue("labels repeat a class");
    if (artifact.idf.length !== size) issue(`idf has ${artifact.idf.length} values for ${size} features`);
    if (artifact.weights.length !== artifact.labels.length)
      issue(`weights has ${artifact.weights.length} rows for ${artifact.labels.length} labels`);
    if (artifact.bias.length !== artifact.labels.length)
      issue(`bias has ${artifact.bias.length} values for ${artifact.labels.length} labels`);
    artifact.weights.forEach((row, index) => {
      if (row.length !== size) issue(`weights[${index}] has ${row.length} values for ${size} features`);
    });
  });

export type ClassifierArtifact = z.infer<typeof classifierArtifactSchema>;

/** An artifact that cannot run: what is wrong with it, said readably. */
export class ArtifactRejected extends Error {
  override readonly name = "ArtifactRejected";
}

/** Validates an artifact read from anywhere (Odoo, a file); throws `ArtifactRejected` naming the problem. */
export function parseClassifierArtifact(raw: unknown, source: string): ClassifierArtifact {
  const parsed = classifierArtifactSchema.safeParse(raw);
  if (!parsed.success)
    throw new ArtifactRejected(`The classifier artifact from ${source} is not usable:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Rounds weights to what the JSON keeps, so a saved artifact reads back to the same numbers. */
export function roundWeight(value: number): number {
  return Number(value.toPrecision(7));
}
