/**
 * The webhook server of `ops-bridge serve` (node:http): `POST /webhooks/<vendor>` for each vendor
 * whose signing secret is set, `GET /healthz`. A request is read up to a size limit, its signature
 * checked on the raw bytes (401 and nothing written when it fails), its events journaled and
 * flushed to disk, and only then answered 200; the drain brings them into Odoo afterwards.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { errorMessage } from "../errors";
import type { Drainer } from "./drain";
import type { Journal } from "./journal";
import type { VendorReceiver, WebhookRequest } from "./receive";

/** Largest body read; a HubSpot request holds at most 100 small events, an order a few kB. */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface ServerOptions {
  /** Each enabled vendor with its signing secret. */
  receivers: readonly { receiver: VendorReceiver; secret: string }[];
  journal: Journal;
  drainer: Drainer;
  /** The public base URL vendors call (scheme and host), for HubSpot's signed URI; else from the request. */
  publicUrl?: string;
  maxBodyBytes?: number;
  now?: () => number;
  newTraceId?: () => string;
  log?: (line: string) => void;
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners("data");
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function answer(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  response.end(text);
}

/** The URI the vendor called: the configured public URL, else the forwarded or Host header's. */
function publicUri(request: IncomingMessage, publicUrl: string | undefined): string {
  const path = request.url ?? "/";
  if (publicUrl) return `${publicUrl.replace(/\/+$/, "")}${path}`;
  const forwarded = (name: string): string | undefined => {
    const value = request.headers[name];
    return (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim() || undefined;
  };
  const proto = forwarded("x-forwarded-proto") ?? "http";
  return `${proto}://${forwarded("x-forwarded-host") ?? request.headers.host ?? "localhost"}${path}`;
}

export interface RunningServer {
  server: Server;
  /** e.g. http://127.0.0.1:8787 */
  url: string;
  close(): Promise<void>;
}

/** Handles one request; never throws (a failure is a 5xx the vendor will retry). */
async function handle(request: IncomingMessage, response: ServerResponse, options: ServerOptions): Promise<void> {
  const path = (request.url ?? "/").split("?")[0] ?? "/";
  if (path === "/healthz" && request.method === "GET") {
    const { processed, duplicates, failed, retries, lastError } = options.drainer.stats;
    answer(response, 200, { ok: true, pending: options.journal.size, processed, duplicates, failed, retries, lastError });
    return;
  }
  const match = /^\/webhooks\/([a-z]+)\/?$/.exec(path);
  const enabled = match ? options.receivers.find(({ receiver }) => receiver.vendor === match[1]) : undefined;
  if (!enabled) {
    answer(response, 404, {
      error: `no webhook route ${path}: POST to /webhooks/<vendor> for ${options.receivers.map(({ receiver }) => receiver.vendor).join(", ")}`,
    });
    return;
  }
  if (request.method !== "POST") {
    response.setHeader("Allow", "POST");
    answer(response, 405, { error: "webhooks are POSTed" });
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      answer(response, 413, { error: `the body is larger than ${options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes` });
      response.on("finish", () => request.destroy());
    } else {
      answer(response, 400, { error: `could not read the body: ${errorMessage(error)}` });
    }
    return;
  }
  const webhook: WebhookRequest = {
    method: request.method,
    headers: request.headers,
    body,
    publicUri: publicUri(request, options.publicUrl),
    now: (options.now ?? Date.now)(),
  };
  const receipt = enabled.receiver.receive(webhook, enabled.secret, options.newTraceId ?? randomUUID);
  if (receipt.kind === "refused") {
    options.log?.(`webhooks: refused a ${enabled.receiver.vendor} request: ${receipt.reason}`);
    answer(response, 401, { error: "invalid signature" });
    return;
  }
  if (receipt.kind === "ping") {
    answer(response, 200, { ok: true });
    return;
  }
  try {
    await options.journal.append(receipt.events);
  } catch (error) {
    // Not on disk: the vendor must send it again.
    options.log?.(`webhooks: could not journal a ${enabled.receiver.vendor} request: ${errorMessage(error)}`);
    answer(response, 503, { error: "the bridge cannot store events right now; retry later" });
    return;
  }
  options.drainer.wake();
  answer(response, 200, { ok: true, received: receipt.events.length, traceIds: receipt.events.map((event) => event.traceId) });
}

/** Starts listening on `port` (0 picks one) and `host`. */
export function startServer(options: ServerOptions, port: number, host: string): Promise<RunningServer> {
  const server = createServer((request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      options.log?.(`webhooks: unexpected error: ${errorMessage(error)}`);
      if (!response.headersSent) answer(response, 500, { error: "unexpected error; the vendor should retry" });
    });
  });
  server.requestTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
      resolve({
        server,
        url: `http://${shownHost}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
