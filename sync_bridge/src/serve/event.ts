/**
 * What `ops-bridge serve` keeps of a verified webhook delivery: one event per vendor event (a
 * HubSpot request carries up to 100), with the trace id born at receipt and the vendor's delivery
 * id that Odoo's claim keys on.
 */
import { createHash } from "node:crypto";

export const WEBHOOK_VENDORS = ["hubspot", "shopify", "woocommerce"] as const;
export type WebhookVendorName = (typeof WEBHOOK_VENDORS)[number];

/** One verified event, as the journal keeps it. */
export interface JournalEvent {
  /** crypto.randomUUID() at receipt; travels to Odoo as each record's trace id. */
  traceId: string;
  vendor: WebhookVendorName;
  /** The vendor's id of the delivery (HubSpot's eventId, X-Shopify-Webhook-Id, X-WC-Webhook-Delivery-ID). */
  deliveryId: string;
  /** e.g. "contact.propertyChange", "orders/create", "order.updated"; null when the vendor says none. */
  topic: string | null;
  /** When the bridge received it, in ms since the epoch. */
  receivedAt: number;
  /** The event's JSON; `undefined` when the body was not JSON (kept in `unreadable`, dead-lettered). */
  body?: unknown;
  /** The start of a body that was not JSON, for the dead-letter queue. */
  unreadable?: string;
}

/** A delivery id for a body that came without one: the same body always gets the same id. */
export function bodyDeliveryId(body: Buffer): string {
  return `sha256:${createHash("sha256").update(body).digest("hex")}`;
}
