/** Salesforce records → canonical values (sync_bridge/src/sources/salesforce/mapper.ts, schemas.ts). */
import { mapAccount, mapContact, mapLead, mapOpportunity } from "../../../../sync_bridge/src/sources/salesforce/mapper";
import {
  accountSchema,
  contactSchema,
  leadSchema,
  opportunitySchema,
  queryPageSchema,
  tokenSchema,
} from "../../../../sync_bridge/src/sources/salesforce/schemas";
import { latestModstamp, rawId, soqlDateTime } from "../../../../sync_bridge/src/sources/salesforce/streams";
import {
  NEXT_RECORDS_URL_EXAMPLE,
  QUERY_EXAMPLE,
  QUERY_RESOURCE_EXAMPLE,
  RECORD_EXAMPLE,
  TOKEN_RESPONSE,
} from "../../fixtures/salesforce/documented";

const attributes = (type: string, id: string) => ({ type, url: `/services/data/v62.0/sobjects/${type}/${id}` });

describe("Salesforce payloads as the guide documents them", () => {
  it("reads the guide's query pages, with and without a nextRecordsUrl", () => {
    expect(queryPageSchema.parse(QUERY_EXAMPLE)).toMatchObject({ done: true, totalSize: 14 });
    expect(
      queryPageSchema.parse({ ...QUERY_EXAMPLE, done: false, nextRecordsUrl: NEXT_RECORDS_URL_EXAMPLE }).nextRecordsUrl,
    ).toBe(NEXT_RECORDS_URL_EXAMPLE);
    expect(queryPageSchema.parse(QUERY_RESOURCE_EXAMPLE).nextRecordsUrl).toBe(
      "/services/data/v60.0/query/01gRO0000016PIAYA2-500",
    );
    // a locator that would leave the instance's API is refused
    expect(queryPageSchema.safeParse({ ...QUERY_EXAMPLE, nextRecordsUrl: "https://evil.example/steal" }).success).toBe(false);
  });

  it("finds a record's id in Id, else in attributes.url", () => {
    expect(QUERY_EXAMPLE.records.map(rawId)).toEqual(["001D000000IRFmaIAH", "001D000000IomazIAB"]);
    expect(rawId(QUERY_RESOURCE_EXAMPLE.records[0])).toBe("003RO0000035WQgYAM");
    expect(rawId({ attributes: { url: "/x/not an id" } })).toBeNull();
    expect(rawId(42)).toBeNull();
  });

  it("reads SystemModstamp's '.000+0000' format and writes SOQL literals to the second", () => {
    expect(latestModstamp([RECORD_EXAMPLE, { SystemModstamp: "garbage" }, null])).toBe("2012-07-12T17:49:01.000Z");
    expect(latestModstamp([{ SystemModstamp: "2024-05-01T09:30:00.000-0200" }])).toBe("2024-05-01T11:30:00.000Z");
    expect(soqlDateTime(new Date("2024-05-01T09:30:59.999Z"))).toBe("2024-05-01T09:30:59Z");
  });

  it("reads the documented token answer, trailing slash of instance_url included", () => {
    expect(tokenSchema.parse(TOKEN_RESPONSE).instance_url).toBe("https://yourInstance.salesforce.com/");
  });
});

describe("Salesforce mapping (pure)", () => {
  it("maps an Account to a company with its billing address", () => {
    const account = accountSchema.parse({
      attributes: attributes("Account", "001D000000IRFmaIAH"),
      Id: "001D000000IRFmaIAH",
      Name: "Test 1",
      Website: "www.example.com",
      Phone: "(336) 222-7000",
      BillingStreet: "525 S. Lexington Ave",
      BillingCity: "Burlington",
      BillingPostalCode: "27215",
      BillingCountry: "Freedonia",
      Industry: "Apparel",
      SystemModstamp: "2024-05-01T09:30:00.000+0000",
    });
    expect(mapAccount(account)).toEqual({
      externalId: "001D000000IRFmaIAH",
      values: {
        name: "Test 1",
        website: "https://www.example.com",
        phone: "(336) 222-7000",
        street: "525 S. Lexington Ave",
        city: "Burlington",
        zip: "27215",
        // not a country the bridge knows: sent as typed, for Odoo's aliases to resolve or report
        country_code: "Freedonia",
        industry: "Apparel",
      },
      modifiedAt: new Date("2024-05-01T09:30:00Z"),
    });
  });

  it("maps a Contact to a person of its account, falling back on the e-mail for the name", () => {
    const contact = contactSchema.parse({
      attributes: attributes("Contact", "003RO0000035WQgYAM"),
      Id: "003RO0000035WQgYAM",
      FirstName: null,
      LastName: "[not provided]",
      Email: "ops@example.com",
      AccountId: null,
      SystemModstamp: "2024-05-01T09:30:00.000+0000",
    });
    expect(mapContact(contact).values).toEqual({
      name: "ops@example.com",
      email: "ops@example.com",
      phone: null,
      function: null,
      company_external_id: null,
    });
  });

  it("maps a Lead, reading web-to-lead's '[not provided]' company as none", () => {
    const base = {
      attributes: attributes("Lead", "00QD000000XyZ12MAB"),
      Id: "00QD000000XyZ12MAB",
      FirstName: "Ada",
      LastName: "Lovelace",
      Company: "Analytical Engines",
      Title: "CTO",
      Email: "ada@example.com",
      Country: "Deutschland",
      NumberOfEmployees: 42,
      LeadSource: "Web",
      IsConverted: true,
      SystemModstamp: "2024-05-03T08:00:00.000+0000",
    };
    expect(mapLead(leadSchema.parse(base)).values).toMatchObject({
      name: "Ada Lovelace (Analytical Engines)",
      contact_name: "Ada Lovelace",
      partner_name: "Analytical Engines",
      function: "CTO",
      country: "Deutschland",
      employees: 42,
      lead_source: "Web",
      converted: true,
    });
    const anonymous = mapLead(
      leadSchema.parse({ ...base, FirstName: null, LastName: "[not provided]", Company: "[not provided]" }),
    );
    expect(anonymous.values).toMatchObject({ name: "ada@example.com", contact_name: null, partner_name: null });
    expect(leadSchema.safeParse({ ...base, NumberOfEmployees: -3 }).success).toBe(false);
  });

  it("maps an Opportunity to a deal keyed by its stage name", () => {
    const raw = {
      attributes: attributes("Opportunity", "006D000000CuRvnIAF"),
      Id: "006D000000CuRvnIAF",
      Name: "Test 1 - 500 widgets",
      Amount: 15000.0,
      StageName: "Closed Won",
      CloseDate: "2024-06-30",
      AccountId: "001D000000IRFmaIAH",
      ContactId: null,
      SystemModstamp: "2024-05-04T08:00:00.000+0000",
    };
    expect(mapOpportunity(opportunitySchema.parse(raw)).values).toEqual({
      name: "Test 1 - 500 widgets",
      expected_revenue: 15000,
      stage_key: "Closed Won",
      date_deadline: "2024-06-30",
      company_external_id: "001D000000IRFmaIAH",
      contact_external_id: null,
      currency_code: null,
    });
    const bad = opportunitySchema.safeParse({
      ...raw,
      attributes: attributes("Opportunity", "x"),
      Id: "not-an-id",
      CloseDate: "2024-02-30",
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path.join("."))).toEqual(["Id", "CloseDate"]);
  });
});
