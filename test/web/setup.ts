// setupFilesAfterEnv of the "web" jest project (o-spreadsheet style):
// - a test fails when anything calls console.error or console.warn (OWL reports through them);
// - the cleanup stack (helpers/cleanup.ts) runs after every test.
// Also loaded by the node-environment tests in this folder, so nothing here touches the DOM.
import { executeCleanups } from "./helpers/cleanup";

let consoleCalls: string[] = [];

function recordConsole(kind: "error" | "warn") {
  return (...args: unknown[]) => {
    const text = args.map((arg) => (arg instanceof Error ? (arg.stack ?? arg.message) : String(arg))).join(" ");
    consoleCalls.push(`console.${kind}: ${text}`);
  };
}

beforeEach(() => {
  consoleCalls = [];
  jest.spyOn(console, "error").mockImplementation(recordConsole("error"));
  jest.spyOn(console, "warn").mockImplementation(recordConsole("warn"));
});

afterEach(async () => {
  try {
    await executeCleanups();
  } finally {
    jest.restoreAllMocks();
  }
  if (consoleCalls.length) {
    const calls = consoleCalls;
    consoleCalls = [];
    throw new Error(`the test wrote to the console:\n${calls.join("\n")}`);
  }
});
