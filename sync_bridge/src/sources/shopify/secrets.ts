/** Shopify's secret: an Admin API access token of a custom app, from the environment. */
import { z } from "zod";
import type { Env } from "../descriptor";
import { isSet, readSecrets } from "../secrets";

export const shopifySecretsSchema = z.object({
  /**
   * Admin API access token of the shop's custom app, with read_customers and read_orders.
   * e.g. shpat_00000000000000000000000000000000
   */
  SHOPIFY_ACCESS_TOKEN: z.string(isSet).min(1),
});

/** The access token; throws `ConfigValidationError` when it is not set. */
export function shopifySecrets(env: Env): string {
  return readSecrets(shopifySecretsSchema, env, "Shopify").SHOPIFY_ACCESS_TOKEN;
}
