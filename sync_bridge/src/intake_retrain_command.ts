/**
 * `ops-bridge intake retrain [--kind classifier] [--offline] [--out FILE]`: retrain the request
 * classifier on the shipped set and Odoo's confirmed reviews, print the held-out comparison, and hand
 * the candidate to Odoo (which promotes it only if it beats the active version).
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { CliArgs } from "./args";
import { odooStopped, prepare, type CommandIO } from "./commands";
import { errorMessage, OdooError } from "./errors";
import type { OdooGateway } from "./gateway";
import type { AiModelGateway } from "./gateway/ai_model_gateway";
import { retrainRequestClassifier, type RetrainReport } from "./intake/learn/retrain";

function canRetrain(gateway: OdooGateway): gateway is OdooGateway & AiModelGateway {
  return typeof (gateway as Partial<AiModelGateway>).submitCandidate === "function";
}

/** The held-out comparison, one contender a line, with the candidate's ratio to each. */
export function renderRetrainTable(report: RetrainReport): string {
  const [candidate] = report.table;
  const lines = [
    `held-out set: ${candidate?.evaluation.count ?? 0} requests (sha256 ${candidate?.evaluation.heldoutSha256.slice(0, 12) ?? "?"}…)`,
    `${"model".padEnd(48)} ${"macro-F1".padStart(8)} ${"accuracy".padStart(8)} ${"ECE".padStart(6)} ${"F1 ratio".padStart(9)}`,
  ];
  for (const { name, evaluation } of report.table) {
    const ratio = evaluation.macroF1 > 0 && candidate ? (candidate.evaluation.macroF1 / evaluation.macroF1).toFixed(2) : "—";
    lines.push(
      `${name.padEnd(48)} ${evaluation.macroF1.toFixed(3).padStart(8)} ${evaluation.accuracy.toFixed(3).padStart(8)} ${evaluation.ece
        .toFixed(3)
        .padStart(6)} ${ratio.padStart(9)}`,
    );
  }
  if (candidate) {
    const perClass = Object.entries(candidate.evaluation.perClass).map(
      ([label, s]) => `${label} P ${s.precision.toFixed(2)} R ${s.recall.toFixed(2)} F1 ${s.f1.toFixed(2)}`,
    );
    lines.push(`candidate per class: ${perClass.join(" · ")}`);
  }
  if (report.baseline)
    lines.push(`Odoo: shipped default ${report.baseline.name} handed in as the baseline (${report.baseline.state})`);
  if (report.skipped) lines.push(`no candidate handed in: ${report.skipped}`);
  if (report.answer)
    lines.push(
      `Odoo: ${report.answer.name} ${report.answer.promoted ? "promoted (active)" : "kept as candidate"}: ${report.answer.reason ?? ""}`,
    );
  return lines.join("\n");
}

/**
 * The worker's side of Odoo's Retrain button: when an Ops Manager asked, retrain now and print the
 * comparison. A retrain that fails for another reason than Odoo being down is reported and the
 * worker goes on with its jobs.
 */
export async function retrainIfAsked(gateway: AiModelGateway, args: CliArgs, io: CommandIO): Promise<void> {
  if (!(await gateway.takeRetrainRequest("classifier"))) return;
  const progress = (line: string) => {
    if (!args.json) io.stderrRaw(`ops-bridge intake: retrain: ${line}\n`);
  };
  progress("an Ops Manager asked for it in Odoo");
  try {
    const report = await retrainRequestClassifier(gateway, progress);
    if (!args.json) io.stderrRaw(`${renderRetrainTable(report)}\n`);
  } catch (error) {
    if (error instanceof OdooError) throw error;
    io.stderrRaw(
      `ops-bridge intake: retrain failed: ${errorMessage(error)}\n  → the jobs go on with the current classifier; run ops-bridge intake retrain to see the whole error\n`,
    );
  }
}

export async function runRetrain(args: CliArgs, io: CommandIO): Promise<number> {
  const options = args.intake;
  const progress = (line: string) => {
    if (!args.json) io.stderrRaw(`ops-bridge intake retrain: ${line}\n`);
  };
  let gateway: (OdooGateway & AiModelGateway) | null = null;
  if (!options?.offline) {
    const prepared = prepare(args, io, false).gateway;
    if (!canRetrain(prepared)) {
      io.stderrRaw("ops-bridge intake retrain: this gateway has no model calls\n");
      return 2;
    }
    gateway = prepared;
  }
  try {
    const report = await retrainRequestClassifier(gateway, progress);
    if (options?.out) {
      const file = resolve(io.cwd ?? process.cwd(), options.out);
      writeFileSync(file, `${JSON.stringify(report.artifact)}\n`);
      progress(`artifact written to ${file}`);
    }
    io.stdout(
      args.json
        ? JSON.stringify(
            {
              ok: true,
              name: report.artifact.name,
              corrections: report.corrections,
              table: report.table.map(({ name, evaluation }) => ({ name, ...evaluation })),
              baseline: report.baseline ?? null,
              candidate: report.answer ?? null,
              skipped: report.skipped ?? null,
            },
            null,
            2,
          )
        : renderRetrainTable(report),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof OdooError)) throw error;
    io.stderrRaw(`${odooStopped(error, "intake retrain")}\n`);
    return 1;
  }
}
