// What the review screen lists and sends, without OWL: the rows to review (the proposed fields,
// least sure first, plus the empty fields a corrected class needs), the decisions confirm sends,
// where a row's evidence sits on its page, and the keys of the keyboard flow.
import { _t } from "@web/core/l10n/translation";
import { PARTNER_FIELD, type Evidence, type PageSize, type ProposedField, type ReviewPayload } from "./review_rpc";

export type RowStatus = "pending" | "accepted" | "corrected";

export interface Row {
  name: string;
  label: string;
  /** null: the class needs the field but the AI proposed none */
  proposal: ProposedField | null;
}

/**
 * The proposed fields by rising confidence, then the fields `label`'s class needs that none
 * proposed; a bill always has its vendor row, to pick the vendor when master data matched none.
 */
export function reviewRows(payload: ReviewPayload, label: string | null): Row[] {
  const rows: Row[] = [...payload.fields]
    .sort((a, b) => a.confidence - b.confidence)
    .map((field) => ({ name: field.name, label: field.label, proposal: field }));
  const needed = payload.class?.choices.find((choice) => choice.label === label)?.fields ?? [];
  for (const name of needed) {
    if (!rows.some((row) => row.name === name)) {
      rows.push({ name, label: fieldLabel(name), proposal: null });
    }
  }
  if (payload.document_type.code === "vendor_bill" && !rows.some((row) => row.name === PARTNER_FIELD)) {
    rows.push({ name: PARTNER_FIELD, label: _t("Vendor"), proposal: null });
  }
  return rows;
}

/** "product_interest" → "Product interest", as the server labels proposed fields. */
export function fieldLabel(name: string): string {
  const text = name.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The value the reviewer starts from: their earlier final value, else the proposed one. */
export function initialValue(row: Row): string {
  return row.proposal?.final_value ?? row.proposal?.value ?? "";
}

/** A row is corrected when its value differs from what the AI proposed. */
export function rowStatus(row: Row, value: string, accepted: boolean): RowStatus {
  if (value.trim() !== (row.proposal?.value ?? "")) {
    return "corrected";
  }
  return accepted ? "accepted" : "pending";
}

/** {field name: final value} for the rows whose value differs from the proposal (what confirm sends). */
export function decisionsOf(rows: Row[], values: Record<string, string>): Record<string, string> {
  const decisions: Record<string, string> = {};
  for (const row of rows) {
    const value = (values[row.name] ?? "").trim();
    if (value !== (row.proposal?.value ?? "")) {
      decisions[row.name] = value;
    }
  }
  return decisions;
}

export interface BoxStyle {
  page: number;
  /** CSS percentages of the page: left, top, width, height */
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Where a page box sits on its page, in percentages of the page's size: the box is in the page's
 * own units (points for a PDF, pixels for an image), so the percentages hold at any rendered size.
 * `fallback` gives the page's size when the worker did not report it (the rendered document's own).
 */
export function boxOnPage(evidence: Evidence | null | undefined, pages: PageSize[], fallback?: PageSize): BoxStyle | null {
  if (!evidence || !("box" in evidence)) {
    return null;
  }
  const page = pages.find((candidate) => candidate.number === evidence.page) ?? fallback;
  if (!page || page.width <= 0 || page.height <= 0) {
    return null;
  }
  const [x0, y0, x1, y1] = evidence.box;
  const clamp = (value: number) => Math.min(100, Math.max(0, value));
  return {
    page: evidence.page,
    left: clamp((x0 / page.width) * 100),
    top: clamp((y0 / page.height) * 100),
    width: clamp(((x1 - x0) / page.width) * 100),
    height: clamp(((y1 - y0) / page.height) * 100),
  };
}

/** The text cut around a character span: [before, evidence, after]; null when the span does not fit. */
export function splitAtSpan(text: string, evidence: Evidence | null | undefined): [string, string, string] | null {
  if (!evidence || !("span" in evidence)) {
    return null;
  }
  const [start, end] = evidence.span;
  if (!(start >= 0 && start <= end && end <= text.length)) {
    return null;
  }
  return [text.slice(0, start), text.slice(start, end), text.slice(end)];
}

export function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

/** Bootstrap tone of a confidence: red below half, amber below the type's "review first" threshold. */
export function confidenceTone(confidence: number, threshold: number): "danger" | "warning" | "success" {
  if (confidence < 0.5) {
    return "danger";
  }
  return confidence < threshold ? "warning" : "success";
}

export type KeyCommand = "accept" | "next" | "previous" | "confirm" | "restore" | { candidate: number } | null;

/**
 * The keyboard flow in a field: Enter accepts and moves on, ↓/↑ move, Alt+1…9 takes a candidate,
 * Escape puts the proposed value back, Ctrl+Enter confirms the review. Tab and Shift+Tab move as
 * everywhere in Odoo. Typing corrects.
 */
export function keyCommand(
  event: Pick<KeyboardEvent, "key" | "altKey" | "ctrlKey" | "metaKey" | "shiftKey"> & { code?: string },
): KeyCommand {
  if (event.key === "Enter") {
    if (event.ctrlKey || event.metaKey) {
      return "confirm";
    }
    return event.altKey || event.shiftKey ? null : "accept";
  }
  // the key's code too: Alt+1 types "¡" on a Mac keyboard
  const digit = /^Digit([1-9])$/.exec(event.code ?? "")?.[1] ?? (/^[1-9]$/.test(event.key) ? event.key : null);
  if (event.altKey && digit) {
    return { candidate: Number(digit) - 1 };
  }
  if (event.altKey || event.ctrlKey || event.metaKey) {
    return null;
  }
  if (event.key === "ArrowDown") {
    return "next";
  }
  if (event.key === "ArrowUp") {
    return "previous";
  }
  return event.key === "Escape" ? "restore" : null;
}
