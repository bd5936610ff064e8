/** HubSpot's secret: a private app's access token, from the environment. */
import { z } from "zod";
import type { Env } from "../descriptor";
import { isSet, readSecrets } from "../secrets";

export const hubspotSecretsSchema = z.object({
  /**
   * Access token of a HubSpot private app with the crm.objects.{companies,contacts,deals}.read scopes.
   * e.g. pat-na1-00000000-0000-0000-0000-000000000000
   */
  HUBSPOT_ACCESS_TOKEN: z.string(isSet).min(1),
});

/** The access token; throws `ConfigValidationError` when it is not set. */
export function hubspotSecrets(env: Env): string {
  return readSecrets(hubspotSecretsSchema, env, "HubSpot").HUBSPOT_ACCESS_TOKEN;
}
