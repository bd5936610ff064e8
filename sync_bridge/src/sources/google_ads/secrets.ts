/**
 * Google Ads' secrets: the developer token, and either a ready OAuth access token or the client
 * credentials and refresh token to get one, from the environment.
 */
import { z } from "zod";
import type { Env } from "../descriptor";
import { isSet, readSecrets } from "../secrets";
import type { GoogleAdsCredentials } from "./client";

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
      if (!env[name])
        ctx.addIssue({ code: "custom", path: [name], message: "is not set (needed when GOOGLE_ADS_ACCESS_TOKEN is not)" });
    }
  });

/** The client's credentials; throws `ConfigValidationError` naming the variables missing. */
export function googleAdsSecrets(env: Env): GoogleAdsCredentials {
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
