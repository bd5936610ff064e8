/**
 * Builds a configured source from the sync settings and the environment's secrets. The one
 * place that knows every source; the synchronizer only sees `Source` and `StreamDefinition`.
 */
import { existsSync } from "node:fs";
import { ConfigValidationError } from "../errors";
import type { RetryHooks } from "../retry";
import type { SyncSettings } from "../sync_config";
import type { SourceName } from "./catalog";
import { csvStreams } from "./csv/streams";
import { GoogleAdsClient } from "./google_ads/client";
import { googleAdsStreams } from "./google_ads/streams";
import { HubSpotClient } from "./hubspot/client";
import { hubspotStreams } from "./hubspot/streams";
import { googleAdsSecrets, hubspotSecrets, wooCommerceSecrets } from "./secrets";
import type { Source } from "./source";
import { WooCommerceClient } from "./woocommerce/client";
import { wooCommerceStreams } from "./woocommerce/streams";

export { SOURCE_NAMES, SOURCE_STREAMS, STREAM_KINDS, type SourceName, type StreamKind } from "./catalog";
export type { MappedRecord, Source, SourcePage, StreamDefinition } from "./source";

/** What a source needs besides its settings. */
export interface SourceContext {
  env: Readonly<Record<string, string | undefined>>;
  /** The clock; tests pin it. */
  now?: () => Date;
  /** Retry hooks for the vendor clients (e.g. a progress line's "retrying in 2 s"). */
  retryHooks?: RetryHooks;
  /**
   * For replays, which only need schemas and mappers: every stream (even a CSV stream without
   * its file), and no vendor secret or address, since nothing is called.
   */
  offline?: boolean;
}

/** Placeholders that let an offline source be built; its clients are never called. */
const OFFLINE_SECRETS = {
  HUBSPOT_ACCESS_TOKEN: "offline",
  GOOGLE_ADS_DEVELOPER_TOKEN: "offline",
  GOOGLE_ADS_ACCESS_TOKEN: "offline",
  WOOCOMMERCE_CONSUMER_KEY: "offline",
  WOOCOMMERCE_CONSUMER_SECRET: "offline",
};

/** Builds `name` from `settings`. Throws `ConfigValidationError` for missing settings or secrets. */
export function createSource(name: SourceName, settings: SyncSettings, context: SourceContext): Source {
  const now = context.now ?? (() => new Date());
  const env = context.offline ? { ...context.env, ...OFFLINE_SECRETS } : context.env;
  const http = { timeoutMs: settings.httpTimeoutMs, retry: settings.retryPolicy, retryHooks: context.retryHooks };
  switch (name) {
    case "csv": {
      if (!context.offline && !existsSync(settings.csvDirectory)) {
        throw new ConfigValidationError(
          `The CSV directory ${settings.csvDirectory} does not exist`,
          'Set sources.csv.directory in the config file to the folder holding the exports (e.g. "exports").',
        );
      }
      const csv = settings.sources.csv;
      return {
        name,
        streams: csvStreams({
          directory: settings.csvDirectory,
          pageSize: Math.min(csv.pageSize, settings.batchSize),
          labels: { stages: csv.dealStages, pipelines: csv.pipelines },
          orderStates: settings.orderStates.csv,
        }, undefined, context.offline),
      };
    }
    case "hubspot": {
      const hubspot = settings.sources.hubspot;
      const client = new HubSpotClient(
        { ...http, baseUrl: hubspot.baseUrl.replace(/\/+$/, ""), minIntervalMs: hubspot.requestsPerSecond > 0 ? 1000 / hubspot.requestsPerSecond : 0 },
        hubspotSecrets(env),
      );
      return { name, streams: hubspotStreams(client, { pageSize: hubspot.pageSize, lookbackMs: hubspot.lookbackSeconds * 1000 }) };
    }
    case "google_ads": {
      const ads = settings.sources.google_ads;
      const customerId = ads.customerId ?? (context.offline ? "0000000000" : undefined);
      if (customerId === undefined) {
        throw new ConfigValidationError(
          "sources.google_ads.customerId is not set",
          'Set it in the config file to the Ads account to read, e.g. "customerId": "123-456-7890".',
        );
      }
      const client = new GoogleAdsClient(
        {
          ...http,
          baseUrl: ads.baseUrl.replace(/\/+$/, ""),
          apiVersion: ads.apiVersion,
          customerId: customerId.replace(/-/g, ""),
          loginCustomerId: ads.loginCustomerId?.replace(/-/g, ""),
          tokenUrl: ads.tokenUrl,
        },
        googleAdsSecrets(env),
      );
      return { name, streams: googleAdsStreams(client, { lookbackDays: ads.lookbackDays, initialDays: ads.initialDays, now }) };
    }
    case "woocommerce": {
      const woo = settings.sources.woocommerce;
      const baseUrl = woo.baseUrl ?? (context.offline ? "https://offline.invalid" : undefined);
      if (baseUrl === undefined) {
        throw new ConfigValidationError(
          "sources.woocommerce.baseUrl is not set",
          'Set it in the config file to the shop\'s address, e.g. "baseUrl": "https://shop.example.com".',
        );
      }
      const { key, secret } = wooCommerceSecrets(env);
      const client = new WooCommerceClient({ ...http, baseUrl: baseUrl.replace(/\/+$/, "") }, key, secret);
      return {
        name,
        streams: wooCommerceStreams(client, {
          pageSize: woo.pageSize,
          lookbackMs: woo.lookbackSeconds * 1000,
          orderStates: settings.orderStates.woocommerce,
          now,
        }),
      };
    }
  }
}
