/**
 * `ops-bridge sync salesforce` against a LIVE Odoo 19 with addon_ops_harmony (see
 * test/e2e/support/live_odoo.ts), Salesforce faked by msw with its documented answers
 * (test/bridge/fixtures/salesforce). Proves the `leads` stream end to end: a Salesforce Lead
 * becomes a crm.lead that the lead pipeline normalized and scored, an Opportunity lands in the
 * stage mapped at install, and a lead converted at the source is archived.
 */
import { randomBytes } from "node:crypto";
import { http, passthrough } from "msw";
import { setupServer } from "msw/node";
import { main } from "../../sync_bridge/src/cli";
import {
  INSTANCE_URL,
  LOGIN_URL,
  SALESFORCE_ENV,
  newOrg,
  salesforceFake,
  sobject,
  type SalesforceOrg,
} from "../bridge/fixtures/salesforce/salesforce_fake";
import { vendorHandlers } from "../bridge/support/msw";
import { adminGateway, bridgeEnv, writeSyncConfig } from "./support/live_odoo";

const server = setupServer();
/** Fresh ids each run: the database keeps the bindings of earlier runs. */
const run = randomBytes(6).toString("hex").slice(0, 9).toUpperCase();
const ids = { account: `001E2E${run}AAA`, contact: `003E2E${run}AAA`, lead: `00QE2E${run}AAA`, deal: `006E2E${run}AAA` };

function org(): SalesforceOrg {
  return newOrg({
    Account: [
      sobject("Account", {
        Id: ids.account,
        Name: `E2E Account ${run}`,
        BillingCountry: "Germany",
        SystemModstamp: "2024-05-01T09:30:00.000+0000",
      }),
    ],
    Contact: [
      sobject("Contact", {
        Id: ids.contact,
        FirstName: "Grace",
        LastName: `Hopper ${run}`,
        AccountId: ids.account,
        SystemModstamp: "2024-05-01T09:31:00.000+0000",
      }),
    ],
    Lead: [
      sobject("Lead", {
        Id: ids.lead,
        FirstName: "Ada",
        LastName: `Lovelace ${run}`,
        Company: "[not provided]",
        Email: `  Ada.${run}@Example.COM `,
        Country: "Deutschland",
        NumberOfEmployees: 120,
        IsConverted: false,
        SystemModstamp: "2024-05-02T08:00:00.000+0000",
      }),
    ],
    Opportunity: [
      sobject("Opportunity", {
        Id: ids.deal,
        Name: `E2E deal ${run}`,
        Amount: 15000,
        StageName: "Closed Won",
        CloseDate: "2024-06-30",
        AccountId: ids.account,
        ContactId: ids.contact,
        SystemModstamp: "2024-05-03T08:00:00.000+0000",
      }),
    ],
  });
}

interface Report {
  ok: boolean;
  streams: { stream: string; completed: boolean; tally: Record<string, number> }[];
}

async function sync(args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const config = writeSyncConfig({ sources: { salesforce: { lookbackSeconds: 0 } } });
  const code = await main(["sync", "salesforce", ...args, "--config", config, "--json"], {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: { ...bridgeEnv(), ...SALESFORCE_ENV },
  });
  if (out.length === 0) throw new Error(`sync salesforce printed no report (exit ${code}):\n${err.join("\n")}`);
  return { code, report: JSON.parse(out.join("\n")) as Report, stderr: err.join("\n") };
}

async function boundId(stream: string, externalId: string): Promise<number> {
  const [binding] = await adminGateway().searchRead(
    "ops.sync.binding",
    [
      ["source", "=", "salesforce"],
      ["stream", "=", stream],
      ["external_id", "=", externalId],
    ],
    { res_id: "integer" },
  );
  if (!binding) throw new Error(`no binding for salesforce/${stream}/${externalId}`);
  return binding.res_id;
}

const data = org();

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  const fake = salesforceFake(data);
  server.use(
    http.all(`${bridgeEnv().ODOO_URL}/*`, () => passthrough()),
    ...vendorHandlers(LOGIN_URL, fake),
    ...vendorHandlers(INSTANCE_URL, fake),
  );
});
afterAll(() => server.close());

describe("ops-bridge sync salesforce, live Odoo", () => {
  it("brings accounts, contacts, leads and opportunities in, leads through the lead pipeline", async () => {
    const { code, report, stderr } = await sync(["--full"]);
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(report.streams.map((s) => [s.stream, s.tally.created])).toEqual([
      ["companies", 1],
      ["contacts", 1],
      ["leads", 1],
      ["deals", 1],
    ]);
    const admin = adminGateway();
    const leadId = await boundId("leads", ids.lead);
    // normalized by the pipeline: the alias resolved, the e-mail trimmed and lower-cased, scored
    expect(
      await admin.searchCount("crm.lead", [
        ["id", "=", leadId],
        ["type", "=", "lead"],
        ["country_id.code", "=", "DE"],
        ["email_from", "=", `ada.${run.toLowerCase()}@example.com`],
        ["partner_name", "=", false],
        ["ops_score_line_ids", "!=", false],
      ]),
    ).toBe(1);
    const dealId = await boundId("deals", ids.deal);
    const contactId = await boundId("contacts", ids.contact);
    expect(
      await admin.searchCount("crm.lead", [
        ["id", "=", dealId],
        ["type", "=", "opportunity"],
        ["stage_id.is_won", "=", true],
        ["partner_id", "=", contactId],
      ]),
    ).toBe(1);
  });

  it("archives a lead converted at the source on the next incremental run", async () => {
    const lead = data.objects.Lead?.[0];
    if (!lead) throw new Error("no lead");
    lead.fields.IsConverted = true;
    lead.fields.SystemModstamp = "2024-05-09T08:00:00.000+0000";
    const { code, report } = await sync(["--stream", "leads"]);
    expect(code).toBe(0);
    expect(report.streams[0]?.tally).toMatchObject({ read: 1, updated: 1 });
    const leadId = await boundId("leads", ids.lead);
    expect(
      await adminGateway().searchCount("crm.lead", [
        ["id", "=", leadId],
        ["active", "=", false],
      ]),
    ).toBe(1);
  });
});
