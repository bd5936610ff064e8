/** HubSpot records → canonical values (sync_bridge/src/sources/hubspot/mapper.ts). */
import { mapCompany, mapContact, mapDeal } from "../../../../sync_bridge/src/sources/hubspot/mapper";
import { companySchema, contactSchema, dealSchema } from "../../../../sync_bridge/src/sources/hubspot/schemas";

describe("HubSpot mapping (pure)", () => {
  const company = companySchema.parse({
    id: "512",
    properties: {
      name: "Northwind",
      domain: "northwind.example",
      phone: "+32 2 555 01 10",
      address: "Rue de la Loi 42",
      city: "Brussels",
      zip: "1040",
      country: "Belgium",
      industry: "MACHINERY",
      hs_lastmodifieddate: "2019-12-07T16:50:06.678Z",
      hs_object_id: "512",
    },
    createdAt: "2019-10-30T03:30:17.883Z",
    updatedAt: "2019-12-07T16:50:06.678Z",
    archived: false,
  });

  it("maps a company, turning the domain into a website and the country name into its code", () => {
    expect(mapCompany(company)).toEqual({
      externalId: "512",
      values: {
        name: "Northwind",
        website: "https://northwind.example",
        phone: "+32 2 555 01 10",
        street: "Rue de la Loi 42",
        city: "Brussels",
        zip: "1040",
        country_code: "BE",
        industry: "MACHINERY",
      },
      modifiedAt: new Date("2019-12-07T16:50:06.678Z"),
    });
  });

  it("maps a contact to a person linked to its company, falling back on the e-mail for the name", () => {
    const contact = contactSchema.parse({
      id: "151",
      properties: {
        firstname: "",
        lastname: null,
        email: "ops@bluepeak.example",
        associatedcompanyid: "512",
        lastmodifieddate: "2025-01-02T03:04:05.000Z",
      },
    });
    expect(mapContact(contact).values).toEqual({
      name: "ops@bluepeak.example",
      email: "ops@bluepeak.example",
      phone: null,
      function: null,
      company_external_id: "512",
    });
  });

  it("takes the contact's company from its associations only when associatedcompanyid is empty", () => {
    const raw = (associatedcompanyid: string | null) => ({
      id: "151",
      properties: { email: "ops@bluepeak.example", associatedcompanyid, lastmodifieddate: "2025-01-02T03:04:05.000Z" },
      associations: { companies: ["777"] },
    });
    expect(mapContact(contactSchema.parse(raw(null))).values.company_external_id).toBe("777");
    expect(mapContact(contactSchema.parse(raw(""))).values.company_external_id).toBe("777");
    expect(mapContact(contactSchema.parse(raw("512"))).values.company_external_id).toBe("512");
  });

  it("maps a deal to pipeline:stage, its primary company and first contact, and the close day", () => {
    const deal = dealSchema.parse({
      id: "9",
      properties: {
        dealname: "Retrofit",
        amount: "48000.50",
        dealstage: "closedwon",
        pipeline: "default",
        closedate: "2025-04-15T22:00:00Z",
        deal_currency_code: "EUR",
        hs_lastmodifieddate: "2025-03-01T00:00:00Z",
      },
      associations: { companies: ["512", "513"], contacts: ["151"] },
    });
    expect(mapDeal(deal).values).toEqual({
      name: "Retrofit",
      expected_revenue: 48000.5,
      stage_key: "default:closedwon",
      date_deadline: "2025-04-15",
      company_external_id: "512",
      contact_external_id: "151",
      currency_code: "EUR",
    });
  });

  it("refuses a deal without a stage as a mapping error", () => {
    const deal = dealSchema.parse({
      id: "9",
      properties: { dealname: "x", dealstage: null, hs_lastmodifieddate: "2025-03-01T00:00:00Z" },
    });
    expect(() => mapDeal(deal)).toThrow("the deal has no stage");
  });
});
