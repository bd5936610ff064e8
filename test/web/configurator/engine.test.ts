// The engine's API beyond the conformance vectors: compile once and evaluate many times, the
// visibility helper the dialog uses, the rule-set node limit, isolation of big.js settings, and
// the guarantee that nothing in a rule set can run code.
import Big from "big.js";
import fs from "node:fs";
import path from "node:path";
import { compile, evaluate, InvalidRuleSetError, validate, visibleOptions } from "../../../web_src/src/configurator/engine";
import type { RuleSet } from "../../../web_src/src/configurator/engine";

const ENGINE = path.join(__dirname, "../../../web_src/src/configurator/engine");

const DOOR: RuleSet = {
  schema: 1,
  precision: { money: 2, division: 2 },
  options: [
    { key: "width", label: "Width", type: "decimal", min: "60", max: "120", step: "10", default: "80" },
    { key: "glazing", label: "Glazing", type: "bool", default: false },
    {
      key: "glass",
      label: "Glass",
      type: "enum",
      values: [{ value: "clear", label: "Clear" }],
      visible_if: { "==": [{ var: "glazing" }, true] },
    },
  ],
  derived: [{ id: "third", value: { "/": [{ var: "width" }, "3"] } }],
  price_rules: [{ id: "base", phase: "list", amount: { "*": [{ var: "width" }, "5"] } }],
};

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

