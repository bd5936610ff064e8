/**
 * The vendors' secrets, read from the environment (or the `--env-file`) only when their source
 * runs: a missing HubSpot token must not stop a CSV sync. Validated with zod; a missing or
 * malformed secret fails with zod's prettified report and the variables to set.
 */
import { z } from "zod";
import { ConfigValidationError } from "../errors";
import type { GoogleAdsCredentials } from "./google_ads/client";

const isSet = { error: (issue: { input?: unknown }) => (issue.input === undefined ? "is not set" : "must be a non-empty string") };

export const hubspotSecretsSchema = z.object({
  /**
   * Access token of a HubSpot private app with the crm.objects.{companies,contacts,deals}.read scopes.
   * e.g. pat-na1-00000000-0000-0000-0000-000000000000
   */
  HUBSPOT_ACCESS_TOKEN: z.string(isSet).min(1),
});

export const googleAdsSecretsSchema = z
  .object({
    /**
     * The developer token of the Google Ads API Center.
     * e.g. ABcdeFGH93KL-NOPQ_STUv
     */
    GOOGLE_ADS_DEVELOPER_TOKEN: z.string(isSet).min(1),
    /**
     * A ready OAuth access token (short-lived); or set the three variables below instead.
     * e.g. ya29.a0AfH6SM...
     */
    GOOGLE_ADS_ACCESS_TOKEN: z.string().min(1).optional(),
    /** e.g. 1234567890-abc.apps.googleusercontent.com */
    GOOGLE_ADS_CLIENT_ID: z.string().min(1).optional(),
    /** e.g. GOCSPX-0000000000000000000000000000 */
    GOOGLE_ADS_CLIENT_SECRET: z.string().min(1).optional(),
    /** e.g. 1//0gAbCdEf... */
    GOOGLE_ADS_REFRESH_TOKEN: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.GOOGLE_ADS_ACCESS_TOKEN) return;
    for (const name of ["GOOGLE_ADS_CLIENT_ID", "GOOGLE_ADS_CLIENT_SECRET", "GOOGLE_ADS_REFRESH_TOKEN"] as const) {
      if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "is not set (needed when GOOGLE_ADS_ACCESS_TOKEN is not)" });
    }
  });

export const wooCommerceSecretsSchema = z.object({
  /**
   * REST API consumer key (WooCommerce > Settings > Advanced > REST API), read access.
   * e.g. ck_0000000000000000000000000000000000000000
   */
  WOOCOMMERCE_CONSUMER_KEY: z.string(isSet).min(1),
  /** e.g. cs_0000000000000000000000000000000000000000 */
  WOOCOMMERCE_CONSUMER_SECRET: z.string(isSet).min(1),
});

/** Validates `schema` against the environment; empty values count as unset. */
function readSecrets<S extends z.ZodType>(schema: S, env: Readonly<Record<string, string | undefined>>, vendor: string): z.output<S> {
  const input = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
    throw new ConfigValidationError(
      `Missing ${vendor} credentials:\n${z.prettifyError(parsed.error)}`,
      `Set ${names.join(", ")} in the environment or in the file passed with --env-file.`,
    );
  }
  return parsed.data;
}

export function hubspotSecrets(env: Readonly<Record<string, string | undefined>>): string {
  return readSecrets(hubspotSecretsSchema, env, "HubSpot").HUBSPOT_ACCESS_TOKEN;
}

export function googleAdsSecrets(env: Readonly<Record<string, string | undefined>>): GoogleAdsCredentials {
  const secrets = readSecrets(googleAdsSecretsSchema, env, "Google Ads");
  if (secrets.GOOGLE_ADS_ACCESS_TOKEN) {
    return { developerToken: secrets.GOOGLE_ADS_DEVELOPER_TOKEN, accessToken: secrets.GOOGLE_ADS_ACCESS_TOKEN };
  }
  return {
    developerToken: secrets.GOOGLE_ADS_DEVELOPER_TOKEN,
    clientId: secrets.GOOGLE_ADS_CLIENT_ID as string,
    clientSecret: secrets.GOOGLE_ADS_CLIENT_SECRET as string,
    refreshToken: secrets.GOOGLE_ADS_REFRESH_TOKEN as string,
  };
}

export function wooCommerceSecrets(env: Readonly<Record<string, string | undefined>>): { key: string; secret: string } {
  const secrets = readSecrets(wooCommerceSecretsSchema, env, "WooCommerce");
  return { key: secrets.WOOCOMMERCE_CONSUMER_KEY, secret: secrets.WOOCOMMERCE_CONSUMER_SECRET };
}
