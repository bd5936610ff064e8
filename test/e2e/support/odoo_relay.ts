/**
 * An HTTP relay in front of the live Odoo that only observes and forwards: every request reaches
 * Odoo as the bridge sent it, and every answer goes back as Odoo wrote it, unless the test drops
 * it because it has just killed the bridge. It keeps a record of each `ops.sync.gateway.ingest`
 * call, over JSON-2 or XML-RPC: how many records it carried, whether Odoo answered and with
 * which status, and whether the answer reached the bridge. That record is the evidence that a
 * kill happened while an ingest call was in flight.
 */
import {
  request as httpRequest,
  createServer,
  Agent,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** One ingest call seen by the relay. */
export interface IngestCall {
  /** 1, 2, … in the order the relay received them. */
  seq: number;
  transport: "json2" | "legacy";
  /** Records in the call. */
  records: number;
  /** Odoo's HTTP status, once it answered. */
  odooStatus: number | null;
  /** True once the answer was handed back to the bridge's connection. */
  delivered: boolean;
  /** True when the answer was never passed on: dropped by the test, or the bridge was gone. */
  dropped: boolean;
  /** Resolves when Odoo has answered (or the connection to it failed). */
  settled: Promise<void>;
}

/**
 * Told twice per ingest call: `sent` once Odoo has the whole request, `answered` once Odoo's
 * whole answer is in the relay and not yet passed on. Returns "drop" to never pass it on.
 */
export type IngestHook = (call: IngestCall, moment: "sent" | "answered") => "forward" | "drop";

export interface OdooRelay {
  /** e.g. http://127.0.0.1:45678 */
  url: string;
  /** Every ingest call so far. */
  calls: IngestCall[];
  /** Ingest calls the bridge sent whose answer it has not received (and still waits for). */
  inFlight: () => IngestCall[];
  /** Waits until Odoo has answered every call forwarded so far. */
  settle: () => Promise<void>;
  onIngest: IngestHook;
  close: () => Promise<void>;
}

/** Which call a request body is, and its record count, or undefined when it is not an ingest. */
function ingestOf(path: string, body: string): { transport: "json2" | "legacy"; records: number } | undefined {
  if (path === "/json/2/ops.sync.gateway/ingest") {
    const parsed = JSON.parse(body) as { records?: unknown[] };
    return { transport: "json2", records: parsed.records?.length ?? 0 };
  }
  if (
    path === "/xmlrpc/2/object" &&
    body.includes("<string>ops.sync.gateway</string>") &&
    /<string>ingest<\/string>/.test(body)
  ) {
    return { transport: "legacy", records: body.split("<name>external_id</name>").length - 1 };
  }
  return undefined;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => done(Buffer.concat(chunks)));
    stream.on("error", fail);
  });
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host"]);

function endToEnd(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name, value]) => value !== undefined && !HOP_BY_HOP.has(name)),
  ) as Record<string, string | string[]>;
}

export async function startOdooRelay(odooUrl: string): Promise<OdooRelay> {
  const target = new URL(odooUrl);
  const agent = new Agent({ keepAlive: true });
  const calls: IngestCall[] = [];
  const pending = new Set<Promise<void>>();
  const relay: OdooRelay = {
    url: "",
    calls,
    inFlight: () => calls.filter((call) => !call.delivered && !call.dropped),
    settle: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    onIngest: () => "forward",
    close: async () => undefined,
  };

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const body = await readAll(incoming);
    const path = incoming.url ?? "/";
    const kind = ingestOf(path, body.toString("utf8"));
    let settle: () => void = () => undefined;
    const call: IngestCall | undefined = kind && {
      seq: calls.length + 1,
      ...kind,
      odooStatus: null,
      delivered: false,
      dropped: false,
      settled: new Promise<void>((done) => (settle = done)),
    };
    if (call) {
      calls.push(call);
      pending.add(call.settled);
      void call.settled.then(() => pending.delete(call.settled));
    }
    const upstream = httpRequest({
      host: target.hostname,
      port: Number(target.port || 80),
      method: incoming.method,
      path,
      agent,
      headers: { ...endToEnd(incoming.headers), host: target.host, "content-length": String(body.length) },
    });
    const answered = new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((done, fail) => {
      upstream.on("response", (response) => {
        readAll(response).then(
          (answer) => done({ status: response.statusCode ?? 502, headers: response.headers, body: answer }),
          fail,
        );
      });
      upstream.on("error", fail);
    });
    // Odoo has the whole request once it is flushed to its socket.
    await new Promise<void>((done) => upstream.end(body, done));
    let drop = call !== undefined && relay.onIngest(call, "sent") === "drop";
    let answer: Awaited<typeof answered>;
    try {
      answer = await answered;
    } catch {
      if (call) call.dropped = true;
      settle();
      outgoing.destroy();
      return;
    }
    if (call) {
      call.odooStatus = answer.status;
      settle();
      if (!drop) drop = relay.onIngest(call, "answered") === "drop";
    }
    if (drop || outgoing.destroyed || incoming.socket.destroyed) {
      if (call) call.dropped = true;
      outgoing.destroy();
      return;
    }
    outgoing.writeHead(answer.status, { ...endToEnd(answer.headers), "content-length": String(answer.body.length) });
    outgoing.end(answer.body, () => {
      if (call) call.delivered = true;
    });
  };

  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch(() => outgoing.destroy());
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  relay.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  relay.close = async () => {
    await relay.settle();
    server.closeAllConnections();
    agent.destroy();
    await new Promise<void>((done) => server.close(() => done()));
  };
  return relay;
}
