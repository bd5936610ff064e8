/**
 * `ops-bridge sync salesforce` against a faked Salesforce org
 * (sync_bridge/src/sources/salesforce/streams.ts, client.ts): paging through `nextRecordsUrl`,
 * `SystemModstamp` cursors, deletes through `queryAll`, the OAuth refresh and the API limits.
 */
import { http, HttpResponse } from "msw";
import { createSource } from "../../../../sync_bridge/src/sources";
import { parseSyncSettings } from "../../../../sync_bridge/src/sync_config";
import { INVALID_SESSION, QUERY_ALL_EXAMPLE, TOKEN_REQUEST } from "../../fixtures/salesforce/documented";
import {
  INSTANCE_URL,
  LOGIN_URL,
  SALESFORCE_ENV,
  newLog,
  newOrg,
  salesforceFake,
  sobject,
  type SalesforceLog,
  type SalesforceOrg,
} from "../../fixtures/salesforce/salesforce_fake";
import { mswServer, vendorHandlers } from "../../support/msw";
import { FAST_RETRIES, FakeOdoo, runCli, syncJson, writeConfig } from "../../support/run_cli";

const server = mswServer();

function account(id: string, name: string, modstamp: string, extra: Record<string, unknown> = {}) {
  return sobject("Account", {
    Id: id,
    Name: name,
    BillingCountry: "USA",
    Website: "www.example.com",
    SystemModstamp: modstamp,
    ...extra,
  });
}

function org(): SalesforceOrg {
  return newOrg({
    Account: [
      account("001D000000IRFmaIAH", "Test 1", "2024-05-01T09:30:00.000+0000"),
      account("001D000000IomazIAB", "Test 2", "2024-05-01T09:30:00.000+0000"),
      account("001D000000IomazIAC", "Test 3", "2024-05-02T10:00:00.000+0000"),
    ],
    Contact: [
      sobject("Contact", {
        Id: "003RO0000035WQgYAM",
        FirstName: "John",
        LastName: "Smith",
        Email: "john.smith@example.com",
        AccountId: "001D000000IRFmaIAH",
        SystemModstamp: "2024-05-01T11:00:00.000+0000",
      }),
    ],
    Lead: [
      sobject("Lead", {
        Id: "00QD000000XyZ12MAB",
        FirstName: "Ada",
        LastName: "Lovelace",
        Company: "[not provided]",
        Email: "ada@example.com",
        Country: "Deutschland",
        NumberOfEmployees: 42,
        IsConverted: false,
        SystemModstamp: "2024-05-03T08:00:00.000+0000",
      }),
    ],
    Opportunity: [
      sobject("Opportunity", {
        Id: "006D000000CuRvnIAF",
        Name: "Test 1 - 500 widgets",
        Amount: 15000.0,
        StageName: "Prospecting",
        CloseDate: "2024-06-30",
        AccountId: "001D000000IRFmaIAH",
        ContactId: "003RO0000035WQgYAM",
        SystemModstamp: "2024-05-04T08:00:00.000+0000",
      }),
    ],
  });
}

function serve(data: SalesforceOrg): SalesforceLog {
  const log = newLog();
  const fake = salesforceFake(data, log);
  server.use(...vendorHandlers(LOGIN_URL, fake), ...vendorHandlers(INSTANCE_URL, fake));
  return log;
}

function config(salesforce: Record<string, unknown> = {}) {
  return writeConfig({ sources: { salesforce: { lookbackSeconds: 60, ...salesforce } } });
}

const sync = (argv: string[], odoo: FakeOdoo, salesforce: Record<string, unknown> = {}, env = SALESFORCE_ENV) =>
  syncJson(["sync", "salesforce", ...argv], odoo, { configPath: config(salesforce), env });

