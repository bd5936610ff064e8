/**
 * The webhook bench's driver (bundled by scripts/bench/sync/build.mjs, run by
 * scripts/bench/bench_webhooks.sh against a live Odoo with --workers 2):
 *   run <dir> [--seconds n]  sends signed HubSpot contact.creation deliveries at a steady rate
 *                 (OPS_BENCH_WEBHOOK_RATE, 50 a second) for n seconds (120), one in 25 of them a
 *                 redelivery of an earlier event (HubSpot delivers at least once), to two receivers
 *                 in turn: (1) `ops-bridge serve` in its own process (journal, claims, batched
 *                 ingest) and (2) the best alternative handler, an n8n/Zapier-style receiver in its
 *                 own process that checks the signature, fetches the contact and calls Odoo's JSON-2
 *                 `create` once per item, without a journal. Then it prints receipt-to-record
 *                 latency (p50, p95), the number lost and duplicated, side by side with ratios.
 *   receiver      the alternative handler's process: prints its URL, then one JSON line per event.
 *   serve <file>  the fake HubSpot's process (see ../sync/vendor_process.ts).
 */
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { HubSpotData, HubSpotObject } from "../../../test/bridge/fixtures/hubspot/hubspot_fake";
import { serve, serveElsewhere } from "../sync/vendor_process";

