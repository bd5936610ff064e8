/**
 * `main` (sync_bridge/src/cli.ts): help, version, usage and configuration errors, doctor's exit
 * codes.
 */
import { main, type CliIO } from "../../sync_bridge/src/cli";
import { USAGE } from "../../sync_bridge/src/args";

/** Runs main() with captured output and the given environment. No network is involved. */
async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env };
  const code = await main(argv, io);
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

// fetch() refuses port 1 without opening a socket, so "unreachable" needs no server at all.
const UNREACHABLE_ENV = { ODOO_URL: "http://127.0.0.1:1", ODOO_DB: "ops_harmony", ODOO_API_KEY: "k" };

describe("main", () => {
  it("prints the usage for --help and exits 0", async () => {
    const result = await run(["--help"]);
    expect(result).toMatchObject({ code: 0, stdout: USAGE });
    expect(USAGE).toContain("ops-bridge <command>");
  });

  it("prints the version", async () => {
    expect((await run(["version"])).stdout).toMatch(/^ops-bridge \d+\.\d+\.\d+\.\d+\.\d+$/);
  });

  it("exits 2 with a readable message for bad usage", async () => {
    const result = await run(["doktor"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "doktor"');
    expect(result.stderr).toContain("ops-bridge --help");
  });

  it("exits 2 with the prettified config error and what to set", async () => {
    const result = await run(["doctor"], { ODOO_DB: "ops_harmony", ODOO_API_KEY: "k" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("→ at ODOO_URL");
    expect(result.stderr).toContain("ODOO_URL=http://127.0.0.1:8069");
    expect(result.stdout).toBe("");
  });

  it("reports an unreachable Odoo as ✗ reachable with a fix, on both transports, exit 1", async () => {
    const result = await run(["doctor"], UNREACHABLE_ENV);
    expect(result.code).toBe(1);
    const lines = result.stdout.split("\n");
    for (const tag of ["json2", "legacy"]) {
      const index = lines.findIndex((line) => line.startsWith(`✗ [${tag}] reachable: `));
      expect(index).toBeGreaterThanOrEqual(0);
      expect(lines[index + 1]).toContain("→ fix: start Odoo with `npm start`");
    }
    expect(result.stdout).not.toContain("    at ");
  });

  it("prints a JSON report with --json and checks only the named transport", async () => {
    const result = await run(["doctor", "--json", "--transport", "legacy"], UNREACHABLE_ENV);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: false, exitCode: 1, transports: ["legacy"], db: "ops_harmony" });
    expect(report.checks[0]).toMatchObject({ transport: "legacy", id: "reachable", status: "fail" });
    expect(result.stdout).not.toContain('"k"');
  });
});
