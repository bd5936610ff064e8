// The configurator bench's rule set: 500 rules generated from a seed (200 derived values,
// 100 constraints, 120 price rules over the five phases, 75 cost rules, 5 guardrails) over 15
// options and a 100-row price book, mixing arithmetic, `if`, `min`/`max`, `round`, table lookups
// with ranges and iterations over a multi option and over table rows. Values stay bounded (each
// derived value is a convex mix of earlier ones), so both engines stay well inside the limits.
import { seededRandom } from "../../../test/support/configurator_inputs";

type Expr = unknown;
const v = (name: string): Expr => ({ var: name });
const round2 = (e: Expr): Expr => ({ round: [e, 2] });

const GRADES = ["grade_a", "grade_b", "grade_c", "grade_d", "grade_e"];
const ITEMS = ["item_a", "item_b", "item_c", "item_d", "item_e", "item_f", "item_g", "item_h"];
const REGIONS = ["north", "south", "east", "west"];

function options(): object[] {
  const sizes = [1, 2, 3, 4, 5].map((i) => ({
    key: `size_${i}`,
    label: `Size ${i}`,
    type: "decimal",
    min: "1",
    max: "200",
    step: "1",
    default: "50",
  }));
  const rates = [1, 2, 3].map((i) => ({
    key: `rate_${i}`,
    label: `Rate ${i}`,
    type: "decimal",
    min: "0",
    max: "50",
    step: "0.25",
    default: "5",
  }));
  const enumOf = (key: string, values: string[]) => ({
    key,
    label: key,
    type: "enum",
    values: values.map((value) => ({ value, label: value })),
    default: values[0],
  });
  const bools = [1, 2, 3].map((i) => ({ key: `flag_${i}`, label: `Flag ${i}`, type: "bool", default: false }));
  const items = {
    key: "items",
    label: "Items",
    type: "multi",
    values: ITEMS.map((value) => ({ value, label: value })),
    max_count: 8,
    default: [],
  };
  return [
    ...sizes,
    ...rates,
    enumOf("grade", GRADES),
    enumOf("region", REGIONS),
    enumOf("finish", ["matte", "gloss"]),
    ...bools,
    items,
  ];
}

function tables(): object {
  const priceRows: unknown[][] = [];
  GRADES.forEach((grade, g) => {
    for (let r = 0; r < 20; r++) {
      const from = String(r * 10);
      const to = r === 19 ? null : String(r * 10 + 10);
      priceRows.push([grade, from, to, `${100 + g * 15 + r * 3}.${(r * 7) % 10}5`]);
    }
  });
  return {
    price_book: {
      columns: ["grade", "from_size", "to_size", "unit"],
      rows: priceRows,
      ranges: { size: ["from_size", "to_size"] },
    },
    item_prices: {
      columns: ["item", "price", "cost"],
      rows: ITEMS.map((item, i) => [item, `${12 + i * 4}.50`, `${5 + i * 2}.25`]),
    },
    region_factors: {
      columns: ["region", "factor"],
      rows: REGIONS.map((region, i) => [region, `1.0${i * 2}`]),
    },
  };
}

