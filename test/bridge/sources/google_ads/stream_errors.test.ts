/**
 * An error inside a searchStream answer that Google already started with HTTP 200
 * (sync_bridge/src/sources/google_ads/errors.ts, client.ts): it fails the stream, retried or
 * not by its status, and never reads as an empty batch.
 */
import { AuthAPIError, FatalAPIError, RetriableAPIError } from "../../../../sync_bridge/src/errors";
import { searchStreamFailure } from "../../../../sync_bridge/src/sources/google_ads/errors";
import { addDays } from "../../../../sync_bridge/src/sources/google_ads/streams";
import { googleAdsFake, type AdsData, type AdsLog } from "../../fixtures/google_ads/google_ads_fake";
import {
  PERMISSION_DENIED_BODY,
  RESOURCE_EXHAUSTED_BODY,
  UNAUTHENTICATED_BODY,
  failingStream,
} from "../../fixtures/google_ads/stream_errors";
import type { FakeVendor } from "../../fixtures/vendor";
import { mswServer, vendorHandlers } from "../../support/msw";
import { FakeOdoo, runCli, syncJson, writeConfig } from "../../support/run_cli";

const server = mswServer();
const BASE = "https://googleads.test";
const ENV = { GOOGLE_ADS_DEVELOPER_TOKEN: "dev-token", GOOGLE_ADS_ACCESS_TOKEN: "ads-access" };
const today = new Date().toISOString().slice(0, 10);

/** Two campaigns, six days of spend, three rows a batch: four batches of spend. */
function adsData(): AdsData {
  const campaigns = [
    { id: "20731845601", name: "Brand – Search", status: "ENABLED" as const },
    { id: "20731845602", name: "Retargeting", status: "PAUSED" as const },
  ];
  const days = Array.from({ length: 6 }, (_, index) => addDays(today, index - 5));
  return {
    customerId: "1234567890",
    campaigns,
    days: days.flatMap((date) =>
      campaigns.map((c) => ({ campaignId: c.id, date, costMicros: 1_500_000, clicks: 3, impressions: 40 })),
    ),
    batchSize: 3,
  };
}

function config() {
  return writeConfig({
    sources: { google_ads: { baseUrl: BASE, tokenUrl: "https://oauth.test/token", customerId: "123-456-7890", initialDays: 10 } },
  });
}

function serve(vendor: FakeVendor): void {
  server.use(...vendorHandlers(BASE, vendor));
}

