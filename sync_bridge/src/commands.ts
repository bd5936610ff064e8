/**
 * The `sync`, `replay` and `status` commands: configuration in, a report out. Each resolves to
 * the exit code; `cli.ts` turns configuration errors into exit code 2 before they get here.
 */
import type { CliArgs } from "./args";
import { mergedEnv, parseConfig, type BridgeConfig } from "./config";
import type { GatewayFactory } from "./doctor";
import { errorMessage, OdooError, OdooNotFoundError, RetriableOdooError } from "./errors";
import { createGateway, type OdooGateway } from "./gateway";
import { createSource, type SourceName } from "./sources";
import { loadSyncSettings, type SyncSettings } from "./sync_config";
import { createProgress, silentProgress, type ProgressSink } from "./sync/progress";
import { replayEvents } from "./sync/replay";
import { renderReplaySummary, renderStatus, renderSyncSummary, syncJson } from "./sync/report";
import { syncSource } from "./sync/runner";
import type { RetryHooks } from "./retry";

/** What the commands need from the process; `cli.ts` fills it from the real one. */
export interface CommandIO {
  stdout: (text: string) => void;
  /** Raw writes to stderr (the progress line manages its own line ends). */
  stderrRaw: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stderr is a terminal: the progress line is then rewritten in place. */
  stderrIsTTY: boolean;
  makeGateway?: GatewayFactory;
  cwd?: string;
}

/** Everything a command reads before it starts: Odoo settings, sync settings, secrets. */
export interface Prepared {
  config: BridgeConfig;
  settings: SyncSettings;
  env: Record<string, string | undefined>;
  gateway: OdooGateway;
}

export function prepare(args: CliArgs, io: CommandIO, withSettings = true): Prepared {
  const env = mergedEnv({ env: io.env, envFile: args.envFile });
  const config = parseConfig(env);
  const settings = loadSyncSettings(withSettings ? (args.configFile ?? env.OPS_BRIDGE_CONFIG) : undefined, io.cwd);
  const makeGateway = io.makeGateway ?? createGateway;
  return { config, settings, env, gateway: makeGateway(config, args.transport ?? config.transport) };
}

/** Progress and retry notices, unless `--json` wants stderr quiet. */
export function progressFor(args: CliArgs, io: CommandIO): { progress: ProgressSink; retryHooks: RetryHooks } {
  const progress = args.json ? silentProgress : createProgress({ write: io.stderrRaw, tty: io.stderrIsTTY });
  const retryHooks: RetryHooks = {
    onRetry: (error, attempt, delayMs) =>
      progress.note(
        `${errorMessage(error)}; retrying in ${delayMs < 1000 ? `${delayMs} ms` : `${(delayMs / 1000).toFixed(1)} s`} (attempt ${attempt + 1})`,
      ),
  };
  return { progress, retryHooks };
}

/** The message for an Odoo failure that stopped a command. */
export function odooStopped(error: OdooError, command: string): string {
  const advice =
    error instanceof RetriableOdooError
      ? "Odoo did not come back in time; start it (`npm start`) and run the command again: it resumes from the stored cursors"
      : error instanceof OdooNotFoundError && (error.kind === "method" || error.kind === "model")
        ? "upgrade addon_ops_harmony to the bridge's version (`npm start` does it), then run the command again"
        : "run `ops-bridge doctor` to see what Odoo refuses";
  return `ops-bridge ${command}: stopped: ${error.message}\n  → ${advice}`;
}

/** `ops-bridge sync <source>`. */
export async function runSync(args: CliArgs, io: CommandIO): Promise<number> {
  const { settings, env, gateway } = prepare(args, io);
  const { progress, retryHooks } = progressFor(args, io);
  const source = createSource(args.source as SourceName, settings, { env, retryHooks });
  const missing = (args.streams ?? []).filter((name) => !source.streams.some((stream) => stream.name === name));
  if (missing.length > 0) {
    const why = source.missing?.(missing) ?? `no stream ${missing.join(", ")}`;
    io.stderrRaw(`ops-bridge sync ${source.name}: ${why}\n`);
    return 2;
  }
  try {
    const report = await syncSource(
      source,
      { streams: args.streams, full: args.full, since: args.since },
      {
        gateway,
        odooRetry: settings.odooRetryPolicy,
        retryHooks,
        batchSize: settings.batchSize,
        concurrency: settings.concurrency,
        leases: { ttlSeconds: settings.leaseTtlSeconds, maxWaitMs: settings.leaseWaitSeconds * 1000, pollMs: 2000 },
        windowHours: settings.windowHours,
        progress,
      },
    );
    io.stdout(args.json ? JSON.stringify(syncJson(report), null, 2) : renderSyncSummary(report));
    return report.ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof OdooError)) throw error;
    progress.finish();
    io.stderrRaw(`${odooStopped(error, `sync ${source.name}`)}\n`);
    return 1;
  }
}

/** `ops-bridge replay [--event id | --dead]`. */
export async function runReplay(args: CliArgs, io: CommandIO): Promise<number> {
  const { settings, env, gateway } = prepare(args, io);
  const { retryHooks } = progressFor(args, io);
  try {
    const report = await replayEvents(
      { eventId: args.eventId, dead: args.dead },
      {
        gateway,
        odooRetry: settings.odooRetryPolicy,
        retryHooks,
        batchSize: settings.batchSize,
        // Replays read stored payloads: no vendor is called, so no secret is needed.
        sourceFor: (name) => createSource(name, settings, { env, offline: true }),
      },
    );
    io.stdout(args.json ? JSON.stringify(report, null, 2) : renderReplaySummary(report));
    return 0;
  } catch (error) {
    if (!(error instanceof OdooError)) throw error;
    io.stderrRaw(`${odooStopped(error, "replay")}\n`);
    return 1;
  }
}

/** `ops-bridge status`. */
export async function runStatus(args: CliArgs, io: CommandIO): Promise<number> {
  const { gateway } = prepare(args, io, false);
  try {
    const status = await gateway.syncStatus();
    io.stdout(args.json ? JSON.stringify(status, null, 2) : renderStatus(status));
    return 0;
  } catch (error) {
    if (!(error instanceof OdooError)) throw error;
    io.stderrRaw(`${odooStopped(error, "status")}\n`);
    return 1;
  }
}
