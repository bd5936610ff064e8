/** `ops-bridge intake`: its options, its place in the help, and a clear exit when Odoo is unreachable. */
import { createServer } from "node:net";
import { parseCliArgs, USAGE, UsageError } from "../../../sync_bridge/src/args";
import { main, type CliIO } from "../../../sync_bridge/src/cli";
import { outcomeLine, renderIntakeSummary } from "../../../sync_bridge/src/intake_command";

async function run(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env };
  const code = await main(argv, io);
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("ops-bridge intake", () => {
  it("parses --once, --limit and --worker, for intake only", () => {
    expect(parseCliArgs(["intake"]).intake).toMatchObject({ once: false, limit: undefined, worker: undefined, retrain: false });
    expect(parseCliArgs(["intake", "--once", "--limit", "20", "--worker", "ocr-1"]).intake).toMatchObject({
      once: true,
      limit: 20,
      worker: "ocr-1",
    });
    expect(parseCliArgs(["status"]).intake).toBeUndefined();
    expect(() => parseCliArgs(["sync", "hubspot", "--once"])).toThrow("--once only applies to intake");
    expect(() => parseCliArgs(["intake", "--limit", "0"])).toThrow(UsageError);
    expect(() => parseCliArgs(["intake", "--worker", "a b"])).toThrow("--worker must be a name");
  });

  it("parses intake retrain with --kind, --offline and --out, and refuses the worker's options there", () => {
    expect(parseCliArgs(["intake", "retrain", "--kind", "classifier", "--offline", "--out", "m.json"]).intake).toMatchObject({
      retrain: true,
      kind: "classifier",
      offline: true,
      out: "m.json",
    });
    expect(() => parseCliArgs(["intake", "retrain", "--kind", "extractor"])).toThrow("--kind must be classifier");
    expect(() => parseCliArgs(["intake", "retrain", "--once"])).toThrow("not to intake retrain");
    expect(() => parseCliArgs(["intake", "--offline"])).toThrow("only apply to intake retrain");
    expect(() => parseCliArgs(["intake", "train"])).toThrow("intake takes no argument but retrain");
    expect(USAGE).toContain("intake retrain");
  });

  it("is listed in the help with its options", () => {
    expect(USAGE).toMatch(/^ {2}intake {14}Run the AI intake worker/m);
    expect(USAGE).toContain("--once ");
    expect(USAGE).toContain("--limit <n>");
    expect(USAGE).toContain("--worker <name>");
  });

  it("exits 1 with what to do when Odoo is unreachable", async () => {
    // A port that was just free: nothing listens there any more. Through XML-RPC, whose socket errors
    // carry their code in any realm (jest's sandbox hides fetch's TypeError from instanceof).
    const server = createServer();
    const port = await new Promise<number>((resolve) =>
      server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
    );
    await new Promise((resolve) => server.close(resolve));
    const result = await run(["intake", "--once", "--transport", "legacy"], {
      ODOO_URL: `http://127.0.0.1:${port}`,
      ODOO_DB: "ops_h",
      ODOO_API_KEY: "k",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("ops-bridge intake: stopped:");
    expect(result.stderr).toContain("the jobs stay in Odoo");
    expect(result.stdout).toBe("");
  });

  it("prints a line per job and a summary", () => {
    expect(outcomeLine({ jobId: 4, filename: "a.pdf", state: "to_review", fields: 10, lowest: 0.4567 })).toBe(
      "job 4 a.pdf → to review: 10 fields, lowest confidence 0.46",
    );
    expect(outcomeLine({ jobId: 5, filename: null, state: "failed", category: "encrypted", reason: "Password." })).toBe(
      "job 5 → failed (encrypted): Password.",
    );
    expect(renderIntakeSummary({ claimed: 3, toReview: 1, failed: 2, byCategory: { corrupt: 1, empty: 1 }, outcomes: [] })).toBe(
      "intake: 3 claimed · 1 to review · 2 failed (corrupt 1, empty 1)",
    );
  });
});
