/**
 * HubSpot's archived records for reconciliation: the streams' `readDeleted`
 * (sync_bridge/src/sources/hubspot/archived.ts) against a faked `GET /crm/v3/objects/{object}?archived=true`.
 */
import { HubSpotClient } from "../../../../sync_bridge/src/sources/hubspot/client";
import { hubspotStreams } from "../../../../sync_bridge/src/sources/hubspot/streams";
import type { StreamDefinition } from "../../../../sync_bridge/src/sources/source";
import { generateHubSpot } from "../../fixtures/hubspot/generate";
import { afterToken, hubspotFake, type HubSpotData, type HubSpotLog } from "../../fixtures/hubspot/hubspot_fake";
import { mswServer, vendorHandlers } from "../../support/msw";
import { FakeOdoo, syncJson, writeConfig } from "../../support/run_cli";

const server = mswServer();
const BASE = "https://api.hubapi.test";
const RETRY = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 10, maxElapsedMs: 5_000 };

/** 260 contacts, of which 230 archived: one a day from 2025-03-01, the last 5 without `archivedAt`. */
function account(): HubSpotData {
  const data = generateHubSpot({ companies: 1, contactsPerCompany: 260 });
  data.contacts.slice(30).forEach((contact, index) => {
    contact.archived = true;
    if (index < 225) contact.archivedAt = new Date(Date.UTC(2025, 2, 1) + index * 86_400_000).toISOString();
  });
  return data;
}

function streams(data: HubSpotData, log: HubSpotLog, token = "test-token"): Map<string, StreamDefinition> {
  server.use(...vendorHandlers(BASE, hubspotFake(data, log)));
  const client = new HubSpotClient({ baseUrl: BASE, timeoutMs: 5_000, retry: RETRY }, token);
  return new Map(hubspotStreams(client, { pageSize: 100, lookbackMs: 0 }).map((stream) => [stream.name, stream]));
}

async function deleted(stream: StreamDefinition | undefined, since: string | null): Promise<string[][]> {
  const pages: string[][] = [];
  if (!stream?.readDeleted) throw new Error(`${stream?.name} has no readDeleted`);
  for await (const ids of stream.readDeleted({ since })) pages.push([...ids]);
  return pages;
}

describe("HubSpot readDeleted", () => {
  it("lists every archived contact page by page, following HubSpot's opaque tokens", async () => {
    const log: HubSpotLog = { searches: [], associations: 0, lists: [] };
    const contacts = streams(account(), log).get("contacts");
    const pages = await deleted(contacts, null);
    expect(pages.map((page) => page.length)).toEqual([100, 100, 30]);
    expect(pages.flat()).toEqual(Array.from({ length: 230 }, (_, index) => String(500_030 + index)));
    expect(log.lists).toEqual([
      "?archived=true&limit=100",
      `?archived=true&limit=100&after=${encodeURIComponent(afterToken(100))}`,
      `?archived=true&limit=100&after=${encodeURIComponent(afterToken(200))}`,
    ]);
  });

  it("keeps the ids archived at or after `since`, and those whose archivedAt is unknown", async () => {
    const log: HubSpotLog = { searches: [], associations: 0, lists: [] };
    const contacts = streams(account(), log).get("contacts");
    // archivedAt of contact 500030 + i is 2025-03-01 + i days: since day 220 keeps i = 220…224, then the 5 undated.
    const pages = await deleted(contacts, "2025-10-07T00:00:00.000Z");
    expect(pages.flat()).toEqual([
      "500250",
      "500251",
      "500252",
      "500253",
      "500254",
      "500255",
      "500256",
      "500257",
      "500258",
      "500259",
    ]);
    expect(log.lists).toHaveLength(3); // HubSpot cannot filter by archivedAt: every page is read
  });

  it("is there for companies and deals too, and yields nothing when nothing is archived", async () => {
    const log: HubSpotLog = { searches: [], associations: 0, lists: [] };
    const all = streams(generateHubSpot({ companies: 3, contactsPerCompany: 1, deals: 2 }), log);
    expect(await deleted(all.get("companies"), null)).toEqual([]);
    expect(await deleted(all.get("deals"), null)).toEqual([]);
    expect(log.lists).toEqual(["?archived=true&limit=100", "?archived=true&limit=100"]);
  });

  it("fails with HubSpot's own message when the token is refused", async () => {
    const log: HubSpotLog = { searches: [], associations: 0, lists: [] };
    const contacts = streams(account(), log, "expired").get("contacts");
    await expect(deleted(contacts, null)).rejects.toThrow(
      "HubSpot answered HTTP 401: Authentication credentials not found. (INVALID_AUTHENTICATION)",
    );
  });

  it("leaves archived records out of a sync: search never returns them", async () => {
    const data = account();
    server.use(...vendorHandlers(BASE, hubspotFake(data)));
    const odoo = new FakeOdoo();
    const configPath = writeConfig({ sources: { hubspot: { baseUrl: BASE, requestsPerSecond: 0, lookbackSeconds: 0 } } });
    const { report } = await syncJson(["sync", "hubspot", "--stream", "contacts"], odoo, {
      configPath,
      env: { HUBSPOT_ACCESS_TOKEN: "test-token" },
    });
    expect(report.streams[0]?.tally).toMatchObject({ read: 30, created: 30 });
  });
});
