/**
 * The Google Ads connector: campaigns and their daily spend through GAQL `searchStream`. Its
 * config block is `sources.google_ads` (the account in `customerId`); its secrets the developer
 * token and an OAuth access token, or what refreshes one.
 */
import { z } from "zod";
import { ConfigValidationError } from "../../errors";
import { defineSource } from "../descriptor";
import { GoogleAdsClient } from "./client";
import { googleAdsSecrets } from "./secrets";
import { googleAdsStreams } from "./streams";

const accountId = z.string().regex(/^\d{3}-?\d{3}-?\d{4}$/, "must look like 123-456-7890");

export const googleAdsSource = defineSource({
  name: "google_ads",
  label: "Google Ads",
  streams: ["campaigns", "campaign_spend"],
  settings: z.strictObject({
    baseUrl: z.url().default("https://googleads.googleapis.com"),
    tokenUrl: z.url().default("https://oauth2.googleapis.com/token"),
    apiVersion: z
      .string()
      .regex(/^v\d+$/)
      .default("v22"),
    /** e.g. "123-456-7890" */
    customerId: accountId.optional(),
    loginCustomerId: accountId.optional(),
    lookbackDays: z.number().int().min(0).max(90).default(3),
    initialDays: z.number().int().min(1).max(3650).default(30),
  }),
  secrets: {
    names: [
      "GOOGLE_ADS_DEVELOPER_TOKEN",
      "GOOGLE_ADS_ACCESS_TOKEN",
      "GOOGLE_ADS_CLIENT_ID",
      "GOOGLE_ADS_CLIENT_SECRET",
      "GOOGLE_ADS_REFRESH_TOKEN",
    ],
    help: [
      "GOOGLE_ADS_DEVELOPER_TOKEN and GOOGLE_ADS_ACCESS_TOKEN, or GOOGLE_ADS_CLIENT_ID,",
      "  GOOGLE_ADS_CLIENT_SECRET and GOOGLE_ADS_REFRESH_TOKEN (sync google_ads)",
    ],
    offline: { GOOGLE_ADS_DEVELOPER_TOKEN: "offline", GOOGLE_ADS_ACCESS_TOKEN: "offline" },
    read: googleAdsSecrets,
  },
  create(settings, { env, http, now, offline }) {
    const customerId = settings.customerId ?? (offline ? "0000000000" : undefined);
    if (customerId === undefined) {
      throw new ConfigValidationError(
        "sources.google_ads.customerId is not set",
        'Set it in the config file to the Ads account to read, e.g. "customerId": "123-456-7890".',
      );
    }
    const client = new GoogleAdsClient(
      {
        ...http,
        baseUrl: settings.baseUrl.replace(/\/+$/, ""),
        apiVersion: settings.apiVersion,
        customerId: customerId.replace(/-/g, ""),
        loginCustomerId: settings.loginCustomerId?.replace(/-/g, ""),
        tokenUrl: settings.tokenUrl,
      },
      googleAdsSecrets(env),
    );
    return { streams: googleAdsStreams(client, { lookbackDays: settings.lookbackDays, initialDays: settings.initialDays, now }) };
  },
});