test("1. no engine source calls eval or the Function constructor", () => {
  const sources = fs.readdirSync(ENGINE).filter((name) => name.endsWith(".ts"));
  expect(sources.length).toBeGreaterThanOrEqual(8);
  for (const name of sources) {
    const text = fs.readFileSync(path.join(ENGINE, name), "utf8");
    expect([name, /\beval\s*\(|\bFunction\s*\(/.test(text)]).toEqual([name, false]);
  }
});

test("2. a compiled rule set evaluates many inputs like evaluate() and never changes the rule set", () => {
  const content = deepFreeze(JSON.parse(JSON.stringify(DOOR)) as RuleSet);
  const evaluator = compile(content);
  for (const width of ["60", "90", "120", "80"]) {
    expect(evaluator.evaluate({ width }, { quantity: "2" })).toEqual(evaluate(content, { width }, { quantity: "2" }));
  }
  const output = evaluator.evaluate({ width: "100" });
  expect(output).toMatchObject({ ok: true, derived: { third: "33.33" }, unit_price: "500.00", values: { glass: null } });
});

test("3. compile() refuses an invalid rule set, listing its problems", () => {
  const content = { schema: 1, options: [], derived: [{ id: "x", value: { cat: ["a"] } }] };
  expect(() => compile(content)).toThrow(InvalidRuleSetError);
  try {
    compile(content);
  } catch (error) {
    expect((error as InvalidRuleSetError).problems.map(({ code, path }) => [code, path])).toEqual([
      ["unknown_operator", "$.derived[0].value"],
    ]);
  }
});

test("4. visibleOptions() follows visible_if even when the input has errors, and never throws", () => {
  expect(visibleOptions(DOOR, { width: "abc", glazing: true })).toEqual({ width: true, glazing: true, glass: true });
  expect(visibleOptions(DOOR, {})).toEqual({ width: true, glazing: true, glass: false });
  const raising: RuleSet = {
    schema: 1,
    options: [
      { key: "a", label: "A", type: "decimal", default: "1" },
      { key: "b", label: "B", type: "bool", visible_if: { "==": [{ var: "a" }, "x"] } },
      { key: "c", label: "C", type: "bool" },
    ],
  };
  expect(visibleOptions(raising, {})).toEqual({ a: true, b: false, c: false });
  expect(visibleOptions({ schema: 1, options: "no" } as unknown as RuleSet, {})).toEqual({});
});

test("5. more than 50,000 nodes in a rule set is too_many_nodes at $, reported last", () => {
  const derived = Array.from({ length: 26 }, (_, index) => ({ id: `d${index}`, value: { "+": Array(1999).fill("1") } }));
  const problems = validate({ schema: 1, options: [], derived: [...derived, { id: "bad", value: { "%": [] } }] });
  expect(problems.map(({ code, path }) => [code, path])).toEqual([
    ["unknown_operator", "$.derived[26].value"],
    ["too_many_nodes", "$"],
  ]);
  expect(validate({ schema: 1, options: [], derived: derived.slice(0, 25) })).toEqual([]);
});

test("6. big.js settings neither leak out of the engine nor into it", () => {
  const before = { DP: Big.DP, RM: Big.RM };
  const evaluator = compile(DOOR);
  Big.DP = 0;
  Big.RM = 0;
  try {
    expect(evaluator.evaluate({ width: "100" })).toMatchObject({ derived: { third: "33.33" } });
    expect(new Big("2").div("3").toString()).toBe("0");
  } finally {
    Big.DP = before.DP;
    Big.RM = before.RM;
  }
  evaluate(DOOR, {});
  expect({ DP: Big.DP, RM: Big.RM }).toEqual(before);
});

test("7. names that are properties of every JS object are not operators or options", () => {
  for (const operator of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
    const value = JSON.parse(`{"${operator}": []}`);
    expect(validate({ schema: 1, options: [], derived: [{ id: "x", value }] }).map(({ code }) => code)).toEqual([
      "unknown_operator",
    ]);
  }
  const values = JSON.parse('{"__proto__": {"width": "90"}, "constructor": 1}');
  expect(evaluate(DOOR, values)).toMatchObject({
    ok: false,
    errors: [
      { code: "unknown_option", option: "__proto__" },
      { code: "unknown_option", option: "constructor" },
    ],
  });
});

test("8. a deeply nested document is refused as too_deep without exhausting the stack", () => {
  let value: unknown = true;
  for (let level = 0; level < 3000; level++) value = { "!": [value] };
  const problems = validate({ schema: 1, options: [], derived: [{ id: "x", value }] });
  expect(problems.map(({ code }) => code)).toEqual(["too_many_nodes", "too_deep"]);
  expect(problems[1].path).toBe(`$.derived[0].value${'["!"][0]'.repeat(32)}`);
});

test("9. values that are not an object are one wrong_type error, and input values are never changed", () => {
  expect(evaluate(DOOR, null as unknown as Record<string, unknown>)).toMatchObject({
    ok: false,
    errors: [{ code: "wrong_type", option: null }],
  });
  const values = deepFreeze({ width: "90", glazing: true, glass: "clear" });
  expect(evaluate(DOOR, values)).toMatchObject({ ok: true, values: { width: "90", glazing: true, glass: "clear" } });
});

test("10. remembered table lookups give the same answers as a fresh rule set", () => {
  const content: RuleSet = {
    schema: 1,
    options: [
      { key: "kind", label: "Kind", type: "enum", values: [{ value: "a" }, { value: "b" }], default: "a" },
      { key: "size", label: "Size", type: "decimal", default: "1" },
    ],
    tables: {
      book: {
        columns: ["kind", "low", "high", "price"],
        rows: [
          ["a", "0", "10", "1"],
          ["a", "10", null, "2"],
          ["b", null, "5", "3"],
          ["b", "5", null, "4"],
        ],
        ranges: { size: ["low", "high"] },
      },
    },
    derived: [
      { id: "by_kind", value: { table_lookup: ["book", { kind: { var: "kind" }, size: { var: "size" } }, "price", "0"] } },
      { id: "by_size", value: { table_lookup: ["book", { size: { var: "size" } }, "price"] } },
    ],
  };
  const evaluator = compile(content);
  const inputs = ["a", "b"].flatMap((kind) => ["-1", "0", "4.99", "5", "9.99", "10", "1000"].map((size) => ({ kind, size })));
  const expected = inputs.map((values) => evaluate(content, values));
  expect(expected[0]).toMatchObject({ derived: { by_kind: "0", by_size: "3" } });
  for (let pass = 0; pass < 2; pass++) {
    expect(inputs.map((values) => evaluator.evaluate(values))).toEqual(expected);
  }
});
