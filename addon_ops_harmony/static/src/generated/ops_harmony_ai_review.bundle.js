/* generated — do not edit: built from web_src by scripts/build/build_web.mjs (npm run build) */

// web_src/src/ai_review/review_screen.ts
import { Component as Component3, markRaw as markRaw2, onMounted as onMounted2, onPatched as onPatched2, onWillStart, useRef as useRef2, useState as useState3 } from "@odoo/owl";

// odoo-runtime:@web/core/l10n/translation
import { _t } from "@web/core/l10n/translation";

// web_src/src/ai_review/review_screen.ts
import { useService as useService2 } from "@web/core/utils/hooks";

// web_src/src/configurator/configurator_rpc.ts
function serverMessage(error) {
  const rpcError = typeof error === "object" && error !== null ? error : {};
  const text = [rpcError.data?.message, rpcError.message].find(
    (candidate) => typeof candidate === "string" && candidate.trim() !== ""
  );
  return text?.trim() ?? _t("The server could not be reached. Please try again.");
}

// web_src/src/ai_review/document_view.ts
import { Component, markRaw, onMounted, onPatched, onWillUnmount, status, useRef, useState } from "@odoo/owl";
import { loadPDFJSAssets } from "@web/core/utils/pdfjs";

// web_src/src/ai_review/review_rpc.ts
var JOB_MODEL = "ops.ai.job";
var PARTNER_FIELD = "partner_id";
var PARTNER_SEARCH_LIMIT = 8;
function loadReview(orm, jobId) {
  return orm.call(JOB_MODEL, "review_payload", [[jobId]]);
}
function confirmReview(orm, jobId, decisions, label) {
  const kwargs = { decisions };
  if (label) {
    kwargs.label = label;
  }
  return orm.call(JOB_MODEL, "action_confirm_review", [[jobId]], kwargs);
}
async function searchPartners(orm, query, companyId) {
  const text = query.trim();
  const domain = ["|", ["complete_name", "ilike", text], ["vat", "ilike", text]];
  if (companyId) {
    domain.unshift("&", ["company_id", "in", [companyId, false]]);
  }
  const answer = await orm.call(
    "res.partner",
    "web_search_read",
    [],
    { domain, specification: { display_name: {}, vat: {} }, limit: PARTNER_SEARCH_LIMIT }
  );
  return answer.records.map((record) => ({ id: record.id, name: record.display_name, vat: record.vat || null }));
}

