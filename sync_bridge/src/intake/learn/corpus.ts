/**
 * The labelled requests shipped with the bridge (`sync_bridge/data/intake/requests/`): the training
 * split every retrain starts from, and the frozen held-out split every candidate is measured on (no
 * model ever trains on it). Their hashes name them: a model's training set, and the held-out set its
 * metrics were measured on.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { BRIDGE_DIR } from "../../bridge_dir";
import { REQUEST_CLASSES, type RequestClass } from "../request_keywords";

/** One labelled request: what the classifier reads, and its class. */
export interface LabelledRequest {
  subject: string;
  body: string;
  label: RequestClass;
}

export type ShippedSplit = "train" | "heldout";

export const INTAKE_DATA_DIR = join(BRIDGE_DIR, "data", "intake");

const shippedLine = z.object({
  subject: z.string(),
  body: z.string(),
  expect: z.object({ class: z.enum(REQUEST_CLASSES) }),
});

export function shippedSplitPath(split: ShippedSplit): string {
  return join(INTAKE_DATA_DIR, "requests", `${split}.jsonl`);
}

/** The requests of a shipped split; a malformed line fails with its number. */
export function loadShippedRequests(split: ShippedSplit): LabelledRequest[] {
  return readFileSync(shippedSplitPath(split), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, index) => {
      const parsed = shippedLine.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${split}.jsonl line ${index + 1}: ${z.prettifyError(parsed.error)}`);
      return { subject: parsed.data.subject, body: parsed.data.body, label: parsed.data.expect.class };
    });
}

/** The SHA-256 of the frozen held-out file, as shipped: what candidates' metrics name. */
export function heldoutSha256(): string {
  return createHash("sha256")
    .update(readFileSync(shippedSplitPath("heldout")))
    .digest("hex");
}

/** The SHA-256 of a training set: its examples in order, each as canonical JSON on a line. */
export function trainingSetSha256(examples: readonly LabelledRequest[]): string {
  const hash = createHash("sha256");
  for (const example of examples) hash.update(`${JSON.stringify([example.subject, example.body, example.label])}\n`);
  return hash.digest("hex");
}
