/** `ops-bridge intake [--once] [--limit N] [--worker NAME]`: the AI intake worker. */
import { hostname } from "node:os";
import type { CliArgs } from "./args";
import { odooStopped, prepare, type CommandIO } from "./commands";
import { OdooError, RetriableOdooError } from "./errors";
import type { OdooGateway } from "./gateway";
import type { AiGateway } from "./gateway/ai_gateway";
import { providerConfig } from "./intake/providers/provider_config";
import { runIntakeWorker, type IntakeSummary, type JobOutcome } from "./intake/worker";
import { ActiveClassifier } from "./intake/learn/active_classifier";
import type { AiModelGateway } from "./gateway/ai_model_gateway";
import { retrainIfAsked, runRetrain } from "./intake_retrain_command";

function canIntake(gateway: OdooGateway): gateway is OdooGateway & AiGateway {
  return typeof (gateway as Partial<AiGateway>).claimJobs === "function";
}

/** e.g. "job 12 invoice.pdf → to review: 10 fields, lowest confidence 0.48" */
export function outcomeLine(outcome: JobOutcome): string {
  const what = `job ${outcome.jobId}${outcome.filename ? ` ${outcome.filename}` : ""}`;
  if (outcome.state === "failed") return `${what} → failed (${outcome.category}): ${outcome.reason}`;
  const lowest = outcome.lowest === null ? "" : `, lowest confidence ${outcome.lowest.toFixed(2)}`;
  return `${what} → to review: ${outcome.fields} fields${lowest}`;
}

export function renderIntakeSummary(summary: IntakeSummary): string {
  const categories = Object.entries(summary.byCategory).map(([category, count]) => `${category} ${count}`);
  return `intake: ${summary.claimed} claimed · ${summary.toReview} to review · ${summary.failed} failed${
    categories.length ? ` (${categories.join(", ")})` : ""
  }`;
}

export async function runIntake(args: CliArgs, io: CommandIO): Promise<number> {
  if (args.intake?.retrain) return runRetrain(args, io);
  const { gateway, env } = prepare(args, io, false);
  const external = providerConfig(env);
  if (!canIntake(gateway)) {
    io.stderrRaw("ops-bridge intake: this gateway has no AI intake calls\n");
    return 2;
  }
  const options = args.intake ?? { once: false, limit: undefined, worker: undefined };
  const worker = options.worker ?? `${hostname()}:${process.pid}`;
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  if (!args.json)
    io.stderrRaw(`ops-bridge intake: worker ${worker}${options.once ? ", one round" : ", polling (Ctrl-C stops)"}\n`);
  if (!args.json && external)
    io.stderrRaw(
      `ops-bridge intake: external provider ${external.model} at ${external.baseUrl}, only for opted-in document types\n`,
    );
  try {
    const summary = await runIntakeWorker(
      { worker, once: options.once, limit: options.limit },
      {
        gateway,
        options: external ? { external: { config: external } } : {},
        signal: stop.signal,
        ...(typeof (gateway as Partial<AiModelGateway>).activeModel === "function"
          ? {
              classifier: new ActiveClassifier(gateway as unknown as AiModelGateway, (message) =>
                io.stderrRaw(`ops-bridge intake: ${message}\n`),
              ),
              retrainIfAsked: () => retrainIfAsked(gateway as unknown as AiModelGateway, args, io),
            }
          : {}),
        onJob: (outcome) => {
          if (!args.json) io.stderrRaw(`${outcomeLine(outcome)}\n`);
        },
      },
    );
    io.stdout(args.json ? JSON.stringify({ ok: true, worker, ...summary }, null, 2) : renderIntakeSummary(summary));
    return 0;
  } catch (error) {
    if (!(error instanceof OdooError)) throw error;
    io.stderrRaw(
      error instanceof RetriableOdooError
        ? `ops-bridge intake: stopped: ${error.message}\n  → the jobs stay in Odoo (claimed ones return to the queue when their lease ends); start Odoo (\`npm start\`) and run \`ops-bridge intake\` again\n`
        : `${odooStopped(error, "intake")}\n`,
    );
    return 1;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
