/**
 * The fields of an inbound request (an e-mail): the contact (name from the From header or the
 * signature, e-mail, phone in E.164, company) and the fields of its class. Spans point into the
 * text `requestText` builds. Scores are raw, not calibrated.
 */
import type { CountryCode } from "libphonenumber-js";
import type { Candidate } from "./candidates/candidate";
import { emailCandidates, phoneCandidates } from "./candidates/contacts";
import { amountCandidates } from "./candidates/amounts";
import { dateCandidates } from "./candidates/dates";
import { matchesOf } from "./candidates/candidate";
import { plainDocument } from "./document";
import { chooseField, type Scored } from "./field_choice";
import type { RequestClass } from "./request_keywords";
import type { ProposedField } from "./result";

/** The text of a request as the worker reads it and Odoo stores it: sender, subject, then the body. */
export function requestText(sender: string | null, subject: string | null, body: string): string {
  return `From: ${sender ?? ""}\nSubject: ${subject ?? ""}\n\n${body}`;
}

const CLOSINGS =
  /^(?:best regards|kind regards|regards|best|thanks|thank you|many thanks|cheers|sincerely|cordialement|bien cordialement|bien a vous|bien à vous|merci|mit freundlichen grüßen|mit freundlichen grussen|viele grüße|beste grüße|gruß|saludos|saludos cordiales|atentamente|un saludo|gracias)[,.!]?$/iu;
const LEGAL_FORM = /(?<![\p{L}])(?:GmbH|AG|SAS|SARL|SA|S\.A\.|S\.L\.|SL|Ltd\.?|Limited|LLC|Inc\.?|Corp\.?|BV|plc|KG)(?![\p{L}])/u;
const PERSON = /^\p{Lu}[\p{L}'-]+(?: \p{Lu}[\p{L}'-]+){1,3}$/u;

function candidate(start: number, raw: string, generator: string, value = raw): Candidate {
  return { raw, value, start, end: start + raw.length, generator, validity: 1 };
}

/** The lines after a closing formula: name, then maybe role and company. */
function signature(text: string): { start: number; lines: { text: string; start: number }[] } | null {
  const lines: { text: string; start: number }[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    lines.push({ text: line, start: offset });
    offset += line.length + 1;
  }
  for (let index = lines.length - 1; index >= 0; index--) {
    if (CLOSINGS.test((lines[index] as { text: string }).text.trim())) {
      const after = lines.slice(index + 1, index + 6).filter((line) => line.text.trim() !== "");
      return { start: (lines[index] as { start: number }).start, lines: after };
    }
  }
  return null;
}

function contactFields(text: string, defaultCountry: CountryCode | undefined): Map<string, Scored[]> {
  const fields = new Map<string, Scored[]>();
  const push = (name: string, entry: Scored) => fields.set(name, [...(fields.get(name) ?? []), entry]);
  const from = /^From: (?:"?([^"<\n]+?)"?\s*)?<?([^<>\s]+@[^<>\s]+?)>?$/mu.exec(text);
  if (from?.[1] && PERSON.test(from[1].trim()))
    push("contact_name", { candidate: candidate(from.index + 6, from[1].trim(), "from_header"), score: 0.8 });
  const sig = signature(text);
  const nameLine = sig?.lines[0];
  if (nameLine && PERSON.test(nameLine.text.trim())) {
    const raw = nameLine.text.trim();
    push("contact_name", { candidate: candidate(nameLine.start + nameLine.text.indexOf(raw), raw, "signature"), score: 0.85 });
  }
  for (const line of sig?.lines.slice(1) ?? []) {
    const raw = line.text.trim();
    if (LEGAL_FORM.test(raw) && !/[@\d]/.test(raw))
      push("company", { candidate: candidate(line.start + line.text.indexOf(raw), raw, "signature"), score: 0.8 });
  }
  const emails = emailCandidates(text);
  emails.forEach((email, index) =>
    push("email", { candidate: email, score: index === 0 && text.startsWith("From:") ? 0.95 : 0.6 }),
  );
  for (const phone of phoneCandidates(text, defaultCountry))
    push("phone", { candidate: phone, score: (sig && phone.start > sig.start ? 0.9 : 0.7) * phone.validity });
  return fields;
}

