/**
 * Receiving one webhook request: the vendor's signature checked on the raw body, the body split
 * into events (a HubSpot request carries an array of them), each with a fresh trace id and the
 * vendor's delivery id. Nothing here writes: the server journals the events, then answers.
 */
import type { IncomingHttpHeaders } from "node:http";
import { bodyDeliveryId, type JournalEvent, type WebhookVendorName } from "./event";
import { verifyBodySignature, verifyHubSpot, type Verdict } from "./signatures";

/** A request as the server read it. */
export interface WebhookRequest {
  method: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The URI the vendor called, scheme and host included (HubSpot signs it). */
  publicUri: string;
  /** When it arrived, in ms. */
  now: number;
}

/** What to answer and what to journal. */
export type Receipt =
  | { kind: "events"; events: JournalEvent[] }
  /** A vendor's check that the URL answers (WooCommerce's ping on webhook creation): 200, nothing written. */
  | { kind: "ping" }
  | { kind: "refused"; reason: string };

export interface VendorReceiver {
  vendor: WebhookVendorName;
  /** The environment variable holding the signing secret. */
  secretName: string;
  receive(request: WebhookRequest, secret: string, newTraceId: () => string): Receipt;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The body's JSON, or `undefined` when it is not JSON. */
function parsed(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString("utf8")) as unknown };
  } catch {
    return { ok: false };
  }
}

/** One event for a whole body (Shopify, WooCommerce, or a HubSpot body that is not an array). */
function wholeBody(
  vendor: WebhookVendorName,
  request: WebhookRequest,
  deliveryId: string | undefined,
  topic: string | undefined,
  traceId: string,
): JournalEvent {
  const json = parsed(request.body);
  return {
    traceId,
    vendor,
    deliveryId: deliveryId?.trim() ? deliveryId.trim().slice(0, 200) : bodyDeliveryId(request.body),
    topic: topic?.trim() ? topic.trim().slice(0, 120) : null,
    receivedAt: request.now,
    ...(json.ok ? { body: json.value } : { unreadable: request.body.toString("utf8").slice(0, 2000) }),
  };
}

const refusedBy = (verdict: Verdict): Receipt | undefined =>
  verdict.ok ? undefined : { kind: "refused", reason: verdict.reason };

export const hubspotReceiver: VendorReceiver = {
  vendor: "hubspot",
  secretName: "HUBSPOT_CLIENT_SECRET",
  receive(request, secret, newTraceId) {
    const verdict = verifyHubSpot(
      secret,
      request.body,
      {
        method: request.method,
        uri: request.publicUri,
        signature: header(request.headers, "X-HubSpot-Signature-v3"),
        timestamp: header(request.headers, "X-HubSpot-Request-Timestamp"),
      },
      request.now,
    );
    const refused = refusedBy(verdict);
    if (refused) return refused;
    const json = parsed(request.body);
    if (!json.ok || !Array.isArray(json.value) || json.value.length === 0) {
      return { kind: "events", events: [wholeBody("hubspot", request, undefined, undefined, newTraceId())] };
    }
    const events = json.value.map((item: unknown): JournalEvent => {
      const record = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
      const eventId = record.eventId;
      // HubSpot's documented example names it `eventType`; deliveries send `subscriptionType`
      const topic = record.subscriptionType ?? record.eventType;
      return {
        traceId: newTraceId(),
        vendor: "hubspot",
        deliveryId:
          (typeof eventId === "number" && Number.isSafeInteger(eventId)) ||
          (typeof eventId === "string" && /^\d{1,30}$/.test(eventId))
            ? String(eventId)
            : bodyDeliveryId(Buffer.from(JSON.stringify(item) ?? "null")),
        topic: typeof topic === "string" ? topic.slice(0, 120) : null,
        receivedAt: request.now,
        body: item,
      };
    });
    return { kind: "events", events };
  },
};

export const shopifyReceiver: VendorReceiver = {
  vendor: "shopify",
  secretName: "SHOPIFY_WEBHOOK_SECRET",
  receive(request, secret, newTraceId) {
    const refused = refusedBy(
      verifyBodySignature(secret, request.body, header(request.headers, "X-Shopify-Hmac-Sha256"), "X-Shopify-Hmac-Sha256"),
    );
    if (refused) return refused;
    const deliveryId = header(request.headers, "X-Shopify-Webhook-Id");
    const event = wholeBody("shopify", request, deliveryId, header(request.headers, "X-Shopify-Topic"), newTraceId());
    return { kind: "events", events: [event] };
  },
};

/** WooCommerce's ping when a webhook is saved: a form body `webhook_id=N`, unsigned. */
const WOO_PING = /^webhook_id=\d{1,20}$/;

export const wooCommerceReceiver: VendorReceiver = {
  vendor: "woocommerce",
  secretName: "WOOCOMMERCE_WEBHOOK_SECRET",
  receive(request, secret, newTraceId) {
    const signature = header(request.headers, "X-WC-Webhook-Signature");
    if (signature === undefined && WOO_PING.test(request.body.toString("utf8").trim())) return { kind: "ping" };
    const refused = refusedBy(verifyBodySignature(secret, request.body, signature, "X-WC-Webhook-Signature"));
    if (refused) return refused;
    const deliveryId = header(request.headers, "X-WC-Webhook-Delivery-ID");
    const event = wholeBody("woocommerce", request, deliveryId, header(request.headers, "X-WC-Webhook-Topic"), newTraceId());
    return { kind: "events", events: [event] };
  },
};

export const RECEIVERS: readonly VendorReceiver[] = [hubspotReceiver, shopifyReceiver, wooCommerceReceiver];
