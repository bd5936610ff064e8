/**
 * Serves a fake vendor over real HTTP on 127.0.0.1, for what msw cannot reach: a bridge running
 * in another process (the kill/restart proof) and the sync bench.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeVendor } from "../fixtures/vendor";

export interface FixtureServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** Requests answered so far. */
  requests: () => number;
  close: () => Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => done(Buffer.concat(chunks).toString("utf8")));
    request.on("error", fail);
  });
}

/** Starts `vendor` on a free port. */
export async function startFixtureServer(vendor: FakeVendor): Promise<FixtureServer> {
  let count = 0;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const text = await readBody(request);
      let body: unknown = text;
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
      const reply = vendor({
        method: request.method ?? "GET",
        url: new URL(request.url ?? "/", "http://127.0.0.1"),
        headers,
        body,
      });
      if (reply.hangMs) await new Promise((done) => setTimeout(done, reply.hangMs));
      count += 1;
      response.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers });
      response.end(JSON.stringify(reply.body));
    })().catch((error: unknown) => {
      response.writeHead(500, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ message: String(error) }));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
