/**
 * An Odoo server of the proof's own (scripts/ci/e2e_odoo.sh: the suite's database and settings, two
 * workers, on a port of its own), so that a proof can stop Odoo for real, every process of it,
 * and start it again, without taking away the server the other tests of the run use.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { createServer, connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { ROOT, bridgeEnv } from "./live_odoo";

export interface OwnOdoo {
  /** e.g. http://127.0.0.1:45679 */
  url: string;
  port: number;
  /** The odoo-bin process (the leader of its process group), or null while stopped. */
  pid: () => number | null;
  /** Starts Odoo on the port and waits until it serves the login page. */
  start: () => Promise<void>;
  /** SIGKILLs Odoo's whole process group (server, workers, gevent) and waits until it is gone. */
  stop: () => Promise<void>;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** Resolves to the socket error code of a connection to `port` ("ECONNREFUSED"), or "connected". */
export function probePort(port: number): Promise<string> {
  return new Promise((done) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      done("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

/**
 * The HTTP status line `GET path` gets from 127.0.0.1:`port`, or the socket error. Spoken over a
 * plain socket: msw, which a test file may have listening, intercepts fetch and node:http.
 */
export function httpStatusLine(port: number, path: string): Promise<string> {
  return new Promise((done) => {
    const socket = connect({ host: "127.0.0.1", port });
    let answer = "";
    socket.setTimeout(10_000, () => socket.destroy(new Error("no answer within 10 s")));
    socket.once("connect", () => socket.write(`GET ${path} HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString("latin1");
      if (answer.includes("\r\n")) {
        socket.destroy();
        done(answer.slice(0, answer.indexOf("\r\n")));
      }
    });
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
    socket.once("close", () => done(answer || "closed"));
  });
}

/** Whether a process with `pid` exists (`kill -0`). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Configures an own Odoo on a free port; nothing runs until `start()`. */
export async function ownOdoo(): Promise<OwnOdoo> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const db = bridgeEnv().ODOO_DB;
  const logDir = process.env.OPS_E2E_ODOO_LOG ? dirname(process.env.OPS_E2E_ODOO_LOG) : tmpdir();
  const log = join(logDir, `e2e-own-odoo-${port}.log`);
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const odoo: OwnOdoo = {
    url,
    port,
    pid: () => child?.pid ?? null,
    async start() {
      if (child) throw new Error(`the own Odoo on port ${port} is already running`);
      const started = spawn("bash", [resolve(ROOT, "scripts", "ci", "e2e_odoo.sh"), db, String(port), log], {
        cwd: ROOT,
        detached: true,
        stdio: ["ignore", "ignore", "pipe"],
        env: process.env,
      });
      const stderr: Buffer[] = [];
      started.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
      exited = new Promise((done) => started.once("exit", () => done()));
      child = started;
      let gone = false;
      void exited.then(() => (gone = true));
      // Odoo loads its registry before it answers: up to two minutes on a busy machine.
      for (let attempt = 0; attempt < 240; attempt += 1) {
        if (gone) throw new Error(`the own Odoo exited before serving (see ${log}):\n${Buffer.concat(stderr).toString("utf8")}`);
        if (/^HTTP\/1\.[01] 200/.test(await httpStatusLine(port, "/web/login"))) return;
        await pause(500);
      }
      await odoo.stop();
      throw new Error(`the own Odoo did not serve ${url}/web/login (see ${log})`);
    },
    async stop() {
      const running = child;
      if (!running?.pid) return;
      process.kill(-running.pid, "SIGKILL");
      await exited;
      child = null;
      // The workers die with the same signal; the port closes once the last of them is gone.
      for (let attempt = 0; attempt < 100 && (await probePort(port)) === "connected"; attempt += 1) await pause(100);
    },
  };
  return odoo;
}
