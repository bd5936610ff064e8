/**
 * Prints the doctor's results: one `✓`/`!`/`✗` line per check, an indented `→ fix:` line under
 * every `!` and `✗`, a summary; or the same as JSON. Pure functions of the results.
 */
import type { TransportName } from "./config";
import type { CheckResult } from "./doctor_checks";

export const PASS_MARK = "✓";
export const FAIL_MARK = "✗";
export const WARN_MARK = "!";

/** Exit code of `doctor`: 0 only when there are checks and all of them passed (warnings pass), else 1. */
export function doctorExitCode(results: readonly CheckResult[]): 0 | 1 {
  return results.length > 0 && results.every((result) => result.status === "pass" || result.status === "warn") ? 0 : 1;
}

/** Counts by status; `passed` includes the warnings, which `warned` counts again. */
export function summarize(results: readonly CheckResult[]): { passed: number; warned: number; failed: number; skipped: number } {
  const count = (status: CheckResult["status"]): number => results.filter((r) => r.status === status).length;
  return { passed: count("pass") + count("warn"), warned: count("warn"), failed: count("fail"), skipped: count("skip") };
}

/**
 * The lines of one result: `✓ [json2] reachable: Odoo answers at ...`; warnings get `!`, failed
 * and skipped checks `✗`, and both a `    → fix: ...` line.
 */
export function renderResult(result: CheckResult): string[] {
  const mark = result.status === "pass" ? PASS_MARK : result.status === "warn" ? WARN_MARK : FAIL_MARK;
  const line = `${mark} [${result.transport}] ${result.name}: ${result.detail}`;
  if (result.status === "pass") return [line];
  const fix = result.fix ?? "see the line above, then run `npm run bridge -- doctor` again";
  return [line, `    → fix: ${fix}`];
}

/** The whole text report, ending with a summary line. */
export function renderText(results: readonly CheckResult[]): string {
  const { passed, warned, failed, skipped } = summarize(results);
  const total = results.length;
  const warnings = warned > 0 ? ` (${warned} with a warning)` : "";
  const summary =
    doctorExitCode(results) === 0
      ? `ops-bridge doctor: all ${total} checks passed${warnings}`
      : `ops-bridge doctor: ${failed + skipped} of ${total} checks did not pass (${failed} failed, ${skipped} skipped, ${passed} passed${warned > 0 ? `, ${warned} with a warning` : ""})`;
  return [...results.flatMap(renderResult), "", summary].join("\n");
}

/** What `--json` prints. Never contains the API key. */
export interface DoctorReport {
  ok: boolean;
  exitCode: 0 | 1;
  bridgeVersion: string;
  url: string;
  db: string;
  transports: TransportName[];
  summary: { passed: number; warned: number; failed: number; skipped: number };
  checks: CheckResult[];
}

/** Builds the `--json` report. */
export function buildJsonReport(
  results: readonly CheckResult[],
  meta: { bridgeVersion: string; url: string; db: string; transports: readonly TransportName[] },
): DoctorReport {
  const exitCode = doctorExitCode(results);
  return {
    ok: exitCode === 0,
    exitCode,
    bridgeVersion: meta.bridgeVersion,
    url: meta.url,
    db: meta.db,
    transports: [...meta.transports],
    summary: summarize(results),
    checks: [...results],
  };
}
