/**
 * Webhook signatures, as each vendor documents them. Every check compares in constant time and
 * answers a reason when it fails, for the log; the caller answers 401 and writes nothing.
 *
 * - HubSpot v3: `X-HubSpot-Signature-v3` = base64 HMAC-SHA256, keyed with the app's client secret,
 *   of method + URI + body + `X-HubSpot-Request-Timestamp`; refused when the timestamp is more than
 *   5 minutes old. The URI is the one HubSpot called (scheme and host included), with the
 *   characters of HubSpot's table URL-decoded.
 * - Shopify: `X-Shopify-Hmac-Sha256` = base64 HMAC-SHA256 of the raw body with the app's secret.
 * - WooCommerce: `X-WC-Webhook-Signature` = base64 HMAC-SHA256 of the raw body with the webhook's secret.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** HubSpot refuses requests whose timestamp is older than this. */
export const HUBSPOT_MAX_AGE_MS = 5 * 60 * 1000;

/** The URL-encoded characters HubSpot decodes in the URI before signing it (its validation guide's table). */
const HUBSPOT_DECODED: Readonly<Record<string, string>> = {
  "%3A": ":",
  "%2F": "/",
  "%3F": "?",
  "%40": "@",
  "%21": "!",
  "%24": "$",
  "%27": "'",
  "%28": "(",
  "%29": ")",
  "%2A": "*",
  "%2C": ",",
  "%3B": ";",
};

/** The URI as HubSpot signs it: the characters of its table decoded, every other escape kept. */
export function hubspotSignedUri(uri: string): string {
  return uri.replace(/%[0-9A-Fa-f]{2}/g, (escape) => HUBSPOT_DECODED[escape.toUpperCase()] ?? escape);
}

/** base64 HMAC-SHA256 of `parts` with `secret`. */
export function hmacBase64(secret: string, ...parts: (string | Buffer)[]): string {
  const hmac = createHmac("sha256", secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest("base64");
}

/** Whether `given` equals `expected`, in time independent of where they differ. */
export function sameSignature(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given.trim(), "utf8");
  const b = Buffer.from(expected, "utf8");
  // timingSafeEqual needs equal lengths; comparing b with itself keeps the time the same.
  return a.length === b.length ? timingSafeEqual(a, b) : !timingSafeEqual(b, b);
}

export type Verdict = { ok: true } | { ok: false; reason: string };

const refused = (reason: string): Verdict => ({ ok: false, reason });

/** A body signed as Shopify and WooCommerce do: base64 HMAC-SHA256 of the raw bytes. */
export function verifyBodySignature(secret: string, body: Buffer, header: string | undefined, name: string): Verdict {
  if (header === undefined || header === "") return refused(`no ${name} header`);
  return sameSignature(header, hmacBase64(secret, body)) ? { ok: true } : refused(`${name} does not match the body`);
}

/** What HubSpot signs besides the body. */
export interface HubSpotSigned {
  method: string;
  /** The full URI HubSpot called, e.g. https://bridge.example.com/webhooks/hubspot?x=1. */
  uri: string;
  signature: string | undefined;
  timestamp: string | undefined;
}

/** HubSpot's signature v3 at `now` (ms). */
export function verifyHubSpot(secret: string, body: Buffer, signed: HubSpotSigned, now: number): Verdict {
  if (!signed.signature) return refused("no X-HubSpot-Signature-v3 header");
  if (!signed.timestamp || !/^\d{1,16}$/.test(signed.timestamp)) return refused("no valid X-HubSpot-Request-Timestamp header");
  const age = now - Number(signed.timestamp);
  if (age > HUBSPOT_MAX_AGE_MS) return refused(`the request is ${Math.round(age / 1000)} s old (at most 300 s)`);
  const expected = hmacBase64(secret, signed.method, hubspotSignedUri(signed.uri), body, signed.timestamp);
  return sameSignature(signed.signature, expected) ? { ok: true } : refused("X-HubSpot-Signature-v3 does not match the request");
}
