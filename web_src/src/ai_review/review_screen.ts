// The mandatory review of an AI intake job: the document on one side with the focused field's
// evidence highlighted, the proposed fields on the other, least sure first, reviewed by keyboard
// (Enter accepts, typing corrects, ↓/↑ or Tab move, Alt+1…9 takes a candidate, Ctrl+Enter
// confirms); the vendor is searched among the partners (partner_picker.ts). Nothing is written until the reviewer confirms: then the server creates the draft
// (ops.ai.job.action_confirm_review) and the screen opens it. An Odoo client action (tag
// addon_ops_harmony.ai_review, registered in ../index.ts); template in review_screen.xml.
import { Component, markRaw, onMounted, onPatched, onWillStart, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import type { NotificationService } from "@web/core/notifications/notification_service";
import type { ORM } from "@web/core/orm_service";
import { useService } from "@web/core/utils/hooks";
import type { ActionService } from "@web/webclient/actions/action_service";
import { serverMessage } from "../configurator/configurator_rpc";
import { DocumentView } from "./document_view";
import { PartnerPicker } from "./partner_picker";
import {
  confidenceTone,
  decisionsOf,
  initialValue,
  keyCommand,
  percent,
  reviewRows,
  rowStatus,
  type Row,
  type RowStatus,
} from "./review_rows";
import {
  PARTNER_FIELD,
  confirmReview,
  loadReview,
  type Candidate,
  type Evidence,
  type PartnerHit,
  type ReviewPayload,
} from "./review_rpc";

/** the key of the class selector in the keyboard flow (fields are keyed by their names) */
export const CLASS_KEY = "__class__";
export const QUEUE_ACTION = "addon_ops_harmony.ops_ai_review_queue_action";

interface ReviewState {
  payload: ReviewPayload | null;
  loadError: string;
  label: string | null;
  values: Record<string, string>;
  /** partner id → name, for the vendor row: the proposal's candidates, the job's vendor, the picks */
  partnerNames: Record<string, string>;
  accepted: Record<string, boolean>;
  focused: string;
  error: string;
  submitting: boolean;
}

export class ReviewScreen extends Component {
  static override template = "addon_ops_harmony.AiReviewScreen";
  static components = { DocumentView, PartnerPicker };
  // a client action receives the action service's props (action, actionId, className, ...)
  static override props = ["*"];

  declare orm: ORM;
  declare action: ActionService;
  declare notification: NotificationService;
  declare state: ReviewState;
  declare panel: { el: HTMLElement | null };

  override setup(): void {
    this.orm = useService("orm");
    this.action = useService("action");
    this.notification = useService("notification");
    this.state = useState<ReviewState>({
      payload: null,
      loadError: "",
      label: null,
      values: {},
      partnerNames: {},
      accepted: {},
      focused: "",
      error: "",
      submitting: false,
    });
    this.panel = useRef("panel");
    onWillStart(() => this.load());
    onMounted(() => this.focusKey(this.keys[0]));
    let shownError = "";
    onPatched(() => {
      // a refusal appears under the fields: bring it into view once
      if (this.state.error && this.state.error !== shownError) {
        this.panel.el?.querySelector(".o_ops_ai_review_error")?.scrollIntoView?.({ block: "nearest" });
      }
      shownError = this.state.error;
    });
  }

  get jobId(): number | null {
    const action = (this.props as { action?: { params?: { job_id?: unknown }; context?: { active_id?: unknown } } }).action;
    const id = Number(action?.params?.job_id ?? action?.context?.active_id);
    return Number.isInteger(id) && id > 0 ? id : null;
  }

  async load(): Promise<void> {
    const jobId = this.jobId;
    if (!jobId) {
      this.state.loadError = _t("No job to review: open the review from the job or the review queue.");
      return;
    }
    try {
      const payload = await loadReview(this.orm, jobId);
      this.state.payload = markRaw(payload);
      this.state.label = payload.class?.label || null;
      for (const row of reviewRows(payload, this.state.label)) {
        this.state.values[row.name] = initialValue(row);
      }
      this.knowPartners(payload);
    } catch (error) {
      this.state.loadError = serverMessage(error);
    }
  }

  /** The names of the partner ids the vendor row may show; the job's Vendor field is its starting value. */
  knowPartners(payload: ReviewPayload): void {
    const proposal = payload.fields.find((field) => field.name === PARTNER_FIELD);
    for (const candidate of [...(proposal?.candidates ?? []), ...(proposal ? [proposal] : [])]) {
      if (candidate.value && candidate.raw) {
        this.state.partnerNames[candidate.value] = candidate.raw;
      }
    }
    if (payload.vendor) {
      this.state.partnerNames[String(payload.vendor.id)] = payload.vendor.name;
      this.state.values[PARTNER_FIELD] = String(payload.vendor.id);
    }
  }

  // --- what the template reads

  isPartnerRow(row: Row): boolean {
    return row.name === PARTNER_FIELD;
  }

  /** the vendor row's text: the partner's name, or its id when no name is known */
  partnerLabel(name: string): string {
    const value = this.state.values[name] ?? "";
    return value ? (this.state.partnerNames[value] ?? `#${value}`) : "";
  }

  onPickPartner(name: string, partner: PartnerHit): void {
    this.state.partnerNames[String(partner.id)] = partner.name;
    this.state.values[name] = String(partner.id);
    this.state.error = "";
  }

  get rows(): Row[] {
    return this.state.payload ? reviewRows(this.state.payload, this.state.label) : [];
  }

  /** the keyboard flow's order: the class first (it decides the fields), then the rows */
  get keys(): string[] {
    const rows = this.rows.map((row) => row.name);
    return this.state.payload?.class ? [CLASS_KEY, ...rows] : rows;
  }

  status(row: Row): RowStatus {
    return rowStatus(row, this.state.values[row.name] ?? "", Boolean(this.state.accepted[row.name]));
  }

  get classStatus(): RowStatus {
    const proposed = this.state.payload?.class?.label || null;
    if (this.state.label !== proposed) {
      return "corrected";
    }
    return this.state.accepted[CLASS_KEY] ? "accepted" : "pending";
  }

  get pendingCount(): number {
    const pending = this.rows.filter((row) => this.status(row) === "pending").length;
    return pending + (this.state.payload?.class && this.classStatus === "pending" ? 1 : 0);
  }

  get failedChecks() {
    return this.state.payload?.checks.filter((check) => !check.ok) ?? [];
  }

  get focusedEvidence(): Evidence | null {
    const row = this.rows.find((candidate) => candidate.name === this.state.focused);
    return row?.proposal?.evidence ?? null;
  }

  classConfidence(label: string): string {
    const candidate = this.state.payload?.class?.candidates.find((item) => item.label === label);
    return candidate ? percent(candidate.confidence) : "";
  }

  tone(confidence: number): string {
    return confidenceTone(confidence, this.state.payload?.review_first_below ?? 0.8);
  }

  percent(confidence: number): string {
    return percent(confidence);
  }

  statusLabel(status: RowStatus): string {
    return { pending: _t("To review"), accepted: _t("Accepted"), corrected: _t("Corrected") }[status];
  }

  candidateTitle(candidate: Candidate, index: number): string {
    return _t("Alt+%(key)s: take %(value)s", { key: index + 1, value: this.candidateText(candidate) });
  }

  /** a candidate as the reviewer reads it: "ACME NV (#12)" for a partner, else its value */
  candidateText(candidate: Candidate): string {
    if (candidate.raw && candidate.raw !== candidate.value) {
      return `${candidate.raw} (#${candidate.value})`;
    }
    return candidate.value ?? _t("(empty)");
  }

  /** the raw text read, when it differs from the normalized value */
  rawOf(row: Row): string {
    if (this.isPartnerRow(row)) {
      return ""; // the picker shows the name already
    }
    const raw = row.proposal?.raw;
    return raw && raw !== row.proposal?.value ? raw : "";
  }

  // --- input

  focusKey(key: string | undefined): void {
    if (!key) {
      this.panel.el?.querySelector<HTMLElement>(".o_ops_ai_review_confirm")?.focus();
      return;
    }
    const selector = key === CLASS_KEY ? "select[name='class']" : `input[data-field='${key}']`;
    this.panel.el?.querySelector<HTMLElement>(selector)?.focus();
  }

  move(from: string, step: 1 | -1): void {
    const keys = this.keys;
    const index = keys.indexOf(from);
    const target = keys[index + step];
    if (target !== undefined || step === 1) {
      this.focusKey(target);
    }
  }

  onFocus(key: string): void {
    this.state.focused = key;
  }

  onInput(name: string, ev: Event): void {
    this.state.values[name] = (ev.target as HTMLInputElement).value;
    this.state.error = "";
  }

  onClassChange(ev: Event): void {
    const label = (ev.target as HTMLSelectElement).value || null;
    this.state.label = label;
    for (const row of this.rows) {
      this.state.values[row.name] ??= initialValue(row);
    }
    this.state.error = "";
  }

  takeCandidate(name: string, candidate: Candidate | undefined): void {
    if (candidate) {
      this.state.values[name] = candidate.value ?? "";
      this.state.accepted[name] = true;
      this.focusKey(name);
    }
  }

  onKeydown(key: string, ev: KeyboardEvent): void {
    const command = keyCommand(ev);
    if (!command) {
      return;
    }
    ev.preventDefault();
    ev.stopPropagation();
    if (command === "confirm") {
      void this.onConfirm();
    } else if (command === "accept") {
      this.state.accepted[key] = true;
      this.move(key, 1);
    } else if (command === "next" || command === "previous") {
      this.move(key, command === "next" ? 1 : -1);
    } else if (command === "restore") {
      const row = this.rows.find((candidate) => candidate.name === key);
      this.state.accepted[key] = false;
      if (row) {
        this.state.values[key] = row.proposal?.value ?? "";
      } else if (key === CLASS_KEY) {
        this.state.label = this.state.payload?.class?.label || null;
      }
    } else if (key !== CLASS_KEY) {
      const row = this.rows.find((candidate) => candidate.name === key);
      this.takeCandidate(key, row?.proposal?.candidates[command.candidate]);
    }
  }

  /** Confirm (its button, or Ctrl+Enter): every field reviewed, the server creates the draft and the screen opens it. */
  async onConfirm(): Promise<void> {
    const payload = this.state.payload;
    if (!payload || this.state.submitting) {
      return;
    }
    if (this.pendingCount) {
      this.state.error = _t("%(count)s still to review: accept each with Enter, or correct it, before confirming.", {
        count: this.pendingCount,
      });
      this.focusKey(this.keys.find((key) => (key === CLASS_KEY ? this.classStatus : this.statusOf(key)) === "pending"));
      return;
    }
    const proposedLabel = payload.class?.label || null;
    const label = this.state.label !== proposedLabel ? this.state.label : null;
    this.state.submitting = true;
    this.state.error = "";
    let result: Record<string, unknown> | boolean;
    try {
      result = await confirmReview(this.orm, payload.id, decisionsOf(this.rows, this.state.values), label);
    } catch (error) {
      // caught, so Odoo shows no error dialog of its own: the refusal belongs next to the fields
      this.state.error = serverMessage(error);
      this.state.submitting = false;
      return;
    }
    this.notification.add(_t("Review of %(job)s confirmed.", { job: payload.name }), { type: "success" });
    await this.action.doAction(typeof result === "object" ? result : QUEUE_ACTION, {
      stackPosition: "replaceCurrentAction",
    });
  }

  statusOf(name: string): RowStatus | null {
    const row = this.rows.find((candidate) => candidate.name === name);
    return row ? this.status(row) : null;
  }

  backToQueue(): Promise<unknown> {
    return this.action.doAction(QUEUE_ACTION);
  }
}
