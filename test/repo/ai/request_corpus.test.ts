import { parsePhoneNumberWithError } from "libphonenumber-js";
import {
  CLASS_FIELDS,
  CONTACT_FIELDS,
  REQUEST_CLASSES,
  languagesOf,
  loadRequests,
  type RequestEmail,
} from "../../support/ai/corpus";

const train = loadRequests("train");
const heldout = loadRequests("heldout");
const all = [...train, ...heldout];

/** Everything a reader of the email sees: subject, sender line and body. */
function textOf(email: RequestEmail): string {
  return `${email.subject}\n${email.from}\n${email.body}`;
}

/** Digit runs that look like phone numbers, digits only. */
function phoneRuns(text: string): string[] {
  return (text.match(/\+?\(?\d[\d ().\-/]{5,}\d/g) ?? []).map((run) => run.replace(/\D/g, ""));
}

describe("labelled request emails", () => {
  test("the corpus holds at least 250 emails, every class in both splits", () => {
    expect(all.length).toBeGreaterThanOrEqual(250);
    for (const split of [train, heldout]) {
      const classes = new Set(split.map((email) => email.expect.class));
      expect([...classes].sort()).toEqual([...REQUEST_CLASSES].sort());
    }
    for (const label of REQUEST_CLASSES) {
      expect(heldout.filter((email) => email.expect.class === label).length).toBeGreaterThanOrEqual(8);
    }
  });

  test("English, French, German and Spanish are each present in both splits", () => {
    for (const split of [train, heldout]) {
      const languages = new Set(split.flatMap(languagesOf));
      for (const lang of ["en", "fr", "de", "es"]) expect(languages).toContain(lang);
    }
  });

  test("ids are unique across splits, and no body appears twice", () => {
    expect(new Set(all.map((email) => email.id)).size).toBe(all.length);
    expect(new Set(all.map((email) => email.body)).size).toBe(all.length);
  });

  test("each email expects only the contact fields and its own class's fields", () => {
    for (const email of all) {
      const allowed = new Set<string>([...CONTACT_FIELDS, ...CLASS_FIELDS[email.expect.class]]);
      const extra = Object.keys(email.expect.fields).filter((name) => !allowed.has(name));
      expect({ id: email.id, extra }).toEqual({ id: email.id, extra: [] });
    }
  });

  test("text fields are quoted from the email as written", () => {
    const quoted = [
      "contact_name",
      "email",
      "company",
      "product_interest",
      "item",
      "order_reference",
      "issue",
      "employee_name",
      "role",
    ];
    for (const email of all) {
      const text = textOf(email).toLowerCase();
      for (const name of quoted) {
        const value = email.expect.fields[name];
        if (value !== undefined)
          expect({ id: email.id, name, found: text.includes(value.toLowerCase()) }).toEqual({ id: email.id, name, found: true });
      }
    }
  });

  test("phones are E.164 and their national digits occur in the body", () => {
    const withPhone = all.filter((email) => email.expect.fields.phone !== undefined);
    expect(withPhone.length).toBeGreaterThanOrEqual(60);
    for (const email of withPhone) {
      const phone = email.expect.fields.phone ?? "";
      expect(phone).toMatch(/^\+[1-9]\d{6,14}$/);
      const national = parsePhoneNumberWithError(phone).nationalNumber;
      const found = phoneRuns(email.body).some((run) => run.endsWith(national));
      expect({ id: email.id, phone, found }).toEqual({ id: email.id, phone, found: true });
    }
  });

  test("quantities, budgets and start dates are normalized and occur in the text", () => {
    for (const email of all) {
      const { quantity, budget, start_date: startDate } = email.expect.fields;
      const text = textOf(email);
      if (quantity !== undefined) {
        expect(quantity).toMatch(/^[1-9]\d*$/);
        expect({ id: email.id, found: new RegExp(`(?<!\\d)${quantity}(?!\\d)`).test(text) }).toEqual({
          id: email.id,
          found: true,
        });
      }
      if (budget !== undefined) {
        expect(budget).toMatch(/^\d+\.\d{2}$/);
        const whole = budget.split(".")[0] ?? "";
        expect({ id: email.id, found: text.replace(/[\s,.'\u202f]/g, "").includes(whole) }).toEqual({
          id: email.id,
          found: true,
        });
      }
      if (startDate !== undefined) {
        expect(new Date(`${startDate}T00:00:00Z`).toISOString().slice(0, 10)).toBe(startDate);
        const [year = "", , day = ""] = startDate.split("-");
        expect({ id: email.id, found: text.includes(year) && text.includes(String(Number(day))) }).toEqual({
          id: email.id,
          found: true,
        });
      }
    }
  });

  test("the held-out split has what the training split lacks: mixed languages and German or Spanish forwards", () => {
    const mixed = (email: RequestEmail) => email.lang.includes("+");
    const foreignForward = (email: RequestEmail) => email.tone === "forwarded" && ["de", "es"].includes(email.lang);
    expect(train.filter(mixed)).toEqual([]);
    expect(train.filter(foreignForward).map((email) => email.id)).toEqual([]);
    expect(heldout.filter(mixed).length).toBeGreaterThanOrEqual(10);
    expect(heldout.filter(foreignForward).length).toBeGreaterThanOrEqual(6);
  });

  test("hard negatives are labelled other: auto-replies, newsletters, misdirected invoices, spam", () => {
    for (const tone of ["auto", "newsletter", "wrong-alias", "spam"]) {
      const emails = all.filter((email) => email.tone === tone);
      expect(emails.length).toBeGreaterThanOrEqual(4);
      expect(new Set(emails.map((email) => email.expect.class))).toEqual(new Set(["other"]));
    }
  });
});
