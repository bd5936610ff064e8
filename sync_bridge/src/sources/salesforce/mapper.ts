/**
 * Salesforce records → the canonical values of the Odoo contract. Pure functions: no I/O, no clock.
 * Accounts become companies, Contacts people linked to their account, Leads leads (which Odoo runs
 * through its lead pipeline), Opportunities opportunities whose stage Odoo resolves from the
 * `StageName` (`ops.sync.stage.map`, source "salesforce").
 */
import { countryCode, joinText, websiteOf } from "../primitives";
import type { MappedRecord } from "../source";
import type { SalesforceAccount, SalesforceContact, SalesforceLead, SalesforceOpportunity } from "./schemas";

/** Bump when a mapping below changes meaning. */
export const SALESFORCE_MAPPING_VERSION = 1;

/** An ISO code when the country is recognised, else the value as typed, for Odoo's aliases to resolve or report. */
function country(value: string | null): string | null {
  return countryCode(value) ?? value;
}

/** An Account → `companies` values, with its billing address. */
export function mapAccount(account: SalesforceAccount): MappedRecord {
  return {
    externalId: account.Id,
    values: {
      name: account.Name,
      website: websiteOf(account.Website),
      phone: account.Phone,
      street: account.BillingStreet,
      city: account.BillingCity,
      zip: account.BillingPostalCode,
      country_code: country(account.BillingCountry),
      industry: account.Industry,
    },
    modifiedAt: account.SystemModstamp,
  };
}

/** A Contact → `contacts` values, linked to its account. */
export function mapContact(contact: SalesforceContact): MappedRecord {
  return {
    externalId: contact.Id,
    values: {
      name: joinText(contact.FirstName, contact.LastName) ?? contact.Email ?? `Salesforce contact ${contact.Id}`,
      email: contact.Email,
      phone: contact.Phone,
      function: contact.Title,
      company_external_id: contact.AccountId,
    },
    modifiedAt: contact.SystemModstamp,
  };
}

/** A Lead → `leads` values: the person and company as typed, for the lead pipeline to normalize. */
export function mapLead(lead: SalesforceLead): MappedRecord {
  const person = joinText(lead.FirstName, lead.LastName);
  const title = person && lead.Company ? `${person} (${lead.Company})` : (person ?? lead.Company ?? lead.Email);
  return {
    externalId: lead.Id,
    values: {
      name: title ?? `Salesforce lead ${lead.Id}`,
      contact_name: person,
      partner_name: lead.Company,
      email: lead.Email,
      phone: lead.Phone,
      function: lead.Title,
      website: websiteOf(lead.Website),
      street: lead.Street,
      city: lead.City,
      zip: lead.PostalCode,
      country: lead.Country,
      industry: lead.Industry,
      employees: lead.NumberOfEmployees,
      lead_source: lead.LeadSource,
      description: lead.Description,
      converted: lead.IsConverted,
    },
    modifiedAt: lead.SystemModstamp,
  };
}

/** An Opportunity → `deals` values: its stage by name, its account and primary contact. */
export function mapOpportunity(opportunity: SalesforceOpportunity): MappedRecord {
  return {
    externalId: opportunity.Id,
    values: {
      name: opportunity.Name,
      expected_revenue: opportunity.Amount,
      stage_key: opportunity.StageName,
      date_deadline: opportunity.CloseDate,
      company_external_id: opportunity.AccountId,
      contact_external_id: opportunity.ContactId,
      currency_code: opportunity.CurrencyIsoCode,
    },
    modifiedAt: opportunity.SystemModstamp,
  };
}
