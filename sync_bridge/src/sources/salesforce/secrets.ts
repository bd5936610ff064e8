/** Salesforce's secrets: a connected app's consumer key and secret, and a refresh token, from the environment. */
import { z } from "zod";
import type { Env } from "../descriptor";
import { isSet, readSecrets } from "../secrets";
import type { SalesforceCredentials } from "./client";

export const salesforceSecretsSchema = z.object({
  /** The connected app's Consumer Key. e.g. 3MVG9lKcPoNINVBIPJjdw1J9LLM82HnFVVX19KY1uA5mu0... */
  SALESFORCE_CLIENT_ID: z.string(isSet).min(1),
  /** The connected app's Consumer Secret. e.g. 1955279925675241571 */
  SALESFORCE_CLIENT_SECRET: z.string(isSet).min(1),
  /** A refresh token of the web server flow, with the api and refresh_token scopes. e.g. 5Aep861... */
  SALESFORCE_REFRESH_TOKEN: z.string(isSet).min(1),
});

/** The client's credentials; throws `ConfigValidationError` naming the variables missing. */
export function salesforceSecrets(env: Env): SalesforceCredentials {
  const secrets = readSecrets(salesforceSecretsSchema, env, "Salesforce");
  return {
    clientId: secrets.SALESFORCE_CLIENT_ID,
    clientSecret: secrets.SALESFORCE_CLIENT_SECRET,
    refreshToken: secrets.SALESFORCE_REFRESH_TOKEN,
  };
}
