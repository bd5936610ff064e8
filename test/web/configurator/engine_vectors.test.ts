// The conformance vectors shared with the server's interpreter (addon_ops_harmony/tests/configurator/
// vectors/*.json, described in its README.md), run against the browser's engine. A vector is a claim
// about docs/configurator_rules.md: both interpreters must pass every one.
import fs from "node:fs";
import path from "node:path";
import { evaluate, validate } from "../../../web_src/src/configurator/engine";
import type { RuleSet } from "../../../web_src/src/configurator/engine";

const VECTORS = path.join(__dirname, "../../../addon_ops_harmony/tests/configurator/vectors");

interface Vector {
  name: string;
  rules?: unknown;
  content?: unknown;
  rules_file?: string;
  values?: Record<string, unknown>;
  context?: { quantity?: string; role?: string };
  expect?: Record<string, unknown>;
  expect_invalid?: { code: string; path: string }[];
}

interface VectorFile {
  rules_file?: string;
  vectors: Vector[];
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** every vector of every file, with its rule set resolved (rules, content, or a rules_file relative to the file) */
function loadVectors(): [string, string, Vector, unknown][] {
  const loaded: [string, string, Vector, unknown][] = [];
  for (const file of fs
    .readdirSync(VECTORS)
    .filter((name) => name.endsWith(".json"))
    .sort()) {
    const document = readJson(path.join(VECTORS, file)) as VectorFile;
    for (const vector of document.vectors) {
      const rulesFile = vector.rules_file ?? document.rules_file;
      const rules = vector.rules ?? vector.content ?? (rulesFile ? readJson(path.join(VECTORS, rulesFile)) : undefined);
      loaded.push([file, vector.name, vector, rules]);
    }
  }
  return loaded;
}

function withoutMessage(items: unknown): unknown {
  if (!Array.isArray(items)) return items;
  return items.map((item) => {
    if (typeof item !== "object" || item === null) return item;
    return Object.fromEntries(Object.entries(item).filter(([key]) => key !== "message"));
  });
}

const vectors = loadVectors();

test("0. the vector folder holds the ts_ vectors and every vector has a name, a rule set and an expectation", () => {
  expect(vectors.filter(([file]) => file.startsWith("ts_")).length).toBeGreaterThanOrEqual(120);
  for (const [file, name, vector, rules] of vectors) {
    expect([file, name, rules !== undefined]).toEqual([file, name, true]);
    expect([file, name, "expect" in vector !== "expect_invalid" in vector]).toEqual([file, name, true]);
  }
});

describe.each(vectors)("%s: %s", (_file, _name, vector, rules) => {
  if (vector.expect_invalid !== undefined) {
    const expected = vector.expect_invalid;
    test("validate() reports the expected problems first", () => {
      expect(expected.length).toBeGreaterThan(0);
      const problems = validate(rules).map(({ code, path }) => ({ code, path }));
      expect(problems.slice(0, expected.length)).toEqual(expected.map(({ code, path }) => ({ code, path })));
    });
    return;
  }
  const expected = vector.expect ?? {};
  test("evaluate() gives the expected output", () => {
    expect(validate(rules)).toEqual([]);
    const output = evaluate(rules as RuleSet, vector.values ?? {}, vector.context) as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected)) {
      const actual = key in output ? output[key] : "<absent>";
      if (key === "errors" || key === "warnings") {
        expect([key, withoutMessage(actual)]).toEqual([key, withoutMessage(value)]);
      } else {
        expect([key, actual]).toEqual([key, value]);
      }
    }
  });
});
