/**
 * `ops-bridge serve`: the webhook server, its journal and its drain, put together from the
 * configuration. Each vendor is served when its signing secret is set; HubSpot also needs its
 * access token (thin events are fetched whole), WooCommerce and Shopify send the resource itself.
 */
import { join } from "node:path";
import { ConfigValidationError } from "../errors";
import type { SyncGateway } from "../gateway";
import type { RetryHooks } from "../retry";
import { createSource, type Source } from "../sources";
import type { SyncSettings } from "../sync_config";
import { Drainer, type DrainDeps } from "./drain";
import type { JournalEvent, WebhookVendorName } from "./event";
import { Journal } from "./journal";
import { RECEIVERS } from "./receive";
import { WOOCOMMERCE_TOPICS, hubspotResolver, payloadResolver, type EventResolver } from "./resolve";
import { SHOPIFY_REST_STREAMS, SHOPIFY_TOPICS } from "./shopify_rest";
import { startServer, type RunningServer } from "./server";

export interface ServeOptions {
  env: Readonly<Record<string, string | undefined>>;
  settings: SyncSettings;
  gateway: SyncGateway;
  port: number;
  host: string;
  /** Where the journal lives (OPS_BRIDGE_DATA_DIR). */
  dataDir: string;
  retryHooks?: RetryHooks;
  /** Pause between failed drain rounds (tests shorten it). */
  pausePolicy?: DrainDeps["pausePolicy"];
  onDone?: DrainDeps["onDone"];
  log?: (line: string) => void;
  now?: () => number;
}

export interface Serving {
  url: string;
  vendors: WebhookVendorName[];
  journal: Journal;
  drainer: Drainer;
  /** Stops accepting, lets the round in flight finish, closes the journal. */
  close(): Promise<void>;
}

/** The environment variable naming the journal's folder, and its default under the working directory. */
export const DATA_DIR_ENV = "OPS_BRIDGE_DATA_DIR";
export const defaultDataDir = (cwd: string): string => join(cwd, ".ops-bridge");

/** The resolver of each enabled vendor. */
function resolverFor(vendor: WebhookVendorName, options: ServeOptions): EventResolver {
  const build = (name: "hubspot" | "woocommerce", offline: boolean): Source =>
    createSource(name, options.settings, { env: options.env, offline, retryHooks: options.retryHooks });
  switch (vendor) {
    case "hubspot":
      return hubspotResolver(build("hubspot", false));
    case "woocommerce":
      // The webhook carries the order or customer: nothing is fetched, no REST key is needed.
      return payloadResolver("woocommerce", build("woocommerce", true), WOOCOMMERCE_TOPICS, "WooCommerce");
    case "shopify":
      // the REST resource of the webhook, mapped as it is (see shopify_rest.ts)
      return payloadResolver(
        "shopify",
        { name: "shopify" as Source["name"], streams: SHOPIFY_REST_STREAMS },
        SHOPIFY_TOPICS,
        "Shopify",
      );
  }
}

/** Starts serving. Throws `ConfigValidationError` when no vendor is configured. */
export async function serve(options: ServeOptions): Promise<Serving> {
  const enabled = RECEIVERS.flatMap((receiver) => {
    const secret = options.env[receiver.secretName]?.trim();
    return secret ? [{ receiver, secret }] : [];
  });
  if (enabled.length === 0) {
    throw new ConfigValidationError(
      "ops-bridge serve: no webhook secret is set, so no vendor can be served",
      `Set one or more of ${RECEIVERS.map((receiver) => receiver.secretName).join(", ")} (see docs/webhooks.md).`,
    );
  }
  const { gateway } = options;
  if (!gateway.claimDeliveries) throw new Error("this gateway cannot claim webhook deliveries");
  const resolvers = new Map(enabled.map(({ receiver }) => [receiver.vendor, resolverFor(receiver.vendor, options)] as const));
  const journal = await Journal.open(options.dataDir);
  const drainer = new Drainer({
    gateway: gateway as DrainDeps["gateway"],
    odooRetry: options.settings.odooRetryPolicy,
    retryHooks: options.retryHooks,
    batchSize: options.settings.batchSize,
    journal,
    resolvers,
    pausePolicy: options.pausePolicy,
    onDone: options.onDone,
    log: options.log,
  });
  let running: RunningServer;
  try {
    running = await startServer(
      {
        receivers: enabled,
        journal,
        drainer,
        publicUrl: options.env.OPS_BRIDGE_PUBLIC_URL?.trim() || undefined,
        log: options.log,
        now: options.now,
      },
      options.port,
      options.host,
    );
  } catch (error) {
    await journal.close();
    throw error;
  }
  const draining = drainer.start();
  return {
    url: running.url,
    vendors: enabled.map(({ receiver }) => receiver.vendor),
    journal,
    drainer,
    async close() {
      await running.close();
      await drainer.stop();
      await draining;
      await journal.close();
    },
  };
}

export type { JournalEvent };
