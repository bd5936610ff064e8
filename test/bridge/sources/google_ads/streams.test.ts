/**
 * `ops-bridge sync google_ads` against a faked Ads API
 * (sync_bridge/src/sources/google_ads/streams.ts).
 */
import { http, HttpResponse } from "msw";
import { addDays } from "../../../../sync_bridge/src/sources/google_ads/streams";
import { googleAdsFake, googleError, type AdsData, type AdsLog } from "../../fixtures/google_ads/google_ads_fake";
import { mswServer, vendorHandlers } from "../../support/msw";
import { FakeOdoo, runCli, syncJson, writeConfig } from "../../support/run_cli";

const server = mswServer();
const BASE = "https://googleads.test";
const TOKEN_URL = "https://oauth.test/token";
const ENV = { GOOGLE_ADS_DEVELOPER_TOKEN: "dev-token", GOOGLE_ADS_ACCESS_TOKEN: "ads-access" };

function adsData(days: string[]): AdsData {
  const campaigns = [
    { id: "20731845601", name: "Brand – Search", status: "ENABLED" as const },
    { id: "20731845602", name: "Retargeting", status: "PAUSED" as const },
  ];
  return {
    customerId: "1234567890",
    campaigns,
    days: days.flatMap((date, index) =>
      campaigns.map((campaign, c) => ({
        campaignId: campaign.id,
        date,
        costMicros: c === 1 && index === 0 ? 0 : 1_234_567 * (index + 1),
        clicks: c === 1 && index === 0 ? 0 : 10 + index,
        impressions: 100 * (index + 1),
      })),
    ),
    batchSize: 3,
  };
}

function serve(data: AdsData): AdsLog {
  const log: AdsLog = { queries: [], tokenRefreshes: 0 };
  const fake = googleAdsFake(data, log);
  server.use(...vendorHandlers(BASE, fake), ...vendorHandlers("https://oauth.test", fake));
  return log;
}

/** The days from `from` for `count` days. */
function daysFrom(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => addDays(from, index));
}

function config(ads: Record<string, unknown> = {}) {
  return writeConfig({
    sources: {
      google_ads: { baseUrl: BASE, tokenUrl: TOKEN_URL, customerId: "123-456-7890", initialDays: 10, lookbackDays: 3, ...ads },
    },
  });
}

const today = new Date().toISOString().slice(0, 10);

describe("ops-bridge sync google_ads", () => {
  it("syncs campaigns, then the daily spend of the first window, batch by batch", async () => {
    const data = adsData(daysFrom(addDays(today, -10), 11));
    const log = serve(data);
    const odoo = new FakeOdoo();
    const { code, report } = await syncJson(["sync", "google_ads"], odoo, { configPath: config(), env: ENV });
    expect(code).toBe(0);
    expect(report.streams.map((s) => [s.stream, s.tally.created])).toEqual([
      ["campaigns", 2],
      ["campaign_spend", 22],
    ]);
    expect(log.queries[1]).toContain(`BETWEEN '${addDays(today, -10)}' AND '${today}'`);
    expect(odoo.binding("google_ads", "campaigns", "20731845602")?.values).toEqual({ name: "Retargeting", status: "paused" });
    expect(odoo.binding("google_ads", "campaign_spend", `20731845602:${addDays(today, -10)}`)?.values).toMatchObject({
      amount: 0,
      clicks: 0,
    });
    expect(odoo.cursors.get("google_ads|campaign_spend")).toBe(today);
  });

  it("re-reads the look-back days and replaces a day whose cost changed instead of adding to it", async () => {
    const data = adsData(daysFrom(addDays(today, -4), 5));
    const log = serve(data);
    const odoo = new FakeOdoo();
    await syncJson(["sync", "google_ads"], odoo, { configPath: config(), env: ENV });
    const adjusted = data.days.find((day) => day.date === addDays(today, -1) && day.campaignId === "20731845601");
    if (adjusted) adjusted.costMicros = 5_000_000;
    log.queries.length = 0;
    const { report } = await syncJson(["sync", "google_ads", "--stream", "campaign_spend"], odoo, {
      configPath: config(),
      env: ENV,
    });
    expect(log.queries[0]).toContain(`BETWEEN '${addDays(today, -3)}' AND '${today}'`);
    expect(report.streams[0]?.tally).toMatchObject({ read: 8, updated: 1, unchanged: 7, created: 0 });
    expect(odoo.binding("google_ads", "campaign_spend", `20731845601:${addDays(today, -1)}`)?.values.amount).toBe(5);
    expect(odoo.records("google_ads", "campaign_spend").size).toBe(10);
  });

  it("refreshes the OAuth token from the refresh token and sends the developer token", async () => {
    const log = serve(adsData(daysFrom(today, 1)));
    const env = {
      GOOGLE_ADS_DEVELOPER_TOKEN: "dev-token",
      GOOGLE_ADS_CLIENT_ID: "id",
      GOOGLE_ADS_CLIENT_SECRET: "secret",
      GOOGLE_ADS_REFRESH_TOKEN: "refresh",
    };
    const { code } = await syncJson(["sync", "google_ads"], new FakeOdoo(), { configPath: config(), env });
    expect(code).toBe(0);
    expect(log.tokenRefreshes).toBe(1);
  });

  it("honours the retryDelay of a quota error, then goes on", async () => {
    const data = adsData(daysFrom(today, 1));
    const fake = googleAdsFake(data);
    let calls = 0;
    server.use(
      http.post(`${BASE}/v22/customers/1234567890/googleAds:searchStream`, async ({ request }) => {
        calls += 1;
        if (calls === 1) {
          const reply = googleError(429, "RESOURCE_EXHAUSTED", "Too many requests.", "0.05s");
          return HttpResponse.json(reply.body as never, { status: 429 });
        }
        const reply = fake({ method: "POST", url: new URL(request.url), headers: request.headers, body: await request.json() });
        return HttpResponse.json(reply.body as never, { status: reply.status });
      }),
    );
    const run = await runCli(["sync", "google_ads"], new FakeOdoo(), { configPath: config(), env: ENV });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /Google Ads answered HTTP 429: Too many requests\. \(RESOURCE_EXHAUSTED\); retrying in (5\d|[6-9]\d) ms \(attempt 2\)/,
    );
  });

  it("dead-letters a query Google refuses (400) without retrying it, and says so", async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/v22/customers/1234567890/googleAds:searchStream`, () => {
        calls += 1;
        return HttpResponse.json(googleError(400, "INVALID_ARGUMENT", "Error in query: unexpected input.").body as never, {
          status: 400,
        });
      }),
    );
    const odoo = new FakeOdoo();
    const run = await runCli(["sync", "google_ads", "--stream", "campaigns"], odoo, { configPath: config(), env: ENV });
    expect(run.code).toBe(1);
    expect(calls).toBe(1);
    expect(odoo.events[0]).toMatchObject({
      category: "validation",
      state: "dead",
      message: expect.stringContaining("Google Ads answered HTTP 400: Error in query: unexpected input. (INVALID_ARGUMENT)"),
    });
  });

  it("needs the customer id in the config", async () => {
    const run = await runCli(["sync", "google_ads"], new FakeOdoo(), { configPath: writeConfig({}), env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("sources.google_ads.customerId is not set");
  });
});
