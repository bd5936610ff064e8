/**
 * Reading a connector's secrets from the environment (or the `--env-file`), only when its source
 * runs: one vendor's missing token must not stop another source's sync. Each connector validates
 * its own variables with zod (its `secrets.ts`); a missing or malformed secret fails with zod's
 * prettified report and the variables to set.
 */
import { z } from "zod";
import { ConfigValidationError } from "../errors";
import type { Env } from "./descriptor";

/** zod error option: "is not set" for a missing variable, "must be a non-empty string" otherwise. */
export const isSet = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "is not set" : "must be a non-empty string"),
};

/** Validates `schema` against the environment; empty values count as unset. `vendor` names them in the message. */
export function readSecrets<S extends z.ZodType>(schema: S, env: Env, vendor: string): z.output<S> {
  const input = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
    throw new ConfigValidationError(
      `Missing ${vendor} credentials:\n${z.prettifyError(parsed.error)}`,
      `Set ${names.join(", ")} in the environment or in the file passed with --env-file.`,
    );
  }
  return parsed.data;
}
