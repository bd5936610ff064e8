/**
 * A TCP relay in front of the live Odoo that the test can take down and bring back: from the
 * bridge's side exactly what a stopped (then restarted) Odoo server looks like, connections
 * reset and then refused, without stopping the Odoo that the rest of the suite uses.
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface OdooProxy {
  /** e.g. http://127.0.0.1:45678 */
  url: string;
  /** Resets every open connection and refuses new ones. */
  down: () => Promise<void>;
  /** Accepts connections again, on the same port. */
  up: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startOdooProxy(odooUrl: string): Promise<OdooProxy> {
  const target = new URL(odooUrl);
  const sockets = new Set<Socket>();
  const relay = (client: Socket): void => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 80) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  };
  let server: Server = createServer(relay);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  const closeServer = () => new Promise<void>((done) => server.close(() => done()));
  return {
    url: `http://127.0.0.1:${port}`,
    async down() {
      const closed = closeServer();
      for (const socket of sockets) socket.resetAndDestroy();
      await closed;
    },
    async up() {
      server = createServer(relay);
      await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await closeServer();
    },
  };
}
