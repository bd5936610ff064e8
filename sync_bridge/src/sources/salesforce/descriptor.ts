/**
 * The Salesforce connector: Accounts, Contacts, Leads and Opportunities through SOQL on the REST
 * API, with a connected app's refresh token. Its config block is `sources.salesforce`; its secrets
 * SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET and SALESFORCE_REFRESH_TOKEN.
 */
import { z } from "zod";
import { defineSource } from "../descriptor";
import { SalesforceClient } from "./client";
import { salesforceSecrets } from "./secrets";
import { salesforceStreams } from "./streams";

export const salesforceSource = defineSource({
  name: "salesforce",
  label: "Salesforce",
  streams: ["companies", "contacts", "leads", "deals"],
  settings: z.strictObject({
    /** https://test.salesforce.com for a sandbox, or the org's My Domain login URL. */
    loginUrl: z.url().default("https://login.salesforce.com"),
    apiVersion: z
      .string()
      .regex(/^v\d{2,3}\.0$/, 'must look like "v62.0"')
      .default("v62.0"),
    /** Records per query page: Salesforce allows 200 to 2000 (and may send fewer). */
    batchSize: z.number().int().min(200).max(2000).default(2000),
    lookbackSeconds: z.number().int().min(0).max(86_400).default(60),
    /** Stop once the org's daily API usage reaches this share, leaving the rest to its other integrations. */
    maxApiUsagePercent: z.number().min(1).max(100).default(90),
    /** Set when the org has multiple currencies enabled: Opportunities then carry a CurrencyIsoCode. */
    multiCurrency: z.boolean().default(false),
  }),
  secrets: {
    names: ["SALESFORCE_CLIENT_ID", "SALESFORCE_CLIENT_SECRET", "SALESFORCE_REFRESH_TOKEN"],
    help: [
      "SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET and SALESFORCE_REFRESH_TOKEN",
      "  a connected app's consumer key and secret, and a refresh token (sync salesforce)",
    ],
    offline: { SALESFORCE_CLIENT_ID: "offline", SALESFORCE_CLIENT_SECRET: "offline", SALESFORCE_REFRESH_TOKEN: "offline" },
    read: salesforceSecrets,
  },
  create(settings, { env, http }) {
    const client = new SalesforceClient(
      {
        ...http,
        loginUrl: settings.loginUrl.replace(/\/+$/, ""),
        apiVersion: settings.apiVersion,
        batchSize: settings.batchSize,
        maxApiUsagePercent: settings.maxApiUsagePercent,
      },
      salesforceSecrets(env),
    );
    return {
      streams: salesforceStreams(client, { lookbackMs: settings.lookbackSeconds * 1000, multiCurrency: settings.multiCurrency }),
    };
  },
});
