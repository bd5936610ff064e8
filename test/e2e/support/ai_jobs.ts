/**
 * What the AI end-to-end suites (test/e2e/ai_*.test.ts) share: reading their jobs as the admin,
 * running the built worker until their jobs are handled, and a result no worker honestly sent.
 */
import type { FieldSpec, RecordOf } from "../../../sync_bridge/src/gateway/wire";
import { adminGateway, runBridge } from "./live_odoo";

/** The bridge's own API key (the integration user the runner provisioned). */
export const bridgeKey = (): string => process.env.OPS_E2E_API_KEY as string;

/** The jobs `ids` (archived ones too) with `fields` ({name: kind}), by id. */
export async function readJobs<S extends FieldSpec>(ids: number[], fields: S): Promise<Map<number, RecordOf<S>>> {
  const rows = await adminGateway().searchRead("ops.ai.job", [["id", "in", ids]], fields, {
    context: { active_test: false },
  });
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Runs `ops-bridge intake --once` as `worker` (at most 10 rounds) until none of `ids` is queued or
 * processing; earlier runs' and other suites' jobs may be in the queue too, oldest first. Each run
 * must exit 0 and print its JSON summary; answers the summaries.
 */
export async function workUntilHandled(
  ids: number[],
  worker: string,
  env: Record<string, string> = {},
): Promise<{ claimed: number }[]> {
  const summaries: { claimed: number }[] = [];
  for (let round = 0; round < 10; round++) {
    const run = await runBridge(["intake", "--once", "--limit", "50", "--worker", worker, "--json"], env);
    expect([run.code, run.code === 0 ? "" : run.stderr]).toEqual([0, ""]);
    summaries.push(JSON.parse(run.stdout) as { claimed: number });
    const rows = await readJobs(ids, { state: "selection" });
    if ([...rows.values()].every((job) => job.state !== "queued" && job.state !== "processing")) break;
  }
  return summaries;
}

/** A complete, well-formed result as a worker submits it, saying "forged": for the refusals. */
export function forgedResult(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    provider: "local",
    model_version: "x",
    input_sha256: "0".repeat(64),
    text: "forged",
    pages: [],
    class: null,
    fields: [],
    lines: [],
    checks: [],
    ...overrides,
  };
}
