/** `ops-bridge serve [--port n] [--host addr]`: receive signed webhooks until SIGINT or SIGTERM. */
import { resolve } from "node:path";
import type { CliArgs } from "../args";
import { prepare, progressFor, type CommandIO } from "../commands";
import { DATA_DIR_ENV, defaultDataDir, serve } from "./index";

/** Where the server listens unless told otherwise. */
export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = "127.0.0.1";

/** Resolves when the process is asked to stop. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => done(signal));
  });
}

export async function runServe(args: CliArgs, io: CommandIO, stopped: Promise<unknown> = stopSignal()): Promise<number> {
  const { settings, env, gateway } = prepare(args, io);
  const { retryHooks } = progressFor({ ...args, json: true }, io);
  const log = (line: string): void => io.stderrRaw(`${line}\n`);
  const port = args.port ?? (env.OPS_BRIDGE_PORT ? Number(env.OPS_BRIDGE_PORT) : DEFAULT_PORT);
  const dataDir = resolve(io.cwd ?? process.cwd(), env[DATA_DIR_ENV] ?? defaultDataDir(io.cwd ?? process.cwd()));
  const serving = await serve({
    env,
    settings,
    gateway,
    port,
    host: args.host ?? DEFAULT_HOST,
    dataDir,
    retryHooks,
    log,
    // --json: one line per event once it is in Odoo (the bench reads receipt-to-record latency)
    onDone: args.json
      ? (events, outcome) => {
          const doneAt = Date.now();
          for (const event of events) {
            io.stdout(
              JSON.stringify({
                traceId: event.traceId,
                vendor: event.vendor,
                deliveryId: event.deliveryId,
                outcome,
                receivedAt: event.receivedAt,
                doneAt,
              }),
            );
          }
        }
      : undefined,
  });
  log(
    `ops-bridge serve: listening on ${serving.url} for ${serving.vendors.map((vendor) => `/webhooks/${vendor}`).join(", ")}; ` +
      `journal in ${dataDir} (${serving.journal.size} events pending)`,
  );
  await stopped;
  log(`ops-bridge serve: stopping; ${serving.journal.size} events stay in the journal for the next start`);
  await serving.close();
  return 0;
}
