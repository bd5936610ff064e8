/**
 * The HubSpot connector: companies, contacts and deals through the CRM search API, with a private
 * app's token. Its config block is `sources.hubspot`; its secret HUBSPOT_ACCESS_TOKEN.
 */
import { z } from "zod";
import { defineSource } from "../descriptor";
import { HubSpotClient } from "./client";
import { hubspotSecrets } from "./secrets";
import { hubspotStreams } from "./streams";

export const hubspotSource = defineSource({
  name: "hubspot",
  label: "HubSpot",
  streams: ["companies", "contacts", "deals"],
  settings: z.strictObject({
    baseUrl: z.url().default("https://api.hubapi.com"),
    pageSize: z.number().int().min(1).max(200).default(200),
    /** The search endpoints allow about 4 requests a second per account. */
    requestsPerSecond: z.number().min(0).max(1000).default(4),
    lookbackSeconds: z.number().int().min(0).max(86_400).default(300),
  }),
  secrets: {
    names: ["HUBSPOT_ACCESS_TOKEN"],
    help: ["HUBSPOT_ACCESS_TOKEN   private app token (sync hubspot)"],
    offline: { HUBSPOT_ACCESS_TOKEN: "offline" },
    read: hubspotSecrets,
  },
  create(settings, { env, http }) {
    const client = new HubSpotClient(
      {
        ...http,
        baseUrl: settings.baseUrl.replace(/\/+$/, ""),
        minIntervalMs: settings.requestsPerSecond > 0 ? 1000 / settings.requestsPerSecond : 0,
      },
      hubspotSecrets(env),
    );
    return { streams: hubspotStreams(client, { pageSize: settings.pageSize, lookbackMs: settings.lookbackSeconds * 1000 }) };
  },
});
