/**
 * The LinkedIn Ads connector: campaigns and their daily spend through the versioned Marketing
 * API. Its config block is `sources.linkedin_ads` (the API version, the ad accounts to read);
 * its secret an OAuth access token with r_ads and r_ads_reporting.
 */
import { z } from "zod";
import { defineSource } from "../descriptor";
import { LinkedInClient } from "./client";
import { linkedInSecrets } from "./secrets";
import { linkedInStreams } from "./streams";

export const linkedInAdsSource = defineSource({
  name: "linkedin_ads",
  label: "LinkedIn Ads",
  streams: ["campaigns", "campaign_spend"],
  settings: z.strictObject({
    baseUrl: z.url({ protocol: /^https?$/ }).default("https://api.linkedin.com"),
    /** The Marketing API version sent as `LinkedIn-Version`, e.g. "202601"; LinkedIn sunsets each after about a year. */
    apiVersion: z
      .string()
      .regex(/^20\d{2}(0[1-9]|1[0-2])$/, 'must be a version such as "202601" (YYYYMM)')
      .default("202601"),
    /** The ad accounts to read, e.g. ["507404993"]; every active account of the token when empty. */
    accountIds: z
      .array(z.string().regex(/^\d{1,19}$/, "must be an ad account id (digits)"))
      .max(100)
      .default([]),
    pageSize: z.number().int().min(1).max(1000).default(100),
    lookbackDays: z.number().int().min(0).max(90).default(3),
    initialDays: z.number().int().min(1).max(3650).default(30),
    daysPerCall: z.number().int().min(1).max(90).default(30),
    campaignsPerCall: z.number().int().min(1).max(100).default(20),
  }),
  secrets: {
    names: ["LINKEDIN_ACCESS_TOKEN"],
    help: ["LINKEDIN_ACCESS_TOKEN  OAuth token with r_ads, r_ads_reporting (sync linkedin_ads)"],
    offline: { LINKEDIN_ACCESS_TOKEN: "offline" },
    read: linkedInSecrets,
  },
  create(settings, { env, http, now }) {
    const client = new LinkedInClient(
      { ...http, baseUrl: settings.baseUrl.replace(/\/+$/, ""), apiVersion: settings.apiVersion, pageSize: settings.pageSize },
      linkedInSecrets(env),
    );
    return {
      streams: linkedInStreams(client, {
        accountIds: settings.accountIds,
        lookbackDays: settings.lookbackDays,
        initialDays: settings.initialDays,
        daysPerCall: settings.daysPerCall,
        campaignsPerCall: settings.campaignsPerCall,
        now,
      }),
    };
  },
});
