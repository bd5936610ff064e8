/**
 * Cross-field checks of a vendor bill: untaxed + tax = total, and the lines add up to the untaxed
 * amount. Among the top candidates of the three amounts, the best-scoring triple that adds up is
 * chosen; when none does, the check fails and the amounts' confidence is lowered.
 */
import Big from "big.js";
import type { Scored } from "./field_choice";
import type { CrossCheck } from "./result";

/** How many top candidates of each amount are tried together. */
const TRIED = 3;
/** What a failed check multiplies the involved fields' confidence by. */
export const FAILED_CHECK_FACTOR = 0.5;

const equal = (a: string, b: string) => new Big(a).minus(b).abs().lte(0.01);

/** The values of the best triple that adds up, or null when none does (or an amount is missing). */
export function consistentTotals(
  untaxed: readonly Scored[],
  tax: readonly Scored[],
  total: readonly Scored[],
): { untaxed: Scored; tax: Scored; total: Scored } | null {
  let best: { untaxed: Scored; tax: Scored; total: Scored; sum: number } | null = null;
  for (const u of untaxed.slice(0, TRIED))
    for (const t of tax.slice(0, TRIED))
      for (const g of total.slice(0, TRIED)) {
        const adds = equal(new Big(u.candidate.value).plus(t.candidate.value).toFixed(2), g.candidate.value);
        const sum = u.score + t.score + g.score;
        if (adds && (!best || sum > best.sum)) best = { untaxed: u, tax: t, total: g, sum };
      }
  return best;
}

export function totalsCheck(untaxed: string | null, tax: string | null, total: string | null): CrossCheck | null {
  if (untaxed === null || tax === null || total === null) return null;
  const sum = new Big(untaxed).plus(tax).toFixed(2);
  return {
    name: "untaxed_plus_tax_equals_total",
    ok: equal(sum, total),
    detail: `${untaxed} + ${tax} = ${sum}; total read: ${total}`,
  };
}

export function linesCheck(lineAmounts: readonly string[], untaxed: string | null): CrossCheck | null {
  if (lineAmounts.length === 0 || untaxed === null) return null;
  const sum = lineAmounts.reduce((acc, amount) => acc.plus(amount), new Big(0)).toFixed(2);
  return {
    name: "lines_sum_equals_untaxed",
    ok: equal(sum, untaxed),
    detail: `${lineAmounts.length} lines sum to ${sum}; untaxed read: ${untaxed}`,
  };
}
