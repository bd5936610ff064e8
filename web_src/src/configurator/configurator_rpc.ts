// The two server calls behind the configurator, with the shapes the addon answers
// (ops.config.ruleset.ops_configurator_load, sale.order.ops_config_apply), and the server's own
// sentence when one is refused.
import { _t } from "@web/core/l10n/translation";
import type { ORM } from "@web/core/orm_service";
import type { Evaluation, RuleSet } from "./engine/types";
import type { ConfiguratorCurrency } from "./money";

export const RULESET_MODEL = "ops.config.ruleset";
export const ORDER_MODEL = "sale.order";

/** What the dialog needs to configure one product (on one line): the published version it pins. */
export interface ConfiguratorLoad {
  ruleset_id: number;
  ruleset_name: string;
  version_id: number;
  version: number;
  hash: string;
  content: RuleSet;
  /** the current user's role for the guardrails, decided by the server */
  role: string;
  currency: ConfiguratorCurrency;
  /** the line's current input values, or {} */
  values: Record<string, unknown>;
  quantity: string;
}

export interface ConfigurationPayload {
  line_id: number | false;
  product_id: number;
  version_id: number;
  values: Record<string, unknown>;
  quantity: string;
  /** what the browser computed; the server evaluates again and its answer wins */
  browser_output: Evaluation;
}

export interface ConfigurationApplied {
  line_id: number;
  /** the server's evaluation, written on the line */
  output: Evaluation;
  /** the server's evaluation differs from the browser's */
  differs: boolean;
}

export function loadConfiguration(orm: ORM, productId: number, lineId: number | false): Promise<ConfiguratorLoad> {
  return orm.call<ConfiguratorLoad>(RULESET_MODEL, "ops_configurator_load", [productId, lineId]);
}

export function applyConfiguration(orm: ORM, orderId: number, payload: ConfigurationPayload): Promise<ConfigurationApplied> {
  return orm.call<ConfigurationApplied>(ORDER_MODEL, "ops_config_apply", [orderId, payload]);
}

/**
 * The server's sentence for a refused call (a UserError or ValidationError listing the problems):
 * Odoo's RPCError carries it in `data.message`, its `message` being "Odoo Server Error".
 */
export function serverMessage(error: unknown): string {
  const rpcError = (typeof error === "object" && error !== null ? error : {}) as {
    data?: { message?: unknown } | null;
    message?: unknown;
  };
  const text = [rpcError.data?.message, rpcError.message].find(
    (candidate): candidate is string => typeof candidate === "string" && candidate.trim() !== "",
  );
  return text?.trim() ?? _t("The server could not be reached. Please try again.");
}
