/**
 * Data minimization: what an external provider may receive of a document. The rule, per type:
 *
 * - vendor_bill: the text of the first 3 pages, at most 12 000 characters. Not the file name,
 *   not the e-mail it came with, not its sender.
 * - inbound_request: the text the worker reads (the From and Subject lines, which hold the contact
 *   fields the type asks for, then the body), at most 8 000 characters.
 * - Never: the job or record ids, Odoo's data (partners, other jobs), other documents or attachments,
 *   the page geometry. One document per request; the prompt template is the only other text.
 *
 * The text sent is a prefix of the job's text, so quotes found in it have the same offsets in both.
 */
import type { IntakeDocument } from "../document";

export interface MinimizeRule {
  /** Pages of a PDF sent, from the first. */
  pages: number;
  /** Characters sent at most. */
  chars: number;
}

export const MINIMIZE_RULES: Readonly<Record<string, MinimizeRule>> = {
  vendor_bill: { pages: 3, chars: 12_000 },
  inbound_request: { pages: 1, chars: 8_000 },
};

export interface MinimizedText {
  text: string;
  /** True when pages or characters were left out. */
  cut: boolean;
  rule: MinimizeRule;
}

/** The prefix of `document`'s text a provider may read for `documentType`; null for a type without a rule. */
export function minimizedText(documentType: string, document: IntakeDocument): MinimizedText | null {
  const rule = MINIMIZE_RULES[documentType];
  if (!rule) return null;
  let end = document.text.length;
  const beyond = document.segments.find((segment) => segment.page > rule.pages);
  if (beyond) end = Math.min(end, beyond.start);
  end = Math.min(end, rule.chars);
  // never cut a surrogate pair in two
  if (end > 0 && end < document.text.length && /[\ud800-\udbff]/.test(document.text[end - 1] ?? "")) end--;
  return { text: document.text.slice(0, end).trimEnd(), cut: end < document.text.length, rule };
}
