/** Catches the `ConfigValidationError` a configuration check throws, to look at its message and hint. */
import { ConfigValidationError } from "../../../sync_bridge/src/errors";

/** The error `run` throws; fails the test when it throws nothing or something else. */
export function configError(run: () => unknown): ConfigValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error("expected a ConfigValidationError");
}