describe("ops-bridge sync salesforce", () => {
  it("refreshes a token, then pages each query through nextRecordsUrl, oldest change first", async () => {
    const log = serve(org());
    const odoo = new FakeOdoo();
    const { code, report } = await sync([], odoo);
    expect(code).toBe(0);
    expect(report.streams.map((s) => [s.stream, s.tally.read, s.tally.created])).toEqual([
      ["companies", 3, 3],
      ["contacts", 1, 1],
      ["leads", 1, 1],
      ["deals", 1, 1],
    ]);
    expect(log.tokenRequests).toEqual([{ ...TOKEN_REQUEST, refresh_token: SALESFORCE_ENV.SALESFORCE_REFRESH_TOKEN }]);
    expect(log.queries[0]).toEqual({
      soql:
        "SELECT Id, Name, Website, Phone, BillingStreet, BillingCity, BillingPostalCode, BillingCountry, Industry, " +
        "SystemModstamp FROM Account ORDER BY SystemModstamp, Id",
      all: false,
    });
    // three accounts, two a page: the second page came from the first one's nextRecordsUrl
    expect(log.pages).toEqual(["/services/data/v62.0/query/01gD0000002HU6K001-2"]);
    // "2024-05-02T10:00:00.000+0000" stored as ISO-8601 UTC
    expect(odoo.cursors.get("salesforce|companies")).toBe("2024-05-02T10:00:00.000Z");
    expect(odoo.binding("salesforce", "companies", "001D000000IRFmaIAH")?.values).toMatchObject({
      name: "Test 1",
      website: "https://www.example.com",
      country_code: "US",
    });
    expect(odoo.binding("salesforce", "contacts", "003RO0000035WQgYAM")?.values).toMatchObject({
      name: "John Smith",
      company_external_id: "001D000000IRFmaIAH",
    });
    expect(odoo.binding("salesforce", "leads", "00QD000000XyZ12MAB")?.values).toMatchObject({
      name: "Ada Lovelace",
      partner_name: false, // null travels as Odoo's false
      country: "Deutschland",
      employees: 42,
      converted: false,
    });
    expect(odoo.binding("salesforce", "deals", "006D000000CuRvnIAF")?.values).toMatchObject({
      stage_key: "Prospecting",
      expected_revenue: 15000,
      date_deadline: "2024-06-30",
      contact_external_id: "003RO0000035WQgYAM",
      currency_code: false,
    });
  });

  it("reads only what changed since the cursor, as a SOQL literal to the second minus the look-back", async () => {
    const data = org();
    const log = serve(data);
    const odoo = new FakeOdoo();
    await sync(["--stream", "companies"], odoo);
    data.objects.Account?.push(account("001D000000IomazIAD", "Test 4", "2024-05-05T12:00:00.000+0000"));
    log.queries.length = 0;
    const { report } = await sync(["--stream", "companies"], odoo);
    expect(log.queries[0]?.soql).toContain(
      " FROM Account WHERE SystemModstamp >= 2024-05-02T09:59:00Z ORDER BY SystemModstamp, Id",
    );
    // Test 3 again (inside the look-back, unchanged) and the new Test 4
    expect(report.streams[0]?.tally).toMatchObject({ read: 2, created: 1, unchanged: 1 });
    expect(odoo.cursors.get("salesforce|companies")).toBe("2024-05-05T12:00:00.000Z");
  });

  it("asks for the org's currency only when multiCurrency is set", async () => {
    const log = serve(org());
    await sync(["--stream", "deals"], new FakeOdoo(), { multiCurrency: true });
    expect(log.queries[0]?.soql).toContain("SystemModstamp, CurrencyIsoCode FROM Opportunity");
  });

  it("refreshes the token once on INVALID_SESSION_ID and retries the request", async () => {
    const data = org();
    const log = serve(data);
    const odoo = new FakeOdoo();
    await sync(["--stream", "companies"], odoo);
    data.sessionValid = false; // the session timed out between two runs of one long-lived client
    const { code } = await sync(["--stream", "companies"], odoo);
    expect(code).toBe(0);
    expect(log.tokenRequests).toHaveLength(2);
  });

  it("stops the source after one refresh when the new token is refused too", async () => {
    serve(org());
    let calls = 0;
    server.use(
      http.get(`${INSTANCE_URL}/services/data/v62.0/query`, () => {
        calls += 1;
        return HttpResponse.json(INVALID_SESSION, { status: 401 });
      }),
    );
    const odoo = new FakeOdoo();
    const run = await runCli(["sync", "salesforce"], odoo, { configPath: config(), env: SALESFORCE_ENV });
    expect(run.code).not.toBe(0);
    expect(calls).toBe(2);
    expect(odoo.events).toHaveLength(1);
    expect(odoo.events[0]).toMatchObject({ stream: "companies", category: "auth" });
    expect(odoo.events[0]?.message).toContain("Salesforce answered HTTP 401: Session expired or invalid (INVALID_SESSION_ID)");
  });

  it("says what to do when Salesforce refuses the refresh token, and sends no query", async () => {
    const log = serve(org());
    const odoo = new FakeOdoo();
    const env = { ...SALESFORCE_ENV, SALESFORCE_REFRESH_TOKEN: "revoked" };
    const run = await runCli(["sync", "salesforce"], odoo, { configPath: config(), env });
    expect(run.code).not.toBe(0);
    expect(log.apiCalls).toBe(0);
    expect(log.tokenRequests).toHaveLength(1);
    expect(odoo.events[0]?.category).toBe("auth");
    expect(odoo.events[0]?.message).toContain(
      "Salesforce refused the OAuth refresh token: expired access/refresh token (invalid_grant). Authorize the connected app again",
    );
  });

  it("stops without retrying on REQUEST_LIMIT_EXCEEDED, and spends no more requests on the other streams", async () => {
    const data = org();
    data.apiUsed = data.apiMax; // the next request is one too many
    const log = serve(data);
    const odoo = new FakeOdoo();
    const { code, report } = await sync([], odoo);
    expect(code).not.toBe(0);
    expect(log.apiCalls).toBe(1);
    expect(report.streams.map((s) => s.completed)).toEqual([false, false, false, false]);
    expect(odoo.events[0]).toMatchObject({ stream: "companies", category: "rate_limit", state: "failed" });
    expect(odoo.events[0]?.message).toContain(
      "Salesforce answered HTTP 403: TotalRequests Limit exceeded. (REQUEST_LIMIT_EXCEEDED). The org's API requests of the last 24 hours are spent",
    );
  });

  it("stops by itself once Sforce-Limit-Info reports the usage past maxApiUsagePercent", async () => {
    const data = org();
    data.apiMax = 100;
    data.apiUsed = 49;
    const log = serve(data);
    const odoo = new FakeOdoo();
    const { report } = await sync([], odoo, { maxApiUsagePercent: 51 });
    // 50/100, 51/100: the second answer reaches the share, so no third request goes out
    expect(log.apiCalls).toBe(2);
    expect(report.streams.map((s) => s.completed)).toEqual([true, false, false, false]);
    expect(odoo.events[0]?.message).toContain("Salesforce reports 51 of the org's 100 daily API requests used (51.0 %");
  });

  it("retries a 503 (server down for maintenance) and goes on", async () => {
    const data = org();
    const fake = salesforceFake(data);
    let calls = 0;
    server.use(
      ...vendorHandlers(LOGIN_URL, fake),
      http.get(`${INSTANCE_URL}/*`, ({ request }) => {
        calls += 1;
        if (calls === 1)
          return HttpResponse.json([{ message: "Server unavailable", errorCode: "SERVER_UNAVAILABLE" }], { status: 503 });
        const reply = fake({ method: "GET", url: new URL(request.url), headers: request.headers, body: undefined });
        return HttpResponse.json(reply.body as never, { status: reply.status, headers: reply.headers });
      }),
    );
    const run = await runCli(["sync", "salesforce", "--stream", "companies"], new FakeOdoo(), {
      configPath: config(),
      env: SALESFORCE_ENV,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Salesforce answered HTTP 503: Server unavailable \(SERVER_UNAVAILABLE\); retrying/);
  });

  it("dead-letters malformed records one by one and ingests the rest of the page", async () => {
    const data = org();
    data.objects.Opportunity?.push(
      sobject("Opportunity", {
        Id: "006D000000CuRvnIAG",
        Name: "Bad amount",
        Amount: "lots",
        StageName: "Prospecting",
        SystemModstamp: "2024-05-04T09:00:00.000+0000",
      }),
      sobject("Opportunity", {
        Id: "006D000000CuRvnIAH",
        Name: "Bad date",
        StageName: "Closed Won",
        SystemModstamp: "yesterday",
      }),
    );
    serve(data);
    const odoo = new FakeOdoo();
    const { report } = await sync(["--stream", "deals"], odoo);
    expect(report.streams[0]?.tally).toMatchObject({ read: 3, created: 1 });
    const dead = odoo.events.filter((event) => event.state === "dead");
    expect(dead.map((event) => [event.externalId, event.category])).toEqual([
      ["006D000000CuRvnIAG", "validation"],
      ["006D000000CuRvnIAH", "validation"],
    ]);
    expect(dead[0]?.message).toContain('is not an amount: "lots"');
    expect(dead[1]?.message).toContain('is not a valid date and time: "yesterday"');
  });
});

describe("Salesforce deletions (readDeleted, for reconcile)", () => {
  function stream(name: string) {
    const settings = parseSyncSettings({ ...FAST_RETRIES, sources: { salesforce: { lookbackSeconds: 0 } } }, "/anywhere");
    const source = createSource("salesforce", settings, { env: SALESFORCE_ENV });
    const found = source.streams.find((candidate) => candidate.name === name);
    if (!found?.readDeleted) throw new Error(`no readDeleted on ${name}`);
    return found.readDeleted.bind(found);
  }

  async function collect(pages: AsyncIterable<readonly string[]>): Promise<string[]> {
    const ids: string[] = [];
    for await (const page of pages) ids.push(...page);
    return ids;
  }

  it("reads the deleted ids through queryAll with IsDeleted = true, page by page", async () => {
    const data = org();
    data.objects.Account?.push(
      account("001D000000IomazIAE", "Gone 1", "2024-05-06T00:00:00.000+0000", { IsDeleted: true }),
      account("001D000000IomazIAF", "Gone 2", "2024-05-07T00:00:00.000+0000"),
      account("001D000000IomazIAG", "Gone 3", "2024-05-08T00:00:00.000+0000"),
    );
    for (const record of data.objects.Account?.slice(-3) ?? []) record.deleted = true;
    const log = serve(data);
    const ids = await collect(stream("companies")({ since: "2024-05-06T12:00:00.000Z" }));
    expect(ids).toEqual(["001D000000IomazIAF", "001D000000IomazIAG"]);
    expect(log.queries).toEqual([
      {
        soql: "SELECT Id, SystemModstamp FROM Account WHERE IsDeleted = true AND SystemModstamp >= 2024-05-06T12:00:00Z ORDER BY SystemModstamp, Id",
        all: true,
      },
    ]);
    expect(await collect(stream("companies")({ since: null }))).toHaveLength(3);
  });

  it("takes a record's id from attributes.url when the query did not select Id (the guide's QueryAll example)", async () => {
    serve(org());
    server.use(http.get(`${INSTANCE_URL}/services/data/v62.0/queryAll`, () => HttpResponse.json(QUERY_ALL_EXAMPLE)));
    expect(await collect(stream("companies")({ since: null }))).toEqual(["a00D0000008pQRAIX2"]);
  });
});