/** The text after a phrase (up to the end of its sentence), as a candidate. */
function after(text: string, phrases: RegExp, generator: string, score: number): Scored[] {
  const found: Scored[] = [];
  for (const match of matchesOf(new RegExp(`(?:${phrases.source})\\s*:?\\s*([^.!?\\n,;]{2,80})`, "giu"), text)) {
    const raw = (match[1] ?? "").trim().replace(/[,;]$/, "");
    found.push({ candidate: candidate(match.index + match[0].indexOf(raw), raw, generator), score });
  }
  return found;
}

function classFields(text: string, label: RequestClass, dayOrder: "dmy" | "mdy"): Map<string, Scored[]> {
  const fields = new Map<string, Scored[]>();
  if (label === "sales_lead") {
    fields.set(
      "product_interest",
      after(
        text,
        /interested in|interest(?:ed)? for|quote for|pricing for|intéressée? par|devis pour|interessiert an|angebot für|interesad[oa] en|cotización (?:para|de)/,
        "after_phrase",
        0.7,
      ),
    );
  } else if (label === "procurement_request") {
    const quantities = [...matchesOf(/(\d[\d.,]*)\s*(?:x\s+|units?|pcs|pieces|unités|Stück|unidades)/iu, text)].map((match) => ({
      candidate: candidate(match.index, match[1] ?? "", "quantity"),
      score: 0.75,
    }));
    fields.set("quantity", quantities);
    fields.set("item", after(text, /\d+\s*(?:x|units? of|pcs of|pieces of|unités de|Stück|unidades de)/, "after_quantity", 0.7));
    const budget = amountCandidates(text).map((amount) => {
      const before = text.slice(Math.max(0, amount.start - 40), amount.start).toLowerCase();
      return { candidate: amount, score: /budget|presupuesto|enveloppe|max/.test(before) ? 0.85 : 0.3 };
    });
    fields.set("budget", budget);
  } else if (label === "support_case") {
    const refs = [
      ...matchesOf(
        /(?:order|commande|bestellung|auftrag|pedido|ticket|invoice|facture|rechnung|factura)\s*(?:#|no\.?|n[°º]|nr\.?|número|number)?\s*:?\s*([A-Z]{0,4}[-/]?\d[\dA-Z\-/]{2,})/iu,
        text,
      ),
    ].map((match) => ({
      candidate: candidate(match.index + match[0].lastIndexOf(match[1] ?? ""), match[1] ?? "", "order_reference"),
      score: 0.85,
    }));
    fields.set("order_reference", refs);
    const subject = /^Subject: (.+)$/mu.exec(text);
    if (subject?.[1])
      fields.set("issue", [{ candidate: candidate(subject.index + 9, subject[1].trim(), "subject"), score: 0.6 }]);
  } else if (label === "onboarding_request") {
    fields.set(
      "employee_name",
      after(
        text,
        /new hire|new employee|nouvel(?:le)? (?:employée?|recrue|collaborat(?:eur|rice))|neue[rn]? (?:Mitarbeiter(?:in)?|Kolleg(?:e|in))|nuev[oa] (?:emplead[oa]|incorporación)/,
        "after_phrase",
        0.5,
      ).flatMap((entry) => {
        const name = /\p{Lu}[\p{L}'-]+(?: \p{Lu}[\p{L}'-]+){1,2}/u.exec(entry.candidate.raw);
        return name ? [{ candidate: candidate(entry.candidate.start + name.index, name[0], "after_phrase"), score: 0.75 }] : [];
      }),
    );
    fields.set(
      "start_date",
      dateCandidates(text, dayOrder).map((date) => {
        const before = text.slice(Math.max(0, date.start - 50), date.start).toLowerCase();
        return {
          candidate: date,
          score:
            (/start|begin|join|commence|arriv|beginnt|anfang|empieza|comienza|incorpora/.test(before) ? 0.85 : 0.4) *
            date.validity,
        };
      }),
    );
    fields.set("role", after(text, /as (?:an?|our)|en tant que|au poste de|als|como/, "after_phrase", 0.6));
  }
  return fields;
}

/** The proposed fields of a request of class `label`, read from `text` (see `requestText`). */
export function extractRequestFields(
  text: string,
  label: RequestClass,
  options: { defaultCountry?: CountryCode; dayOrder?: "dmy" | "mdy" } = {},
): ProposedField[] {
  const document = plainDocument(text);
  const all = new Map([...contactFields(text, options.defaultCountry), ...classFields(text, label, options.dayOrder ?? "dmy")]);
  return [...all.entries()].flatMap(([name, scored]) => {
    const field = chooseField(document, name, scored);
    return field ? [field] : [];
  });
}
