/**
 * `ops-bridge sync linkedin_ads` against a faked Marketing API
 * (sync_bridge/src/sources/linkedin_ads/streams.ts, client.ts).
 */
import { http, HttpResponse } from "msw";
import { shiftDay } from "../../../../sync_bridge/src/sources/linkedin_ads/streams";
import { linkedInError, linkedInFake, type LinkedInData, type LinkedInLog } from "../../fixtures/linkedin_ads/linkedin_fake";
import { mswServer, vendorHandlers } from "../../support/msw";
import { FakeOdoo, runCli, syncJson, writeConfig } from "../../support/run_cli";

const server = mswServer();
const BASE = "https://linkedin.test";
const ENV = { LINKEDIN_ACCESS_TOKEN: "li-token" };
const today = new Date().toISOString().slice(0, 10);

/** Two accounts, five campaigns, and a day of spend for each campaign over `days` days up to today. */
function adData(days: number): LinkedInData {
  const campaigns = [
    { id: 141049524, account: 507404993, name: "Campaign Sponsored update B", status: "ACTIVE" },
    { id: 141049525, account: 507404993, name: "Spring Sale 2024", status: "PAUSED" },
    { id: 141049526, account: 507404993, name: "Webinar", status: "COMPLETED" },
    { id: 141049527, account: 507404993, name: "Old brand", status: "ARCHIVED" },
    { id: 151000001, account: 508000001, name: "EMEA leads", status: "ACTIVE" },
  ];
  return {
    accounts: [
      { id: 507404993, name: "Dunder Mifflin Account" },
      { id: 508000001, name: "Company A" },
    ],
    campaigns,
    days: campaigns.flatMap((campaign, c) =>
      Array.from({ length: days }, (_, d) => ({
        campaignId: campaign.id,
        date: shiftDay(today, -d),
        cost: c === 0 && d === 0 ? "19.91833" : "0.0",
        clicks: c === 0 ? 11 : 0,
        impressions: 165 + d,
      })),
    ),
  };
}

function serve(data: LinkedInData): LinkedInLog {
  const log: LinkedInLog = { requests: [], headers: [] };
  server.use(...vendorHandlers(BASE, linkedInFake(data, log)));
  return log;
}

function config(settings: Record<string, unknown> = {}) {
  return writeConfig({
    sources: { linkedin_ads: { baseUrl: BASE, pageSize: 2, initialDays: 4, lookbackDays: 2, campaignsPerCall: 3, ...settings } },
  });
}

