/** LinkedIn Ads' secret: an OAuth access token with the r_ads and r_ads_reporting scopes, from the environment. */
import { z } from "zod";
import type { Env } from "../descriptor";
import { isSet, readSecrets } from "../secrets";

export const linkedInSecretsSchema = z.object({
  /**
   * A member's OAuth 2.0 access token (3-legged) with r_ads and r_ads_reporting; it lives 60 days.
   * e.g. AQXdSP_W41_UPs5ioT_t8HESyODB4FqbkJ8LrV_5mff4gPODzOYR
   */
  LINKEDIN_ACCESS_TOKEN: z.string(isSet).min(1),
});

/** The access token; throws `ConfigValidationError` when it is not set. */
export function linkedInSecrets(env: Env): string {
  return readSecrets(linkedInSecretsSchema, env, "LinkedIn Ads").LINKEDIN_ACCESS_TOKEN;
}
