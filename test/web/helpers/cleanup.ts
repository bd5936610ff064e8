// A cleanup stack (as in o-spreadsheet's jest setup): tests push what they set up, setup.ts runs
// the stack in reverse order after every test.
type Cleanup = () => void | Promise<void>;

const cleanups: Cleanup[] = [];

export function registerCleanup(cleanup: Cleanup): void {
  cleanups.push(cleanup);
}

/** Runs every registered cleanup, last in first out; rethrows the first failure after all ran. */
export async function executeCleanups(): Promise<void> {
  let firstError: unknown = null;
  let cleanup: Cleanup | undefined;
  while ((cleanup = cleanups.pop())) {
    try {
      await cleanup();
    } catch (error) {
      firstError ??= error;
    }
  }
  if (firstError) {
    throw firstError;
  }
}
