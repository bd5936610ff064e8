/** `ops-bridge reconcile <source> [--stream s]` and `ops-bridge reconcile --pending`. */
import type { CliArgs } from "./args";
import { odooStopped, prepare, progressFor, type CommandIO } from "./commands";
import { OdooError } from "./errors";
import type { OdooGateway } from "./gateway";
import type { ReconcileGateway } from "./gateway/reconcile_gateway";
import { createSource, isSourceName, type SourceName } from "./sources";
import { reconcilePending, reconcileSource, type ReconcileDeps, type ReconcileOutcome } from "./sync/reconcile";
import { reconcileJson, renderReconcileSummary } from "./sync/reconcile_report";

function canReconcile(gateway: OdooGateway): gateway is OdooGateway & ReconcileGateway {
  return typeof (gateway as Partial<ReconcileGateway>).reconcileDiff === "function";
}

export async function runReconcile(args: CliArgs, io: CommandIO): Promise<number> {
  const { settings, env, gateway } = prepare(args, io);
  const { progress, retryHooks } = progressFor(args, io);
  if (!canReconcile(gateway)) {
    io.stderrRaw("ops-bridge reconcile: this gateway has no reconciliation calls\n");
    return 2;
  }
  const deps: ReconcileDeps = {
    gateway,
    odooRetry: settings.odooRetryPolicy,
    retryHooks,
    batchSize: settings.batchSize,
    concurrency: settings.concurrency,
    progress,
  };
  let outcomes: ReconcileOutcome[];
  try {
    if (args.pending) {
      const sourceFor = (name: string) => {
        if (!isSourceName(name)) throw new Error(`unknown source ${JSON.stringify(name)}`);
        return createSource(name, settings, { env, retryHooks });
      };
      outcomes = await reconcilePending(deps, sourceFor, args.source);
    } else {
      const source = createSource(args.source as SourceName, settings, { env, retryHooks });
      outcomes = await reconcileSource(source, args.streams, deps);
    }
  } catch (error) {
    if (!(error instanceof OdooError)) throw error;
    progress.finish();
    io.stderrRaw(`${odooStopped(error, "reconcile")}\n`);
    return 1;
  }
  progress.finish();
  io.stdout(args.json ? JSON.stringify(reconcileJson(outcomes), null, 2) : renderReconcileSummary(outcomes));
  return outcomes.every((outcome) => outcome.state === "done") ? 0 : 1;
}
