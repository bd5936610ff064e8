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
const positive = (entry: Scored) => new Big(entry.candidate.value).gt(0);
/** The highest VAT rate any country charges (Hungary's 27 %): a bill's tax is never more of its untaxed amount. */
const MAX_VAT_RATE = 0.27;
/** A tax no larger than the highest VAT rate of the untaxed amount (and a cent): "187.82 + 314.54" is no bill. */
const plausibleTax = (untaxed: string, tax: Big.BigSource) => new Big(tax).lte(new Big(untaxed).times(MAX_VAT_RATE).plus(0.01));

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
        // Nothing but a positive untaxed amount counts: 0.00 + x = x would always add up.
        if (!positive(u) || new Big(t.candidate.value).lt(0) || !plausibleTax(u.candidate.value, t.candidate.value)) continue;
        const adds = equal(new Big(u.candidate.value).plus(t.candidate.value).toFixed(2), g.candidate.value);
        const sum = u.score + t.score + g.score;
        if (adds && (!best || sum > best.sum)) best = { untaxed: u, tax: t, total: g, sum };
      }
  return best;
}

/** The VAT rates printed on a bill ("20%", "VAT at 21 %", "8,1 %"), as numbers between 0 and 30. */
export function printedRates(text: string): number[] {
  const rates = [...text.matchAll(/(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s?%/g)].map((match) =>
    Number((match[1] ?? "").replace(",", ".")),
  );
  return [...new Set(rates.filter((rate) => rate > 0 && rate <= 30))];
}

/**
 * When no top candidates add up: the best-scoring untaxed, tax and total among ALL the amounts
 * whose tax is one of the bill's printed rates of the untaxed amount (to the cent) and whose total is
 * their sum. Bills that print their totals in a sentence, or far from any label, are read this way.
 */
export function rateConsistentTotals(
  untaxed: readonly Scored[],
  tax: readonly Scored[],
  total: readonly Scored[],
  rates: readonly number[],
): { untaxed: Scored; tax: Scored; total: Scored } | null {
  const byCents = (ranked: readonly Scored[]) =>
    new Map(ranked.map((entry) => [Math.round(new Big(entry.candidate.value).times(100).toNumber()), entry] as const));
  const [taxes, totals] = [byCents(tax), byCents(total)];
  let best: { untaxed: Scored; tax: Scored; total: Scored; sum: number } | null = null;
  for (const u of untaxed) {
    const cents = Math.round(new Big(u.candidate.value).times(100).toNumber());
    if (cents <= 0) continue;
    for (const rate of rates) {
      const exact = (cents * rate) / 100;
      for (const taxCents of new Set([Math.floor(exact), Math.round(exact), Math.ceil(exact)])) {
        const t = taxes.get(taxCents);
        const g = totals.get(cents + taxCents);
        if (!t || !g || t.candidate.start === u.candidate.start) continue;
        const sum = u.score + t.score + g.score;
        if (!best || sum > best.sum) best = { untaxed: u, tax: t, total: g, sum };
      }
    }
  }
  return best;
}

/** What a tax amount must score (by its label) to be summed with others. */
const LABELLED_TAX = 0.2;
/** How many tax amounts are tried together, and how many at most are summed. */
const POOL = 12;
const MAX_PARTS = 4;

/** Subsets of `pool` of 2 to `MAX_PARTS` entries whose values add up to `target` (cents). */
function* subsetsSumming(pool: readonly Scored[], cents: readonly number[], target: number): Generator<Scored[]> {
  const walk = function* (from: number, chosen: number[], sum: number): Generator<Scored[]> {
    if (chosen.length >= 2 && Math.abs(sum - target) <= 1) yield chosen.map((index) => pool[index] as Scored);
    if (chosen.length === MAX_PARTS) return;
    for (let index = from; index < pool.length; index++)
      yield* walk(index + 1, [...chosen, index], sum + (cents[index] as number));
  };
  yield* walk(0, [], 0);
}

/**
 * Bills with several tax rates print one tax amount per rate between the untaxed amount and the
 * total, often next to the base each applies to ("IVA 21 % s/ 1.000,00 … 210,00"). When the top
 * untaxed and total candidates differ by the sum of some tax-labelled amounts printed between them,
 * that sum is the bill's tax: returned as one candidate spanning them (generator "tax_sum"), with
 * the untaxed and total it completes. Among several such sums, the one whose weakest part scores
 * best wins.
 */
export function summedTaxes(
  untaxed: readonly Scored[],
  taxes: readonly Scored[],
  total: readonly Scored[],
): { untaxed: Scored; tax: Scored; total: Scored } | null {
  for (const u of untaxed.slice(0, TRIED).filter(positive))
    for (const g of total.slice(0, TRIED)) {
      const target = Math.round(new Big(g.candidate.value).minus(u.candidate.value).times(100).toNumber());
      if (target <= 0 || !plausibleTax(u.candidate.value, target / 100)) continue;
      const byStart = new Map<number, Scored>();
      for (const entry of taxes) {
        const { start, end } = entry.candidate;
        if (entry.score < LABELLED_TAX || start <= u.candidate.end || end >= g.candidate.start) continue;
        const known = byStart.get(start);
        if (!known || entry.score > known.score) byStart.set(start, entry);
      }
      const pool = [...byStart.values()].sort((a, b) => b.score - a.score).slice(0, POOL);
      const cents = pool.map((entry) => Math.round(new Big(entry.candidate.value).times(100).toNumber()));
      let best: Scored[] | null = null;
      const weakest = (parts: readonly Scored[]) => Math.min(...parts.map((part) => part.score));
      for (const parts of subsetsSumming(pool, cents, target)) if (!best || weakest(parts) > weakest(best)) best = parts;
      if (!best) continue;
      const parts = [...best].sort((a, b) => a.candidate.start - b.candidate.start);
      const first = parts[0] as Scored;
      const last = parts.at(-1) as Scored;
      const candidate = {
        ...first.candidate,
        raw: parts.map((part) => part.candidate.raw).join(" + "),
        value: new Big(target).div(100).toFixed(2),
        end: last.candidate.end,
        generator: "tax_sum",
        validity: Math.min(...parts.map((part) => part.candidate.validity)),
      };
      return { untaxed: u, tax: { candidate, score: weakest(parts) }, total: g };
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