describe("a searchStream answer that ends with an error element", () => {
  it("fails the spend stream on PERMISSION_DENIED after two batches, without retrying, and stops the source", async () => {
    const vendor = failingStream(googleAdsFake(adsData()), PERMISSION_DENIED_BODY, { batches: 2, failing: () => true });
    serve(vendor);
    const odoo = new FakeOdoo();
    odoo.cursors.set("google_ads|campaign_spend", addDays(today, -20));
    const run = await runCli(["sync", "google_ads", "--stream", "campaign_spend"], odoo, { configPath: config(), env: ENV });
    expect(run.code).toBe(1);
    expect(vendor.calls()).toBe(1);
    expect(run.stdout).toContain("✗ campaign_spend");
    // Nothing of the cut answer is ingested and the cursor stays where it was.
    expect(odoo.records("google_ads", "campaign_spend").size).toBe(0);
    expect(odoo.cursors.get("google_ads|campaign_spend")).toBe(addDays(today, -20));
    expect(odoo.events).toHaveLength(1);
    expect(odoo.events[0]).toMatchObject({ category: "auth", state: "dead", externalId: null });
    const message = odoo.events[0]?.message ?? "";
    expect(message).toContain(
      "Google Ads stopped the searchStream answer after 2 batches (HTTP 200): The caller does not have permission (PERMISSION_DENIED)",
    );
    expect(message).toContain("authorizationError.USER_PERMISSION_DENIED: User doesn't have permission to access customer.");
    expect(message).toContain("→ check that the credentials may read this account");
  });

  it("retries a RESOURCE_EXHAUSTED stream and ingests the whole answer once Google sends it", async () => {
    const vendor = failingStream(googleAdsFake(adsData()), RESOURCE_EXHAUSTED_BODY, {
      batches: 1,
      failing: (call) => call === 1,
    });
    serve(vendor);
    const odoo = new FakeOdoo();
    const run = await syncJson(["sync", "google_ads", "--stream", "campaign_spend"], odoo, { configPath: config(), env: ENV });
    expect(run.code).toBe(0);
    expect(vendor.calls()).toBe(2);
    expect(run.report.streams[0]?.tally).toMatchObject({ read: 12, created: 12, dead: 0 });
    expect(odoo.records("google_ads", "campaign_spend").size).toBe(12);
    expect(odoo.cursors.get("google_ads|campaign_spend")).toBe(today);
  });

  it("fails the stream as rate_limit when RESOURCE_EXHAUSTED lasts, after the retries", async () => {
    const vendor = failingStream(googleAdsFake(adsData()), RESOURCE_EXHAUSTED_BODY, { batches: 0, failing: () => true });
    serve(vendor);
    const odoo = new FakeOdoo();
    const run = await runCli(["sync", "google_ads", "--stream", "campaigns"], odoo, { configPath: config(), env: ENV });
    expect(run.code).toBe(1);
    expect(vendor.calls()).toBe(8); // the test retry policy's maxAttempts
    expect(run.stderr).toContain("Google Ads stopped the searchStream answer after 0 batches (HTTP 200)");
    expect(odoo.events[0]).toMatchObject({ category: "rate_limit", state: "failed" }); // retriable: replayable later
    expect(odoo.records("google_ads", "campaigns").size).toBe(0);
  });

  it("refreshes the OAuth token once on UNAUTHENTICATED inside the answer, then reads the stream again", async () => {
    const log: AdsLog = { queries: [], tokenRefreshes: 0 };
    const fake = googleAdsFake(adsData(), log);
    const vendor = failingStream(fake, UNAUTHENTICATED_BODY, { batches: 1, failing: (call) => call === 1 });
    server.use(...vendorHandlers(BASE, vendor), ...vendorHandlers("https://oauth.test", fake));
    const env = {
      GOOGLE_ADS_DEVELOPER_TOKEN: "dev-token",
      GOOGLE_ADS_CLIENT_ID: "id",
      GOOGLE_ADS_CLIENT_SECRET: "secret",
      GOOGLE_ADS_REFRESH_TOKEN: "refresh",
    };
    const odoo = new FakeOdoo();
    const run = await syncJson(["sync", "google_ads", "--stream", "campaigns"], odoo, { configPath: config(), env });
    expect(run.code).toBe(0);
    expect(vendor.calls()).toBe(2);
    expect(log.tokenRefreshes).toBe(2); // the first token, then the one after Google's refusal
    expect(odoo.records("google_ads", "campaigns").size).toBe(2);
  });

  it("leaves an answer of batches only alone", () => {
    expect(searchStreamFailure([{ results: [], fieldMask: "campaign.id", requestId: "x" }])).toBeUndefined();
    expect(searchStreamFailure({ error: { code: 400 } })).toBeUndefined(); // not a stream: the HTTP status speaks
  });

  // Minimal error elements, one per status: the classification table, not vendor payloads.
  it.each([
    ["UNAVAILABLE", 503, RetriableAPIError, "remote_5xx"],
    ["DEADLINE_EXCEEDED", 504, RetriableAPIError, "remote_5xx"],
    ["INTERNAL", 500, RetriableAPIError, "remote_5xx"],
    ["RESOURCE_EXHAUSTED", 429, RetriableAPIError, "rate_limit"],
    ["INVALID_ARGUMENT", 400, FatalAPIError, "validation"],
    ["NOT_FOUND", 404, FatalAPIError, "validation"],
    ["PERMISSION_DENIED", 403, AuthAPIError, "auth"],
    ["UNAUTHENTICATED", 401, AuthAPIError, "auth"],
  ])("classifies %s as %s's kind", (status, code, kind, category) => {
    const failure = searchStreamFailure([{ results: [] }, { error: { code, message: "m", status } }]);
    expect(failure).toBeInstanceOf(kind);
    expect(failure).toMatchObject({ category, status: code });
    if (kind !== RetriableAPIError) expect(failure).not.toBeInstanceOf(RetriableAPIError);
  });

  it("falls back on the code for a status it does not know, and fails an unreadable error element", () => {
    expect(searchStreamFailure([{ error: { code: 500, message: "m", status: "UNKNOWN" } }])).toBeInstanceOf(RetriableAPIError);
    expect(searchStreamFailure([{ error: { code: 409, message: "m", status: "ABORTED" } }])).toBeInstanceOf(FatalAPIError);
    const unreadable = searchStreamFailure([{ results: [] }, { error: "boom" }]);
    expect(unreadable).toBeInstanceOf(FatalAPIError);
    expect(unreadable?.message).toContain("after 1 batch (HTTP 200) with an error it did not describe");
  });
});