describe("ops-bridge sync linkedin_ads", () => {
  it("pages accounts and campaigns with pageToken, then reads daily spend in batches of campaigns", async () => {
    const log = serve(adData(5));
    const odoo = new FakeOdoo();
    const { code, report } = await syncJson(["sync", "linkedin_ads"], odoo, { configPath: config(), env: ENV });
    expect(code).toBe(0);
    expect(report.streams.map((s) => [s.stream, s.tally.created])).toEqual([
      ["campaigns", 5],
      ["campaign_spend", 25],
    ]);
    const campaignPages = log.requests.filter((url) => url.startsWith("/rest/adAccounts/507404993/adCampaigns"));
    // 4 campaigns at 2 a page: the second page follows the first page's token, then no token is given
    expect(campaignPages.slice(0, 2).map((url) => url.includes("pageToken="))).toEqual([false, true]);
    expect(log.requests).toContain("/rest/adAccounts?q=search&search=(status:(values:List(ACTIVE)))&pageSize=2");
    const analytics = log.requests.filter((url) => url.startsWith("/rest/adAnalytics"));
    expect(analytics).toHaveLength(3); // per account, batches of 3 campaigns (3 + 1, then 1), one window of 5 days
    expect(analytics[0]).toContain(
      `&dateRange=(start:(year:${Number(shiftDay(today, -4).slice(0, 4))},month:${Number(shiftDay(today, -4).slice(5, 7))},day:${Number(shiftDay(today, -4).slice(8))})`,
    );
    expect(analytics[0]).toContain(
      "&campaigns=List(urn%3Ali%3AsponsoredCampaign%3A141049524,urn%3Ali%3AsponsoredCampaign%3A141049525,urn%3Ali%3AsponsoredCampaign%3A141049526)",
    );
    expect(analytics[0]).toContain("&fields=costInLocalCurrency,clicks,impressions,dateRange,pivotValues");
    expect(log.headers.every((headers) => headers.get("linkedin-version") === "202601")).toBe(true);
    expect(log.headers.every((headers) => headers.get("x-restli-protocol-version") === "2.0.0")).toBe(true);
    expect(odoo.binding("linkedin_ads", "campaigns", "141049526")?.values).toEqual({ name: "Webinar", status: "paused" });
    expect(odoo.binding("linkedin_ads", "campaign_spend", `141049524:${today}`)?.values).toEqual({
      campaign_external_id: "141049524",
      date: today,
      channel: "linkedin_ads",
      amount: 19.91833,
      clicks: 11,
      impressions: 165,
    });
    expect(odoo.cursors.get("linkedin_ads|campaign_spend")).toBe(today);
  });

  it("re-reads the look-back days and replaces a day whose cost changed instead of adding to it", async () => {
    const data = adData(5);
    const log = serve(data);
    const odoo = new FakeOdoo();
    await syncJson(["sync", "linkedin_ads"], odoo, { configPath: config({ accountIds: ["507404993"] }), env: ENV });
    const yesterday = data.days.find((day) => day.campaignId === 141049525 && day.date === shiftDay(today, -1));
    if (yesterday) yesterday.cost = "42.5";
    log.requests.length = 0;
    const { report } = await syncJson(["sync", "linkedin_ads", "--stream", "campaign_spend"], odoo, {
      configPath: config({ accountIds: ["507404993"] }),
      env: ENV,
    });
    expect(log.requests.filter((url) => url.startsWith("/rest/adAccounts?"))).toEqual([]); // configured accounts: no discovery
    expect(report.streams[0]?.tally).toMatchObject({ read: 12, updated: 1, unchanged: 11, created: 0 });
    expect(odoo.binding("linkedin_ads", "campaign_spend", `141049525:${shiftDay(today, -1)}`)?.values.amount).toBe(42.5);
    expect(odoo.records("linkedin_ads", "campaign_spend").size).toBe(20);
  });

  it("splits a long first read into windows of days and moves the cursor window by window", async () => {
    const log = serve(adData(10));
    const odoo = new FakeOdoo();
    const { code } = await syncJson(["sync", "linkedin_ads", "--stream", "campaign_spend"], odoo, {
      configPath: config({ accountIds: ["508000001"], initialDays: 9, daysPerCall: 4 }),
      env: ENV,
    });
    expect(code).toBe(0);
    expect(log.requests.filter((url) => url.startsWith("/rest/adAnalytics"))).toHaveLength(3); // 10 days in windows of 4
    expect(odoo.records("linkedin_ads", "campaign_spend").size).toBe(10);
    expect(odoo.cursors.get("linkedin_ads|campaign_spend")).toBe(today);
  });

  it("dead-letters malformed analytics elements and keeps the others", async () => {
    const data = adData(1);
    data.extraElements = [
      {
        pivotValues: ["urn:li:organization:1111"],
        dateRange: { start: { month: 5, year: 2024, day: 28 } },
        costInLocalCurrency: "0.0",
      },
      {
        pivotValues: ["urn:li:sponsoredCampaign:141049524"],
        dateRange: { start: { month: 5, year: 2024, day: 29 } },
        costInLocalCurrency: "n/a",
      },
      42,
    ];
    serve(data);
    const odoo = new FakeOdoo();
    const { report } = await syncJson(["sync", "linkedin_ads", "--stream", "campaign_spend"], odoo, {
      configPath: config({ accountIds: ["508000001"], initialDays: 1 }),
      env: ENV,
    });
    expect(report.streams[0]?.tally).toMatchObject({ created: 1, dead: 3, categories: { mapping: 1, validation: 2 } });
    const dead = odoo.events.filter((event) => event.state === "dead");
    expect(dead.map((event) => event.externalId)).toEqual([null, "141049524:2024-05-29", null]);
    expect(dead[0]?.message).toContain("not by a campaign");
  });

  it("waits out a 429 and goes on", async () => {
    const fake = linkedInFake(adData(1));
    let calls = 0;
    server.use(
      http.get(`${BASE}/rest/adAnalytics`, ({ request }) => {
        calls += 1;
        const reply =
          calls === 1
            ? linkedInError(
                429,
                "TOO_MANY_REQUESTS",
                "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.",
              )
            : fake({ method: "GET", url: new URL(request.url), headers: request.headers, body: undefined });
        return HttpResponse.json(reply.body as never, {
          status: reply.status,
          headers: calls === 1 ? { "Retry-After": "0" } : {},
        });
      }),
      ...vendorHandlers(BASE, fake),
    );
    const run = await runCli(["sync", "linkedin_ads", "--stream", "campaign_spend"], new FakeOdoo(), {
      configPath: config({ accountIds: ["508000001"], initialDays: 1 }),
      env: ENV,
    });
    expect(run.code).toBe(0);
    expect(calls).toBe(2);
    expect(run.stderr).toMatch(/LinkedIn Ads answered HTTP 429: Resource level throttle .* \(TOO_MANY_REQUESTS\); retrying/);
  });

  it("reports a refused token under auth and stops", async () => {
    serve(adData(1));
    const odoo = new FakeOdoo();
    const run = await runCli(["sync", "linkedin_ads"], odoo, { configPath: config(), env: { LINKEDIN_ACCESS_TOKEN: "expired" } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("LinkedIn Ads answered HTTP 401: Invalid access token (INVALID_ACCESS_TOKEN)");
    expect(odoo.events).toEqual([expect.objectContaining({ category: "auth" })]);
  });

  it("sends the configured API version and refuses a malformed one in the config", async () => {
    const log = serve(adData(1));
    await syncJson(["sync", "linkedin_ads", "--stream", "campaigns"], new FakeOdoo(), {
      configPath: config({ apiVersion: "202510" }),
      env: ENV,
    });
    expect(log.headers[0]?.get("linkedin-version")).toBe("202510");
    const run = await runCli(["sync", "linkedin_ads"], new FakeOdoo(), {
      configPath: config({ apiVersion: "2025-10" }),
      env: ENV,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('must be a version such as "202601" (YYYYMM)');
  });

  it("needs the access token", async () => {
    const run = await runCli(["sync", "linkedin_ads"], new FakeOdoo(), { configPath: config(), env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("LINKEDIN_ACCESS_TOKEN");
  });

  it("stops the stream on a search answer that is not the documented envelope, and stores no cursor", async () => {
    server.use(http.get(`${BASE}/rest/adAccounts`, () => HttpResponse.json({ results: [] })));
    const odoo = new FakeOdoo();
    const run = await runCli(["sync", "linkedin_ads", "--stream", "campaign_spend"], odoo, { configPath: config(), env: ENV });
    expect(run.code).toBe(1);
    expect(odoo.cursors.get("linkedin_ads|campaign_spend")).toBeUndefined();
    expect(odoo.events[0]?.message).toContain("LinkedIn adAccounts search answered an unexpected shape");
  });
});
