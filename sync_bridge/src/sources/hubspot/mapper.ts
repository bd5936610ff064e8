/**
 * HubSpot records → the canonical values of the Odoo contract. Pure functions: no I/O, no clock.
 * Companies become company partners, contacts people linked to their company, deals
 * opportunities whose stage Odoo resolves from "<pipeline>:<stage>" (`ops.sync.stage.map`).
 */
import { MappingError } from "../../errors";
import { countryCode, isoDay, joinText, websiteOf } from "../primitives";
import type { MappedRecord } from "../source";
import type { HubSpotCompany, HubSpotContact, HubSpotDeal } from "./schemas";

/** Bump when a mapping below changes meaning. */
export const HUBSPOT_MAPPING_VERSION = 2;

/** A HubSpot company → `companies` values. */
export function mapCompany(company: HubSpotCompany): MappedRecord {
  const p = company.properties;
  return {
    externalId: company.id,
    values: {
      name: p.name ?? p.domain ?? `HubSpot company ${company.id}`,
      website: websiteOf(p.domain),
      phone: p.phone,
      street: p.address,
      city: p.city,
      zip: p.zip,
      country_code: countryCode(p.country),
      industry: p.industry,
    },
    modifiedAt: p.hs_lastmodifieddate,
  };
}

/**
 * A HubSpot contact → `contacts` values, linked to its primary company: `associatedcompanyid`,
 * or else the company its v4 associations name.
 */
export function mapContact(contact: HubSpotContact): MappedRecord {
  const p = contact.properties;
  return {
    externalId: contact.id,
    values: {
      name: joinText(p.firstname, p.lastname) ?? p.email ?? `HubSpot contact ${contact.id}`,
      email: p.email,
      phone: p.phone,
      function: p.jobtitle,
      company_external_id: p.associatedcompanyid ?? contact.associations.companies[0] ?? null,
    },
    modifiedAt: p.lastmodifieddate,
  };
}

/**
 * The key Odoo's stage map is looked up with: "<pipeline id>:<stage id>", e.g.
 * "default:closedwon". Stage ids are unique per account, the pipeline keeps keys readable.
 */
export function dealStageKey(pipeline: string | null, stage: string | null): string {
  if (stage === null) throw new MappingError("the deal has no stage (dealstage is empty)");
  return `${pipeline ?? "default"}:${stage}`;
}

/** A HubSpot deal → `deals` values (an opportunity), with its first company and contact. */
export function mapDeal(deal: HubSpotDeal): MappedRecord {
  const p = deal.properties;
  return {
    externalId: deal.id,
    values: {
      name: p.dealname ?? `HubSpot deal ${deal.id}`,
      expected_revenue: p.amount,
      stage_key: dealStageKey(p.pipeline, p.dealstage),
      date_deadline: p.closedate ? isoDay(p.closedate) : null,
      company_external_id: deal.associations.companies[0] ?? null,
      contact_external_id: deal.associations.contacts[0] ?? null,
      currency_code: p.deal_currency_code || null,
    },
    modifiedAt: p.hs_lastmodifieddate,
  };
}
