// Amounts of an evaluation as the salesperson reads them: the engine writes decimal strings
// ("499.5", "-55.50"); they are shown in the quote's currency, rounded half-up to its decimals with
// big.js (never through a binary float), with the user's separators.
import Big from "big.js";
import { _t } from "@web/core/l10n/translation";
import { localization } from "@web/core/l10n/localization";
import type { Phase } from "./engine/types";

/** The quote's currency, as ops.config.ruleset.ops_configurator_load returns it. */
export interface ConfiguratorCurrency {
  symbol: string;
  /** res.currency.position */
  position: "before" | "after";
  decimals: number;
}

// a constructor of our own: settings on the shared Big would leak into the engine's
const Money = Big();
Money.RM = 1; // half-up, as the rule language rounds

function groupDigits(digits: string): string {
  const size = localization.grouping?.[0] || 3;
  const separator = localization.thousandsSep ?? "";
  if (!separator) {
    return digits;
  }
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= size) {
    groups.unshift(digits.slice(Math.max(0, end - size), end));
  }
  return groups.join(separator);
}

/** "1234.5" → "1,234.50" (decimals from the currency); text that is not a decimal comes back as is. */
export function formatAmount(amount: string, decimals: number): string {
  let fixed: string;
  try {
    fixed = new Money(amount).toFixed(Math.max(0, decimals), 1);
  } catch {
    return amount;
  }
  const negative = fixed.startsWith("-");
  const [integer, fraction] = (negative ? fixed.slice(1) : fixed).split(".");
  const text = groupDigits(integer) + (fraction ? localization.decimalPoint + fraction : "");
  return negative && /[1-9]/.test(fixed) ? `-${text}` : text;
}

/** "1,234.50 €" or "$ 1,234.50", with a non-breaking space as Odoo writes money. */
export function formatMoney(amount: string, currency: ConfiguratorCurrency): string {
  const number = formatAmount(amount, currency.decimals);
  return currency.position === "before" ? `${currency.symbol}\u00a0${number}` : `${number}\u00a0${currency.symbol}`;
}

/** "12.5" → "12.5 %" */
export function formatPercent(percent: string): string {
  return `${percent.replace(".", localization.decimalPoint)}\u00a0%`;
}

/** The price phases in the order the engine applies them (§6 step 4). */
export const PHASES: Phase[] = ["list", "adjust", "discount", "surcharge", "final"];

export function phaseLabel(phase: Phase): string {
  switch (phase) {
    case "list":
      return _t("List price");
    case "adjust":
      return _t("Adjustments");
    case "discount":
      return _t("Discounts");
    case "surcharge":
      return _t("Surcharges");
    default:
      return _t("Final adjustments");
  }
}
