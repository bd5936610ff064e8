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

/** A tax amount reads as one of several (one per rate) when its label is on its own line. */
const LABELLED_TAX = 0.5;

/**
 * Bills with several tax rates print one tax amount per rate between the untaxed amount and the
 * total. When the top untaxed and total candidates differ by the sum of the labelled tax amounts
 * printed between them (one per line, at least two), that sum is the bill's tax: returned as one
 * candidate spanning them (generator "tax_sum"), with the untaxed and total it completes.
 */
export function summedTaxes(
  untaxed: readonly Scored[],
  taxes: readonly Scored[],
  total: readonly Scored[],
  lineOf: (offset: number) => number,
): { untaxed: Scored; tax: Scored; total: Scored } | null {
  for (const u of untaxed.slice(0, TRIED))
    for (const g of total.slice(0, TRIED)) {
      const perLine = new Map<number, Scored>();
      for (const entry of taxes) {
        const { start, end } = entry.candidate;
        if (entry.score < LABELLED_TAX || start <= u.candidate.end || end >= g.candidate.start) continue;
        const line = lineOf(start);
        const known = perLine.get(line);
        if (!known || entry.score > known.score) perLine.set(line, entry);
      }
      const parts = [...perLine.values()].sort((a, b) => a.candidate.start - b.candidate.start);
      if (parts.length < 2) continue;
      const sum = parts.reduce((acc, part) => acc.plus(part.candidate.value), new Big(0)).toFixed(2);
      if (!equal(new Big(u.candidate.value).plus(sum).toFixed(2), g.candidate.value)) continue;
      const first = parts[0] as Scored;
      const last = parts.at(-1) as Scored;
      const score = Math.min(...parts.map((part) => part.score));
      const candidate = {
        ...first.candidate,
        raw: parts.map((part) => part.candidate.raw).join(" + "),
        value: sum,
        end: last.candidate.end,
        generator: "tax_sum",
        validity: Math.min(...parts.map((part) => part.candidate.validity)),
      };
      return { untaxed: u, tax: { candidate, score }, total: g };
    }
  return null;
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