/** The content of the bench's rule set, the same for the same seed. */
export function generateRuleSet(seed: number): object {
  const rnd = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const decimalOptions = ["size_1", "size_2", "size_3", "size_4", "size_5", "rate_1", "rate_2", "rate_3"];
  const numbers = [...decimalOptions];
  const mixes: [string, string][] = [
    ["0.5", "0.5"],
    ["0.7", "0.3"],
    ["0.25", "0.75"],
    ["0.9", "0.1"],
  ];
  const derived: { id: string; value: Expr }[] = [];
  for (let i = 0; i < 200; i++) {
    const id = `d_${i}`;
    const a = pick(numbers);
    const b = pick(numbers);
    const [ca, cb] = pick(mixes);
    const mix = round2({ "+": [{ "*": [v(a), ca] }, { "*": [v(b), cb] }] });
    let value: Expr;
    switch (i % 10) {
      case 0:
        value = {
          table_lookup: ["price_book", { grade: v("grade"), size: v(pick(["size_1", "size_2"])) }, "unit"],
        };
        break;
      case 3:
        value = { if: [v(pick(["flag_1", "flag_2", "flag_3"])), mix, round2({ "/": [{ "+": [v(a), v(b)] }, "2"] })] };
        break;
      case 5:
        value = {
          sum: [{ map: [v("items"), { table_lookup: ["item_prices", { item: v("it") }, pick(["price", "cost"])] }] }],
        };
        break;
      case 7:
        value = round2({
          "*": [{ min: [{ max: [v(a), v(b)] }, "150"] }, { table_lookup: ["region_factors", { region: v("region") }, "factor"] }],
        });
        break;
      case 9:
        value = {
          sum: [
            {
              map: [
                { filter: [{ var: "tables.item_prices" }, { "<": [{ var: "it.price" }, pick(["20", "30", "40"])] }] },
                { var: "it.cost" },
              ],
            },
          ],
        };
        break;
      default:
        value = mix;
    }
    derived.push({ id, value });
    numbers.push(id);
  }
  const someItem = (): Expr => ({ some: [v("items"), { "==": [v("it"), pick(ITEMS)] }] });
  const constraints = Array.from({ length: 100 }, (_, i) => {
    const error = i % 10 === 0;
    const when =
      i % 4 === 0
        ? { and: [someItem(), { ">": [v(pick(numbers)), "180"] }] }
        : { ">": [v(pick(numbers)), error ? "199" : String(120 + ((i * 13) % 70))] };
    return { id: `c_${i}`, level: error ? "error" : "warning", when, message: `Check ${i}` };
  });
  const phases = ["list", "list", "adjust", "discount", "surcharge", "final"];
  const priceRules = Array.from({ length: 120 }, (_, i) => {
    const phase = phases[i % phases.length];
    const source = v(pick(numbers));
    let amount: Expr = round2({ "*": [source, pick(["0.8", "1.1", "0.35", "2"])] });
    if (phase === "discount") amount = { "-": [round2({ "*": [v("price"), "0.004"] })] };
    if (phase === "adjust") amount = round2({ "*": [v("price"), "0.01"] });
    const when = i % 3 === 0 ? { "==": [v(pick(["finish", "region"])), pick(["gloss", "north", "west"])] } : undefined;
    return { id: `p_${i}`, phase, label: `Price ${i}`, ...(when ? { when } : {}), amount };
  });
  const costRules = Array.from({ length: 75 }, (_, i) => ({
    id: `k_${i}`,
    ...(i % 5 === 0 ? { when: v(pick(["flag_1", "flag_2", "flag_3"])) } : {}),
    amount: round2({ "*": [v(pick(numbers)), pick(["0.3", "0.45", "0.6"])] }),
  }));
  const guardrails = [
    { id: "g_margin", kind: "min_margin", percent: "35", message: "Margin under 35 %" },
    { id: "g_margin_floor", kind: "min_margin", percent: "10", message: "Margin under 10 %" },
    { id: "g_discount", kind: "max_discount", by_role: { salesperson: "3", manager: "8" }, message: "Discount" },
    { id: "g_discount_default", kind: "max_discount", default: "5", message: "Discount (default)" },
    { id: "g_discount_manager", kind: "max_discount", by_role: { manager: "2" }, message: "Manager discount" },
  ];
  return {
    schema: 1,
    precision: { money: 2, division: 6 },
    options: options(),
    tables: tables(),
    derived,
    constraints,
    price_rules: priceRules,
    cost_rules: costRules,
    guardrails,
  };
}

/** How many rules a rule set holds: derived values, constraints, price and cost rules, guardrails. */
export function ruleCount(content: Record<string, unknown[]>): number {
  return ["derived", "constraints", "price_rules", "cost_rules", "guardrails"].reduce((n, k) => n + (content[k]?.length ?? 0), 0);
}
