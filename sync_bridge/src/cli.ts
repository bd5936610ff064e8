/**
 * `ops-bridge` command line. `main` returns the exit code instead of exiting, so the bin script
 * (sync_bridge/bin/ops-bridge.js) owns the process and tests can call it.
 */
import { version as BRIDGE_VERSION } from "../../package.json";
import { parseCliArgs, USAGE, UsageError, type CliArgs } from "./args";
import { runReplay, runStatus, runSync, type CommandIO } from "./commands";
import { loadConfig, type BridgeConfig } from "./config";
import { runDoctor, type GatewayFactory } from "./doctor";
import { ConfigValidationError, errorMessage } from "./errors";
import { runIntake } from "./intake_command";
import { runReconcile } from "./reconcile_command";
import { buildJsonReport, doctorExitCode, renderText } from "./report";
import { runServe } from "./serve/command";

export { BRIDGE_VERSION };

/** Where the CLI writes and what it reads; the defaults are the real process's. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** Override to check through other gateways; defaults to the real transports. */
  makeGateway?: GatewayFactory;
  /** Writes to stderr as is (no line end added); derived from `stderr` when not given. */
  stderrRaw?: (text: string) => void;
  /** Whether stderr is a terminal (live progress line); false when not given. */
  stderrIsTTY?: boolean;
  /** Where relative paths (--config) start; the process's working directory when not given. */
  cwd?: string;
}

const processIO: CliIO = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  stderrRaw: (text) => void process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
};

/** The commands' view of `io`; a line-based `stderr` gets whole lines. */
function commandIO(io: CliIO): CommandIO {
  let pending = "";
  const lineBuffered = (text: string): void => {
    pending += text;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    // eslint-disable-next-line no-control-regex -- the terminal's "clear line" sequence
    for (const line of lines) io.stderr(line.replace(/^\r\u001b\[2K/, ""));
  };
  return {
    stdout: io.stdout,
    stderrRaw: io.stderrRaw ?? lineBuffered,
    env: io.env,
    stderrIsTTY: io.stderrIsTTY ?? false,
    makeGateway: io.makeGateway,
    cwd: io.cwd,
  };
}

/** Reports a usage or configuration problem: readable text on stderr, JSON too with --json. */
function fail(io: CliIO, json: boolean, message: string, hint: string): 2 {
  io.stderr(`ops-bridge: ${message}\n${hint}`);
  if (json) io.stdout(JSON.stringify({ ok: false, exitCode: 2, error: message, hint }, null, 2));
  return 2;
}

/** Runs a command, turning a configuration error into its message and exit code 2. */
async function withConfig(args: CliArgs, io: CliIO, command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof ConfigValidationError) return fail(io, args.json, error.message, error.hint);
    throw error;
  }
}

async function doctor(args: CliArgs, io: CliIO): Promise<number> {
  let config: BridgeConfig;
  try {
    config = loadConfig({ env: io.env, envFile: args.envFile });
  } catch (error) {
    if (error instanceof ConfigValidationError) return fail(io, args.json, error.message, error.hint);
    throw error;
  }
  const results = await runDoctor(config, args.transports, io.makeGateway);
  if (args.json) {
    const report = buildJsonReport(results, {
      bridgeVersion: BRIDGE_VERSION,
      url: config.url,
      db: config.db,
      transports: args.transports,
    });
    io.stdout(JSON.stringify(report, null, 2));
  } else {
    io.stdout(renderText(results));
  }
  return doctorExitCode(results);
}

/**
 * Runs `ops-bridge` with `argv` (the arguments after the script name) and resolves to the
 * exit code: 0 success, 1 a check failed (or an unexpected error), 2 bad usage/configuration.
 */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      return fail(io, argv.includes("--json"), error.message, "Run `ops-bridge --help` for usage.");
    }
    throw error;
  }
  try {
    switch (args.command) {
      case "help":
        io.stdout(USAGE);
        return 0;
      case "version":
        io.stdout(args.json ? JSON.stringify({ version: BRIDGE_VERSION }) : `ops-bridge ${BRIDGE_VERSION}`);
        return 0;
      case "doctor":
        return await doctor(args, io);
      case "sync":
        return await withConfig(args, io, () => runSync(args, commandIO(io)));
      case "replay":
        return await withConfig(args, io, () => runReplay(args, commandIO(io)));
      case "status":
        return await withConfig(args, io, () => runStatus(args, commandIO(io)));
      case "reconcile":
        return await withConfig(args, io, () => runReconcile(args, commandIO(io)));
      case "serve":
        return await withConfig(args, io, () => runServe(args, commandIO(io)));
      case "intake":
        return await withConfig(args, io, () => runIntake(args, commandIO(io)));
    }
  } catch (error) {
    // A bug, not an Odoo problem: say so briefly; OPS_BRIDGE_DEBUG=1 shows the stack.
    io.stderr(`ops-bridge: unexpected error: ${errorMessage(error)}`);
    if (io.env.OPS_BRIDGE_DEBUG && error instanceof Error && error.stack) io.stderr(error.stack);
    return 1;
  }
}
