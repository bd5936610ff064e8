/** WooCommerce's secrets: the REST API consumer key and secret, from the environment. */
import { z } from "zod";
import type { Env } from "../descriptor";
import { isSet, readSecrets } from "../secrets";

export const wooCommerceSecretsSchema = z.object({
  /**
   * REST API consumer key (WooCommerce > Settings > Advanced > REST API), read access.
   * e.g. ck_0000000000000000000000000000000000000000
   */
  WOOCOMMERCE_CONSUMER_KEY: z.string(isSet).min(1),
  /** e.g. cs_0000000000000000000000000000000000000000 */
  WOOCOMMERCE_CONSUMER_SECRET: z.string(isSet).min(1),
});

/** The API keys; throws `ConfigValidationError` naming the variables missing. */
export function wooCommerceSecrets(env: Env): { key: string; secret: string } {
  const secrets = readSecrets(wooCommerceSecretsSchema, env, "WooCommerce");
  return { key: secrets.WOOCOMMERCE_CONSUMER_KEY, secret: secrets.WOOCOMMERCE_CONSUMER_SECRET };
}