const RATE = Number(process.env.OPS_BENCH_WEBHOOK_RATE ?? 50);
const REDELIVER_EVERY = 25;
const SECRET = "bench-client-secret";
const PUBLIC = "https://bridge.bench.example";

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (scripts/bench/bench_webhooks.sh sets it)`);
  return value;
}

const sign = (...parts: string[]): string => {
  const hmac = createHmac("sha256", SECRET);
  for (const part of parts) hmac.update(part);
  return hmac.digest("base64");
};

function contacts(tag: string, count: number, idBase: number): HubSpotObject[] {
  const at = new Date().toISOString();
  return Array.from({ length: count }, (_unused, index) => ({
    id: String(idBase + index),
    properties: {
      firstname: `Hook${index}`,
      lastname: tag,
      email: `hook${index}@${tag}.example`,
      phone: null,
      jobtitle: null,
      associatedcompanyid: null,
      lastmodifieddate: at,
    },
    createdAt: at,
    updatedAt: at,
    archived: false,
  }));
}

function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((done) => {
    const req = httpRequest(
      url,
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error("no answer in 60 s")));
    req.on("error", (error) => done({ status: 0, text: error.message }));
    req.end(body);
  });
}

/** A child process that prints its URL on the first line and JSON lines after; `lines` collects them. */
async function child(command: string, args: string[], extraEnv: Record<string, string>, urlPattern: RegExp, fromStderr: boolean) {
  const proc = spawn(command, args, { env: { ...process.env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const errors: string[] = [];
  const stdout = createInterface({ input: proc.stdout });
  const stderr = createInterface({ input: proc.stderr });
  stdout.on("line", (line) => lines.push(line));
  stderr.on("line", (line) => errors.push(line));
  const url = await new Promise<string>((done, fail) => {
    const look = (line: string): void => {
      const match = urlPattern.exec(line);
      if (match) done(match[1] as string);
    };
    (fromStderr ? stderr : stdout).on("line", look);
    proc.once("exit", (code) => fail(new Error(`${command} exited (${code}) before listening:\n${errors.join("\n")}`)));
  });
  return { proc, url, lines, errors };
}

interface Sent {
  eventId: number;
  objectId: string;
  sentAt: number;
  traceId?: string;
  redelivery: boolean;
}

/** Sends `total` deliveries at RATE a second; every REDELIVER_EVERY-th is a copy of an earlier one. */
async function load(
  url: string,
  data: HubSpotObject[],
  eventBase: number,
  progress: string,
): Promise<{ sent: Sent[]; failed: number }> {
  const sent: Sent[] = [];
  let failed = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now() + 200;
  const total = data.length + Math.floor(data.length / (REDELIVER_EVERY - 1));
  let next = 0;
  for (let index = 0; index < total; index += 1) {
    const target = start + (index * 1000) / RATE;
    const wait = target - performance.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    const redelivery = index % REDELIVER_EVERY === REDELIVER_EVERY - 1 && sent.length > 0;
    const original = redelivery ? sent[Math.floor(sent.length / 2)] : undefined;
    const objectId = original ? original.objectId : (data[next++]?.id as string);
    const eventId = original ? original.eventId : eventBase + index;
    const body = JSON.stringify([
      {
        objectId: Number(objectId),
        changeSource: "IMPORT",
        eventId,
        subscriptionId: 22,
        portalId: 33,
        appId: 1160452,
        occurredAt: Date.now(),
        subscriptionType: "contact.creation",
        attemptNumber: original ? 1 : 0,
      },
    ]);
    const timestamp = String(Date.now());
    const record: Sent = { eventId, objectId, sentAt: Date.now(), redelivery };
    sent.push(record);
    pending.push(
      post(url, body, {
        "X-HubSpot-Signature-v3": sign("POST", `${PUBLIC}/webhooks/hubspot`, body, timestamp),
        "X-HubSpot-Request-Timestamp": timestamp,
      }).then((reply) => {
        if (reply.status !== 200) failed += 1;
        else if (reply.text !== "") record.traceId = (JSON.parse(reply.text) as { traceIds?: string[] }).traceIds?.[0];
      }),
    );
    if (index % (RATE * 10) === 0) process.stderr.write(`  ${progress}: ${index}/${total} deliveries sent\n`);
  }
  await Promise.all(pending);
  return { sent, failed };
}

/** p-th percentile of `values` (ms). */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** The partners Odoo holds per e-mail under `tag`, through JSON-2 with the bridge's key. */
async function partnersByEmail(tag: string): Promise<Map<string, number>> {
  const response = await fetch(`${env("ODOO_URL")}/json/2/res.partner/search_read`, {
    method: "POST",
    headers: {
      Authorization: `bearer ${env("ODOO_API_KEY")}`,
      "X-Odoo-Database": env("ODOO_DB"),
      "Content-Type": "application/json",
    },
    body: JSON.stringify({
      domain: [["email", "=like", `%@${tag}.example`]],
      fields: ["email"],
      context: { active_test: false },
    }),
  });
  const rows = (await response.json()) as { email: string }[];
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.email, (counts.get(row.email) ?? 0) + 1);
  return counts;
}

interface ArmResult {
  name: string;
  deliveries: number;
  refused: number;
  p50: number;
  p95: number;
  lost: number;
  duplicated: number;
  drainSeconds: number;
}

function outcome(
  name: string,
  data: HubSpotObject[],
  sent: Sent[],
  refused: number,
  latencies: number[],
  partners: Map<string, number>,
  drainSeconds: number,
): ArmResult {
  let lost = 0;
  let duplicated = 0;
  for (const contact of data) {
    const count = partners.get(contact.properties.email as string) ?? 0;
    if (count === 0) lost += 1;
    if (count > 1) duplicated += count - 1;
  }
  return {
    name,
    deliveries: sent.length,
    refused,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    lost,
    duplicated,
    drainSeconds,
  };
}

/** Waits until `done()` or `seconds` pass; resolves to the seconds waited. */
async function until(done: () => boolean | Promise<boolean>, seconds: number): Promise<number> {
  const started = performance.now();
  while (!(await done()) && performance.now() - started < seconds * 1000)
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  return (performance.now() - started) / 1000;
}

async function bridgeArm(dir: string, vendorUrl: string, data: HubSpotObject[], tag: string): Promise<ArmResult> {
  const config = join(dir, "bench-webhooks.config.json");
  writeFileSync(config, JSON.stringify({ sources: { hubspot: { baseUrl: vendorUrl, requestsPerSecond: 0 } } }));
  const bin = resolve(process.cwd(), "sync_bridge", "bin", "ops-bridge.js");
  const bridge = await child(
    bin,
    ["serve", "--port", "0", "--json", "--config", config],
    {
      HUBSPOT_CLIENT_SECRET: SECRET,
      HUBSPOT_ACCESS_TOKEN: "test-token",
      OPS_BRIDGE_PUBLIC_URL: PUBLIC,
      OPS_BRIDGE_DATA_DIR: join(dir, `journal-${tag}`),
    },
    /listening on (http:\/\/\S+) /,
    true,
  );
  try {
    const { sent, failed } = await load(`${bridge.url}/webhooks/hubspot`, data, 10_000_000, "ops-bridge serve");
    const handled = (): number => bridge.lines.length;
    const drainSeconds = await until(() => handled() >= sent.length, 120);
    const done = new Map<string, { doneAt: number; outcome: string }>();
    const processedPerDelivery = new Map<string, number>();
    for (const line of bridge.lines) {
      const event = JSON.parse(line) as { traceId: string; deliveryId: string; outcome: string; doneAt: number };
      done.set(event.traceId, event);
      if (event.outcome === "processed")
        processedPerDelivery.set(event.deliveryId, (processedPerDelivery.get(event.deliveryId) ?? 0) + 1);
    }
    const latencies = sent.flatMap((item) => {
      const event = item.traceId ? done.get(item.traceId) : undefined;
      return event && event.outcome === "processed" ? [event.doneAt - item.sentAt] : [];
    });
    const result = outcome("ops-bridge serve", data, sent, failed, latencies, await partnersByEmail(tag), drainSeconds);
    result.duplicated += [...processedPerDelivery.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
    if (bridge.errors.some((line) => /wait for the next try/.test(line)))
      console.error(
        bridge.errors
          .filter((line) => /wait/.test(line))
          .slice(0, 3)
          .join("\n"),
      );
    return result;
  } finally {
    bridge.proc.kill("SIGTERM");
  }
}

async function alternativeArm(dir: string, vendorUrl: string, data: HubSpotObject[], tag: string): Promise<ArmResult> {
  const receiver = await child(
    process.execPath,
    [__filename, "receiver"],
    { BENCH_VENDOR_URL: vendorUrl },
    /^(http:\/\/\S+)$/,
    false,
  );
  try {
    const { sent, failed } = await load(`${receiver.url}/webhooks/hubspot`, data, 20_000_000, "n8n-style receiver");
    const drainSeconds = await until(() => receiver.lines.length - 1 >= sent.length, 120);
    const doneAt = new Map<number, number>();
    for (const line of receiver.lines.slice(1)) {
      const event = JSON.parse(line) as { eventId: number; doneAt: number };
      if (!doneAt.has(event.eventId)) doneAt.set(event.eventId, event.doneAt);
    }
    const latencies = sent.flatMap((item) =>
      !item.redelivery && doneAt.has(item.eventId) ? [(doneAt.get(item.eventId) as number) - item.sentAt] : [],
    );
    return outcome(
      "n8n/Zapier-style: JSON-2 create per item",
      data,
      sent,
      failed,
      latencies,
      await partnersByEmail(tag),
      drainSeconds,
    );
  } finally {
    receiver.proc.kill("SIGTERM");
  }
}

/** The alternative handler: verify, fetch the contact, one JSON-2 create per item, answer. */
async function receiver(): Promise<void> {
  const vendorUrl = env("BENCH_VENDOR_URL");
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const timestamp = String(req.headers["x-hubspot-request-timestamp"] ?? "");
        if (req.headers["x-hubspot-signature-v3"] !== sign("POST", `${PUBLIC}${req.url ?? ""}`, body, timestamp)) {
          res.writeHead(401).end();
          return;
        }
        try {
          for (const event of JSON.parse(body) as { objectId: number; eventId: number }[]) {
            // node:http without keep-alive, as an n8n HTTP node does by default
            const fetched = await post(
              `${vendorUrl}/crm/v3/objects/contacts/batch/read`,
              JSON.stringify({ properties: ["firstname", "lastname", "email"], inputs: [{ id: String(event.objectId) }] }),
              { Authorization: "Bearer test-token" },
            );
            const [contact] = (JSON.parse(fetched.text) as { results: HubSpotObject[] }).results;
            const created = await post(
              `${env("ODOO_URL")}/json/2/res.partner/create`,
              JSON.stringify({
                vals_list: [
                  { name: `${contact?.properties.firstname} ${contact?.properties.lastname}`, email: contact?.properties.email },
                ],
              }),
              { Authorization: `bearer ${env("ODOO_API_KEY")}`, "X-Odoo-Database": env("ODOO_DB") },
            );
            if (created.status !== 200) throw new Error(`Odoo answered ${created.status}: ${created.text.slice(0, 200)}`);
            console.log(JSON.stringify({ eventId: event.eventId, doneAt: Date.now() }));
          }
          res.writeHead(200).end();
        } catch (error) {
          console.error(String(error));
          res.writeHead(500).end(String(error));
        }
      })();
    });
  });
  server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
}

function table(results: ArmResult[], seconds: number): void {
  const [bridge, alternative] = results as [ArmResult, ArmResult];
  const ms = (value: number): string => (Number.isNaN(value) ? "n/a" : `${Math.round(value)} ms`);
  console.log(`\nWebhooks at ${RATE}/s for ${seconds} s (one in ${REDELIVER_EVERY} a redelivery), Odoo --workers 2:`);
  console.log(
    `  ${"receiver".padEnd(44)} ${"deliveries".padStart(10)} ${"refused".padStart(8)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"lost".padStart(6)} ${"dup".padStart(6)} ${"drain".padStart(7)}`,
  );
  for (const result of results) {
    console.log(
      `  ${result.name.padEnd(44)} ${String(result.deliveries).padStart(10)} ${String(result.refused).padStart(8)} ${ms(result.p50).padStart(8)} ${ms(result.p95).padStart(8)} ${String(result.lost).padStart(6)} ${String(result.duplicated).padStart(6)} ${`${result.drainSeconds.toFixed(1)} s`.padStart(7)}`,
    );
  }
  console.log(
    `  ratios (alternative / bridge): p50 ${(alternative.p50 / bridge.p50).toFixed(2)}x, p95 ${(alternative.p95 / bridge.p95).toFixed(2)}x`,
  );
  const goal = (ok: boolean): string => (ok ? "met" : "MISSED");
  console.log(
    `  goals for ops-bridge serve: p95 < 2 s ${goal(bridge.p95 < 2000)}, 0 lost ${goal(bridge.lost === 0)}, 0 duplicated ${goal(bridge.duplicated === 0)}`,
  );
}

async function run(dir: string, seconds: number): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const count = Math.round(RATE * seconds * (1 - 1 / REDELIVER_EVERY));
  const stamp = Date.now().toString(36);
  const tags = { bridge: `hooks-bridge-${stamp}`, alternative: `hooks-alt-${stamp}` };
  const bridgeData = contacts(tags.bridge, count, 30_000_000);
  const alternativeData = contacts(tags.alternative, count, 40_000_000);
  const data: HubSpotData = {
    companies: [],
    contacts: [...bridgeData, ...alternativeData],
    deals: [],
    dealCompanies: new Map(),
    dealContacts: new Map(),
  };
  const vendor = await serveElsewhere(data, dir, "webhooks");
  try {
    const results = [
      await bridgeArm(dir, vendor.url, bridgeData, tags.bridge),
      await alternativeArm(dir, vendor.url, alternativeData, tags.alternative),
    ];
    writeFileSync(join(dir, "results.json"), JSON.stringify(results, null, 2));
    table(results, seconds);
  } finally {
    vendor.close();
  }
}

const [command, target, ...rest] = process.argv.slice(2);
const secondsAt = rest.indexOf("--seconds");
const seconds = secondsAt >= 0 ? Number(rest[secondsAt + 1]) : Number(process.env.OPS_BENCH_WEBHOOK_SECONDS ?? 120);
const work =
  command === "run" && target
    ? run(target, seconds)
    : command === "receiver"
      ? receiver()
      : command === "serve" && target
        ? serve(target)
        : undefined;
if (!work) {
  console.error("usage: driver.cjs run <dir> [--seconds n] | receiver | serve <file>");
  process.exit(2);
}
work.catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