// web_src/src/ai_review/review_rows.ts
function reviewRows(payload, label) {
  const rows = [...payload.fields].sort((a, b) => a.confidence - b.confidence).map((field) => ({ name: field.name, label: field.label, proposal: field }));
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
function fieldLabel(name) {
  const text = name.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
function initialValue(row) {
  return row.proposal?.final_value ?? row.proposal?.value ?? "";
}
function rowStatus(row, value, accepted) {
  if (value.trim() !== (row.proposal?.value ?? "")) {
    return "corrected";
  }
  return accepted ? "accepted" : "pending";
}
function decisionsOf(rows, values) {
  const decisions = {};
  for (const row of rows) {
    const value = (values[row.name] ?? "").trim();
    if (value !== (row.proposal?.value ?? "")) {
      decisions[row.name] = value;
    }
  }
  return decisions;
}
function boxOnPage(evidence, pages, fallback) {
  if (!evidence || !("box" in evidence)) {
    return null;
  }
  const page = pages.find((candidate) => candidate.number === evidence.page) ?? fallback;
  if (!page || page.width <= 0 || page.height <= 0) {
    return null;
  }
  const [x0, y0, x1, y1] = evidence.box;
  const clamp = (value) => Math.min(100, Math.max(0, value));
  return {
    page: evidence.page,
    left: clamp(x0 / page.width * 100),
    top: clamp(y0 / page.height * 100),
    width: clamp((x1 - x0) / page.width * 100),
    height: clamp((y1 - y0) / page.height * 100)
  };
}
function splitAtSpan(text, evidence) {
  if (!evidence || !("span" in evidence)) {
    return null;
  }
  const [start, end] = evidence.span;
  if (!(start >= 0 && start <= end && end <= text.length)) {
    return null;
  }
  return [text.slice(0, start), text.slice(start, end), text.slice(end)];
}
function percent(confidence) {
  return `${Math.round(confidence * 100)}%`;
}
function confidenceTone(confidence, threshold) {
  if (confidence < 0.5) {
    return "danger";
  }
  return confidence < threshold ? "warning" : "success";
}
function keyCommand(event) {
  if (event.key === "Enter") {
    if (event.ctrlKey || event.metaKey) {
      return "confirm";
    }
    return event.altKey || event.shiftKey ? null : "accept";
  }
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

// web_src/src/ai_review/document_view.ts
var MAX_PAGES = 30;
var WORKER_SRC = "/web/static/lib/pdfjs/build/pdf.worker.js";
var DocumentView = class extends Component {
  static template = "addon_ops_harmony.AiReviewDocument";
  static props = {
    kind: { type: String },
    attachmentId: { type: [Number, { value: null }] },
    text: { type: String },
    pages: { type: Array },
    evidence: { type: [Object, { value: null }] }
  };
  setup() {
    this.state = useState({ pdfPages: [], pageCount: 0, imageSize: null, error: "", loading: false });
    this.root = useRef("root");
    this.pdf = null;
    this.pdfPageObjects = /* @__PURE__ */ new Map();
    this.drawn = /* @__PURE__ */ new Set();
    this.shownEvidence = "";
    onMounted(() => {
      if (this.props.kind === "pdf") {
        void this.loadPdf();
      }
      this.afterRender();
    });
    onPatched(() => this.afterRender());
    onWillUnmount(() => {
      void this.pdf?.destroy();
    });
  }
  get url() {
    return this.props.kind === "image" ? `/web/image/${this.props.attachmentId}` : `/web/content/${this.props.attachmentId}`;
  }
  async loadPdf() {
    if (!this.props.attachmentId) {
      return;
    }
    this.state.loading = true;
    try {
      await loadPDFJSAssets();
      const lib = globalThis.pdfjsLib;
      if (!lib) {
        throw new Error(_t("Odoo's PDF reader did not load."));
      }
      lib.GlobalWorkerOptions.workerSrc ||= WORKER_SRC;
      const pdf = await lib.getDocument(this.url).promise;
      if (status(this) === "destroyed") {
        await pdf.destroy();
        return;
      }
      this.pdf = markRaw(pdf);
      const pages = [];
      for (let number = 1; number <= Math.min(pdf.numPages, MAX_PAGES); number++) {
        const page = await pdf.getPage(number);
        const { width, height } = page.getViewport({ scale: 1 });
        this.pdfPageObjects.set(number, markRaw(page));
        pages.push({ number, width, height, unit: "pt" });
      }
      this.state.pageCount = pdf.numPages;
      this.state.pdfPages = pages;
    } catch (error) {
      this.state.error = _t("The PDF could not be shown: %(reason)s", {
        reason: error instanceof Error ? error.message : String(error)
      });
    } finally {
      this.state.loading = false;
    }
  }
  /** Draws the pages not drawn yet, and brings a new evidence into view. */
  afterRender() {
    const el = this.root.el;
    if (!el) {
      return;
    }
    for (const canvas of el.querySelectorAll("canvas[data-page]")) {
      const number = Number(canvas.dataset.page);
      if (!this.drawn.has(number)) {
        this.drawn.add(number);
        void this.drawPage(canvas, number);
      }
    }
    const key = JSON.stringify(this.props.evidence);
    if (key !== this.shownEvidence) {
      this.shownEvidence = key;
      el.querySelector(".o_ops_ai_review_evidence")?.scrollIntoView?.({ block: "center", behavior: "smooth" });
    }
  }
  async drawPage(canvas, number) {
    const page = this.pdfPageObjects.get(number);
    const context = canvas.getContext("2d");
    if (!page || !context) {
      return;
    }
    const natural = page.getViewport({ scale: 1 });
    const scale = (canvas.clientWidth || natural.width) / natural.width * (globalThis.devicePixelRatio || 1);
    const viewport = page.getViewport({ scale });
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    await page.render({ canvasContext: context, viewport }).promise;
  }
  onImageLoad(ev) {
    const image = ev.target;
    this.state.imageSize = { number: 1, width: image.naturalWidth, height: image.naturalHeight, unit: "px" };
  }
  // --- what the template reads
  /** The focused evidence's box on `page` (in percentages of the page), or null. */
  boxOn(page) {
    const box = boxOnPage(this.props.evidence, this.props.pages, page);
    return box && box.page === page.number ? box : null;
  }
  boxStyle(box) {
    return `left: ${box.left}%; top: ${box.top}%; width: ${box.width}%; height: ${box.height}%;`;
  }
  pageStyle(page) {
    return `aspect-ratio: ${page.width} / ${page.height};`;
  }
  get imagePage() {
    return this.props.pages[0] ?? this.state.imageSize ?? { number: 1, width: 1, height: 1 };
  }
  get textParts() {
    return splitAtSpan(this.props.text, this.props.evidence);
  }
  get morePages() {
    return this.state.pageCount > MAX_PAGES ? _t("The first %(shown)s of %(count)s pages are shown.", { shown: MAX_PAGES, count: this.state.pageCount }) : "";
  }
};

// web_src/src/ai_review/partner_picker.ts
import { Component as Component2, onWillUnmount as onWillUnmount2, useState as useState2 } from "@odoo/owl";
import { useService } from "@web/core/utils/hooks";
var SEARCH_DELAY = 200;
var PartnerPicker = class extends Component2 {
  static template = "addon_ops_harmony.AiReviewPartnerPicker";
  static props = {
    inputId: String,
    field: String,
    label: String,
    companyId: { type: Number, optional: true },
    readonly: Boolean,
    onPick: Function,
    onFocus: Function,
    onKeydown: Function
  };
  setup() {
    this.orm = useService("orm");
    this.state = useState2({ query: null, results: [], open: false, active: 0, searching: false, error: "" });
    this.timer = void 0;
    this.sequence = 0;
    onWillUnmount2(() => clearTimeout(this.timer));
  }
  get pickerProps() {
    return this.props;
  }
  get inputValue() {
    return this.state.query ?? this.pickerProps.label;
  }
  get listId() {
    return `${this.pickerProps.inputId}_list`;
  }
  optionId(index) {
    return `${this.listId}_${index}`;
  }
  get activeId() {
    return this.state.open && this.state.results.length ? this.optionId(this.state.active) : false;
  }
  onInput(ev) {
    const query = ev.target.value;
    this.state.query = query;
    clearTimeout(this.timer);
    if (!query.trim()) {
      this.close();
      this.state.query = query;
      return;
    }
    this.timer = setTimeout(() => void this.search(), SEARCH_DELAY);
  }
  /** Runs the search for the typed text now; a slower answer to an earlier text is dropped. */
  async search() {
    clearTimeout(this.timer);
    const query = this.state.query;
    if (query === null || !query.trim()) {
      return;
    }
    const sequence = ++this.sequence;
    this.state.searching = true;
    let results = [];
    let error = "";
    try {
      results = await searchPartners(this.orm, query, this.pickerProps.companyId ?? null);
    } catch (caught) {
      error = serverMessage(caught);
    }
    if (sequence !== this.sequence || this.state.query === null) {
      return;
    }
    Object.assign(this.state, { results, error, open: true, active: 0, searching: false });
  }
  pick(partner) {
    if (!partner) {
      return;
    }
    this.close();
    this.pickerProps.onPick(partner);
  }
  /** Closes the list and forgets the typed text: the input shows the picked partner again. */
  close() {
    clearTimeout(this.timer);
    this.sequence++;
    Object.assign(this.state, { query: null, results: [], open: false, active: 0, searching: false, error: "" });
  }
  onKeydown(ev) {
    const typing = this.state.query !== null;
    const plain = !(ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey);
    if (this.state.open && plain && ["ArrowDown", "ArrowUp", "Enter", "Escape"].includes(ev.key)) {
      ev.preventDefault();
      ev.stopPropagation();
      const last = this.state.results.length - 1;
      if (ev.key === "ArrowDown") {
        this.state.active = Math.min(this.state.active + 1, Math.max(last, 0));
      } else if (ev.key === "ArrowUp") {
        this.state.active = Math.max(this.state.active - 1, 0);
      } else if (ev.key === "Enter") {
        this.pick(this.state.results[this.state.active]);
      } else {
        this.close();
      }
      return;
    }
    if (typing && plain && (ev.key === "Enter" || ev.key === "Escape")) {
      ev.preventDefault();
      ev.stopPropagation();
      if (ev.key === "Enter") {
        void this.search();
      } else {
        this.close();
      }
      return;
    }
    this.pickerProps.onKeydown(ev);
  }
  onBlur() {
    this.close();
  }
  vatText(partner) {
    return partner.vat ?? _t("no VAT");
  }
};

// web_src/src/ai_review/review_screen.ts
var CLASS_KEY = "__class__";
var QUEUE_ACTION = "addon_ops_harmony.ops_ai_review_queue_action";
var ReviewScreen = class extends Component3 {
  static template = "addon_ops_harmony.AiReviewScreen";
  static components = { DocumentView, PartnerPicker };
  // a client action receives the action service's props (action, actionId, className, ...)
  static props = ["*"];
  setup() {
    this.orm = useService2("orm");
    this.action = useService2("action");
    this.notification = useService2("notification");
    this.state = useState3({
      payload: null,
      loadError: "",
      label: null,
      values: {},
      partnerNames: {},
      accepted: {},
      focused: "",
      error: "",
      submitting: false
    });
    this.panel = useRef2("panel");
    onWillStart(() => this.load());
    onMounted2(() => this.focusKey(this.keys[0]));
    let shownError = "";
    onPatched2(() => {
      if (this.state.error && this.state.error !== shownError) {
        this.panel.el?.querySelector(".o_ops_ai_review_error")?.scrollIntoView?.({ block: "nearest" });
      }
      shownError = this.state.error;
    });
  }
  get jobId() {
    const action = this.props.action;
    const id = Number(action?.params?.job_id ?? action?.context?.active_id);
    return Number.isInteger(id) && id > 0 ? id : null;
  }
  async load() {
    const jobId = this.jobId;
    if (!jobId) {
      this.state.loadError = _t("No job to review: open the review from the job or the review queue.");
      return;
    }
    try {
      const payload = await loadReview(this.orm, jobId);
      this.state.payload = markRaw2(payload);
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
  knowPartners(payload) {
    const proposal = payload.fields.find((field) => field.name === PARTNER_FIELD);
    for (const candidate of [...proposal?.candidates ?? [], ...proposal ? [proposal] : []]) {
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
  isPartnerRow(row) {
    return row.name === PARTNER_FIELD;
  }
  /** the vendor row's text: the partner's name, or its id when no name is known */
  partnerLabel(name) {
    const value = this.state.values[name] ?? "";
    return value ? this.state.partnerNames[value] ?? `#${value}` : "";
  }
  onPickPartner(name, partner) {
    this.state.partnerNames[String(partner.id)] = partner.name;
    this.state.values[name] = String(partner.id);
    this.state.error = "";
  }
  get rows() {
    return this.state.payload ? reviewRows(this.state.payload, this.state.label) : [];
  }
  /** the keyboard flow's order: the class first (it decides the fields), then the rows */
  get keys() {
    const rows = this.rows.map((row) => row.name);
    return this.state.payload?.class ? [CLASS_KEY, ...rows] : rows;
  }
  status(row) {
    return rowStatus(row, this.state.values[row.name] ?? "", Boolean(this.state.accepted[row.name]));
  }
  get classStatus() {
    const proposed = this.state.payload?.class?.label || null;
    if (this.state.label !== proposed) {
      return "corrected";
    }
    return this.state.accepted[CLASS_KEY] ? "accepted" : "pending";
  }
  get pendingCount() {
    const pending = this.rows.filter((row) => this.status(row) === "pending").length;
    return pending + (this.state.payload?.class && this.classStatus === "pending" ? 1 : 0);
  }
  get failedChecks() {
    return this.state.payload?.checks.filter((check) => !check.ok) ?? [];
  }
  get focusedEvidence() {
    const row = this.rows.find((candidate) => candidate.name === this.state.focused);
    return row?.proposal?.evidence ?? null;
  }
  classConfidence(label) {
    const candidate = this.state.payload?.class?.candidates.find((item) => item.label === label);
    return candidate ? percent(candidate.confidence) : "";
  }
  tone(confidence) {
    return confidenceTone(confidence, this.state.payload?.review_first_below ?? 0.8);
  }
  percent(confidence) {
    return percent(confidence);
  }
  statusLabel(status2) {
    return { pending: _t("To review"), accepted: _t("Accepted"), corrected: _t("Corrected") }[status2];
  }
  candidateTitle(candidate, index) {
    return _t("Alt+%(key)s: take %(value)s", { key: index + 1, value: this.candidateText(candidate) });
  }
  /** a candidate as the reviewer reads it: "ACME NV (#12)" for a partner, else its value */
  candidateText(candidate) {
    if (candidate.raw && candidate.raw !== candidate.value) {
      return `${candidate.raw} (#${candidate.value})`;
    }
    return candidate.value ?? _t("(empty)");
  }
  /** the raw text read, when it differs from the normalized value */
  rawOf(row) {
    if (this.isPartnerRow(row)) {
      return "";
    }
    const raw = row.proposal?.raw;
    return raw && raw !== row.proposal?.value ? raw : "";
  }
  // --- input
  focusKey(key) {
    if (!key) {
      this.panel.el?.querySelector(".o_ops_ai_review_confirm")?.focus();
      return;
    }
    const selector = key === CLASS_KEY ? "select[name='class']" : `input[data-field='${key}']`;
    this.panel.el?.querySelector(selector)?.focus();
  }
  move(from, step) {
    const keys = this.keys;
    const index = keys.indexOf(from);
    const target = keys[index + step];
    if (target !== void 0 || step === 1) {
      this.focusKey(target);
    }
  }
  onFocus(key) {
    this.state.focused = key;
  }
  onInput(name, ev) {
    this.state.values[name] = ev.target.value;
    this.state.error = "";
  }
  onClassChange(ev) {
    const label = ev.target.value || null;
    this.state.label = label;
    for (const row of this.rows) {
      this.state.values[row.name] ??= initialValue(row);
    }
    this.state.error = "";
  }
  takeCandidate(name, candidate) {
    if (candidate) {
      this.state.values[name] = candidate.value ?? "";
      this.state.accepted[name] = true;
      this.focusKey(name);
    }
  }
  onKeydown(key, ev) {
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
  async onConfirm() {
    const payload = this.state.payload;
    if (!payload || this.state.submitting) {
      return;
    }
    if (this.pendingCount) {
      this.state.error = _t("%(count)s still to review: accept each with Enter, or correct it, before confirming.", {
        count: this.pendingCount
      });
      this.focusKey(this.keys.find((key) => (key === CLASS_KEY ? this.classStatus : this.statusOf(key)) === "pending"));
      return;
    }
    const proposedLabel = payload.class?.label || null;
    const label = this.state.label !== proposedLabel ? this.state.label : null;
    this.state.submitting = true;
    this.state.error = "";
    let result;
    try {
      result = await confirmReview(this.orm, payload.id, decisionsOf(this.rows, this.state.values), label);
    } catch (error) {
      this.state.error = serverMessage(error);
      this.state.submitting = false;
      return;
    }
    this.notification.add(_t("Review of %(job)s confirmed.", { job: payload.name }), { type: "success" });
    await this.action.doAction(typeof result === "object" ? result : QUEUE_ACTION, {
      stackPosition: "replaceCurrentAction"
    });
  }
  statusOf(name) {
    const row = this.rows.find((candidate) => candidate.name === name);
    return row ? this.status(row) : null;
  }
  backToQueue() {
    return this.action.doAction(QUEUE_ACTION);
  }
};
export {
  ReviewScreen
};
