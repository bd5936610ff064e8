// The configurator bench's page, bundled by esbuild with the engine the addon ships
// (web_src/src/configurator/engine) and json-logic-js, and run in headless Chromium. It fetches the
// rule set and the cases, compiles the rule set once for each engine, warms both up, then times
// each case with our engine and with json-logic-js alternately (so both run under the same
// conditions), reports progress and posts every timing and our engine's outputs to the driver.
import { compile } from "../../../web_src/src/configurator/engine";
import { type BenchRuleSet, compileForJsonLogic } from "./jsonlogic_alternative";

interface Case {
  values: Record<string, unknown>;
  context: { quantity: string; role: string };
}

const post = (path: string, body: unknown) => fetch(path, { method: "POST", body: JSON.stringify(body) });

async function run(): Promise<void> {
  const content = (await (await fetch("/ruleset.json")).json()) as BenchRuleSet;
  const cases = (await (await fetch("/cases.json")).json()) as Case[];
  const floats = compileForJsonLogic(content);
  // compiled once, as the configurator dialog does for the version it shows
  const engine = compile(content);
  const ours = (c: Case) => engine.evaluate(c.values, c.context);
  const theirs = (c: Case) => floats(c.values, c.context.quantity, c.context.role);
  for (const c of cases.slice(0, Math.min(200, cases.length))) {
    ours(c);
    theirs(c);
  }
  const engineMs: number[] = [];
  const jsonLogicMs: number[] = [];
  const outputs: unknown[] = [];
  const jsonLogicPrices: number[] = [];
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    let t0 = performance.now();
    const output = ours(c);
    engineMs.push(performance.now() - t0);
    outputs.push(output);
    t0 = performance.now();
    const float = theirs(c);
    jsonLogicMs.push(performance.now() - t0);
    jsonLogicPrices.push(float.unit_price);
    if ((i + 1) % 250 === 0) await post("/progress", { done: i + 1, of: cases.length });
  }
  await post("/results", {
    userAgent: navigator.userAgent,
    crossOriginIsolated: self.crossOriginIsolated,
    engineMs,
    jsonLogicMs,
    outputs,
    jsonLogicPrices,
  });
}

run().catch((error: unknown) => post("/failed", { error: String(error instanceof Error ? error.stack : error) }));
