/**
 * Webhook test support: signing as each vendor does, an in-memory Odoo that also claims
 * deliveries as `ops.sync.gateway.claim_deliveries` does (one claim per source and delivery id,
 * owned by the first trace id) and remembers each ingested record's trace id, and a client that
 * POSTs real HTTP requests to the server.
 */
import { createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import type { DeliveryClaim, IngestRecord, IngestResult } from "../../../sync_bridge/src/gateway";
import { FakeOdoo } from "./fake_gateway";

export const base64Hmac = (secret: string, ...parts: (string | Buffer)[]): string => {
  const hmac = createHmac("sha256", secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest("base64");
};

/** HubSpot's v3 headers for a POST of `body` to `uri` at `timestamp` (ms). */
export function hubspotHeaders(secret: string, uri: string, body: string, timestamp: number): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "X-HubSpot-Signature-v3": base64Hmac(secret, "POST", uri, body, String(timestamp)),
    "X-HubSpot-Request-Timestamp": String(timestamp),
  };
}

export class ClaimingOdoo extends FakeOdoo {
  readonly claims = new Map<string, string>();
  /** Each ingested record: its stream, external id and trace id. */
  readonly ingested: { source: string; stream: string; externalId: string; traceId: string }[] = [];

  async claimDeliveries(source: string, deliveries: readonly DeliveryClaim[]): Promise<boolean[]> {
    this.beforeCall?.("claim_deliveries");
    return deliveries.map((delivery) => {
      const key = `${source}|${delivery.deliveryId}`;
      if (!this.claims.has(key)) this.claims.set(key, delivery.traceId);
      return this.claims.get(key) === delivery.traceId;
    });
  }

  override async ingest(
    source: string,
    stream: string,
    records: readonly IngestRecord[],
    mappingVersion = 1,
  ): Promise<IngestResult[]> {
    const results = await super.ingest(source, stream, records, mappingVersion);
    for (const record of records) this.ingested.push({ source, stream, externalId: record.externalId, traceId: record.traceId });
    return results;
  }
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** POSTs `body` to `url` with node:http (msw lets it through, see `passToServer`). */
export function post(url: string, body: string | Buffer, headers: Record<string, string> = {}, method = "POST"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method, headers: { "Content-Length": Buffer.byteLength(body), ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
        });
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
