/** The doctor's report (sync_bridge/src/report.ts): text lines, exit code, JSON. */
import { skippedAfter, type CheckResult } from "../../sync_bridge/src/doctor_checks";
import { buildJsonReport, doctorExitCode, renderResult, renderText } from "../../sync_bridge/src/report";

const ok = (name: string, detail: string): CheckResult => ({ transport: "json2", id: name, name, status: "pass", detail });

const REACHABLE = ok("reachable", "Odoo answers at http://127.0.0.1:8069");
const ALL_PASS: CheckResult[] = [REACHABLE, ok("server version", "Odoo 19.0")];

const NOT_REACHABLE: CheckResult = {
  transport: "legacy",
  id: "reachable",
  name: "reachable",
  status: "fail",
  detail: "cannot connect to http://127.0.0.1:9 (ECONNREFUSED)",
  fix: "start Odoo with `npm start`",
};
const SKIPPED = skippedAfter("legacy", "reachable");
const EXPIRING: CheckResult = {
  transport: "json2",
  id: "apikey",
  name: "api key",
  status: "warn",
  detail: 'key "ops-bridge" (scope rpc) expires on 2025-06-05 12:00 UTC, in 3 days',
  fix: "rotate it with `npm run bridge:key`",
};
const UNREACHABLE: CheckResult[] = [NOT_REACHABLE, ...SKIPPED];

describe("renderResult", () => {
  it("prints a passing check as one ✓ line with the transport tag, name and detail", () => {
    expect(renderResult(REACHABLE)).toEqual(["✓ [json2] reachable: Odoo answers at http://127.0.0.1:8069"]);
  });

  it("follows a failed check with an indented fix line", () => {
    expect(renderResult(NOT_REACHABLE)).toEqual([
      "✗ [legacy] reachable: cannot connect to http://127.0.0.1:9 (ECONNREFUSED)",
      "    → fix: start Odoo with `npm start`",
    ]);
  });

  it("prints skipped checks as ✗ lines saying which check failed, each with a fix", () => {
    expect(SKIPPED[0]?.status).toBe("skip");
    const [line, fix] = SKIPPED.length > 0 ? renderResult(SKIPPED[0] as CheckResult) : [];
    expect(line).toBe('✗ [legacy] server version: skipped because "reachable" failed');
    expect(fix).toMatch(/^ {4}→ fix: fix "reachable" above first/);
  });
});

describe("renderText", () => {
  it("ends with a summary and puts a fix line under every ✗", () => {
    const lines = renderText(UNREACHABLE).split("\n");
    lines.forEach((line, index) => {
      if (line.startsWith("✗")) expect(lines[index + 1]).toMatch(/^ {4}→ fix: \S/);
    });
    expect(lines.filter((line) => line.startsWith("✗"))).toHaveLength(UNREACHABLE.length);
    expect(lines.at(-1)).toBe("ops-bridge doctor: 12 of 12 checks did not pass (1 failed, 11 skipped, 0 passed)");
  });

  it("says all checks passed when they did", () => {
    expect(renderText(ALL_PASS).split("\n").at(-1)).toBe("ops-bridge doctor: all 2 checks passed");
  });

  it("passes warnings, marks them ! with their fix and counts them", () => {
    const text = renderText([...ALL_PASS, EXPIRING]);
    expect(text.split("\n")).toEqual([
      "✓ [json2] reachable: Odoo answers at http://127.0.0.1:8069",
      "✓ [json2] server version: Odoo 19.0",
      '! [json2] api key: key "ops-bridge" (scope rpc) expires on 2025-06-05 12:00 UTC, in 3 days',
      "    → fix: rotate it with `npm run bridge:key`",
      "",
      "ops-bridge doctor: all 3 checks passed (1 with a warning)",
    ]);
    expect(doctorExitCode([...ALL_PASS, EXPIRING])).toBe(0);
    expect(
      renderText([...UNREACHABLE, EXPIRING])
        .split("\n")
        .at(-1),
    ).toBe("ops-bridge doctor: 12 of 13 checks did not pass (1 failed, 11 skipped, 1 passed, 1 with a warning)");
  });
});

describe("doctorExitCode", () => {
  it("is 0 only when every check passed", () => {
    expect(doctorExitCode(ALL_PASS)).toBe(0);
    expect(doctorExitCode(UNREACHABLE)).toBe(1);
    expect(doctorExitCode([...ALL_PASS, ...skippedAfter("json2", "admin")])).toBe(1);
  });

  it("is 1 when nothing was checked", () => {
    expect(doctorExitCode([])).toBe(1);
  });
});

describe("buildJsonReport", () => {
  it("carries the verdict, the counts and every check", () => {
    const report = buildJsonReport(UNREACHABLE, {
      bridgeVersion: "19.0.1.0.0",
      url: "http://127.0.0.1:9",
      db: "ops_harmony",
      transports: ["legacy"],
    });
    expect(report).toMatchObject({
      ok: false,
      exitCode: 1,
      transports: ["legacy"],
      summary: { passed: 0, warned: 0, failed: 1, skipped: 11 },
    });
    expect(report.checks).toHaveLength(12);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
