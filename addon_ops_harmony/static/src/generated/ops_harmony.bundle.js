/* generated — do not edit: built from web_src by scripts/build/build_web.mjs (npm run build) */

// web_src/src/index.ts
import { registry } from "@web/core/registry";

// web_src/src/approval_activity/activity_patches.ts
import { Activity } from "@mail/core/web/activity";
import { ActivityListPopoverItem } from "@mail/core/web/activity_list_popover_item";
import { ActivityMenu } from "@mail/core/web/activity_menu";
import { patch } from "@web/core/utils/patch";

// web_src/src/approval_activity/approval_buttons.ts
import { Component as Component2 } from "@odoo/owl";
import { useService as useService2 } from "@web/core/utils/hooks";

// odoo-runtime:@web/core/l10n/translation
import { _t } from "@web/core/l10n/translation";

// web_src/src/approval_activity/approval.ts
var DECISION_METHODS = {
  approve: "action_approve",
  reject: "action_reject"
};
function actionableApproval(activity) {
  const approval = activity?.ops_approval;
  if (!approval || activity?.state === "done") {
    return null;
  }
  return approval.can_act && approval.state === "pending" ? approval : null;
}
function isRationaleRequired(approval, decision) {
  return decision === "reject" || approval.rationale_required_to_approve;
}
function describeDecisionError(error) {
  const rpcError = typeof error === "object" && error !== null ? error : {};
  for (const candidate of [rpcError.data?.message, rpcError.message, error]) {
    if (typeof candidate === "string" && candidate.trim()) {
      return candidate.trim();
    }
  }
  return _t("The request could not be updated. Please try again.");
}
function decisionDoneMessage(approval, decision) {
  return decision === "approve" ? _t("Request %(name)s approved", { name: approval.request_name }) : _t("Request %(name)s rejected", { name: approval.request_name });
}

// web_src/src/approval_activity/approval_decision_dialog.ts
import { Component, onMounted, useRef, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { useService } from "@web/core/utils/hooks";
var APPROVAL_REQUEST_MODEL = "ops.approval.request";
var ApprovalDecisionDialog = class extends Component {
  static template = "addon_ops_harmony.ApprovalDecisionDialog";
  static components = { Dialog };
  static props = {
    approval: { type: Object },
    decision: { type: String, validate: (decision) => decision in DECISION_METHODS },
    onDecided: { type: Function, optional: true },
    close: { type: Function }
  };
  setup() {
    this.orm = useService("orm");
    this.notification = useService("notification");
    this.state = useState({ rationale: "", error: "", submitting: false });
    const textarea = useRef("rationale");
    onMounted(() => textarea.el?.focus());
  }
  get isApprove() {
    return this.props.decision === "approve";
  }
  get rationaleRequired() {
    return isRationaleRequired(this.props.approval, this.props.decision);
  }
  get title() {
    const name = this.props.approval.request_name;
    return this.isApprove ? _t("Approve %(name)s", { name }) : _t("Reject %(name)s", { name });
  }
  get missingRationaleMessage() {
    return this.isApprove ? _t("A high-risk request needs a rationale to be approved.") : _t("A rationale is required to reject a request.");
  }
  /** Sends the decision; the dialog only closes once the server accepted it. */
  async onConfirm() {
    if (this.state.submitting) {
      return;
    }
    const rationale = this.state.rationale.trim();
    if (this.rationaleRequired && !rationale) {
      this.state.error = this.missingRationaleMessage;
      return;
    }
    const { approval, decision } = this.props;
    this.state.error = "";
    this.state.submitting = true;
    try {
      await this.orm.call(APPROVAL_REQUEST_MODEL, DECISION_METHODS[decision], [[approval.request_id]], {
        rationale
      });
    } catch (error) {
      this.state.error = describeDecisionError(error);
      this.state.submitting = false;
      return;
    }
    this.notification.add(decisionDoneMessage(approval, decision), { type: "success" });
    this.props.close();
    await this.props.onDecided?.();
  }
};

// web_src/src/approval_activity/approval_buttons.ts
var TIER_BADGES = {
  low: "text-bg-success",
  medium: "text-bg-warning",
  high: "text-bg-danger"
};
var ApprovalButtons = class extends Component2 {
  static template = "addon_ops_harmony.ApprovalButtons";
  static props = {
    activity: { type: Object },
    onDecided: { type: Function, optional: true },
    className: { type: String, optional: true }
  };
  setup() {
    this.dialog = useService2("dialog");
  }
  /** read on every render: the store updates the activity in place */
  get approval() {
    return actionableApproval(this.props.activity);
  }
  tierBadgeClass(approval) {
    return TIER_BADGES[approval.risk_tier] ?? "text-bg-secondary";
  }
  openDecision(decision) {
    const approval = this.approval;
    if (!approval) {
      return;
    }
    this.dialog.add(ApprovalDecisionDialog, { approval, decision, onDecided: this.props.onDecided });
  }
};

// web_src/src/approval_activity/approval_systray.ts
import { Component as Component3 } from "@odoo/owl";
function activityOf(approval) {
  return {
    id: approval.activity_id,
    res_model: approval.res_model,
    res_id: approval.res_id,
    ops_approval: approval.ops_approval
  };
}
var ApprovalSystrayList = class extends Component3 {
  static template = "addon_ops_harmony.ApprovalSystrayList";
  static components = { ApprovalButtons };
  static props = {
    approvals: { type: Array },
    onDecided: { type: Function, optional: true },
    onOpen: { type: Function, optional: true }
  };
  activityOf = activityOf;
  open(approval) {
    this.props.onOpen?.(approval);
  }
};

// web_src/src/approval_activity/activity_patches.ts
var APPROVALS_GROUP_MODEL = "ops.approval.request";
var MY_APPROVALS_ACTION = "addon_ops_harmony.ops_approval_request_action_mine";
function threadOf(store, activity) {
  return store.Thread.insert({ model: activity.res_model, id: activity.res_id });
}
function broadcastReload(store, activity) {
  store.activityBroadcastChannel?.postMessage({
    type: "RELOAD_CHATTER",
    payload: { id: activity.res_id, model: activity.res_model }
  });
}
var chatterActivityPatch = {
  /**
   * Reloads the chatter's activities and messages (the server closed this activity and those of
   * the other approvers of the step), and the record itself: an approval may have let its
   * guarded action run.
   */
  async onOpsApprovalDecided() {
    const store = this.env.services["mail.store"];
    const thread = threadOf(store, this.props.activity);
    broadcastReload(store, this.props.activity);
    this.props.onActivityChanged(thread);
    await Promise.all([thread.fetchNewMessages(), this.props.reloadParentView()]);
  }
};
var popoverItemPatch = {
  /** As "Done" in the same popover: the view reloads its records and closes the popover. */
  async onOpsApprovalDecided() {
    const store = this.env.services["mail.store"];
    const thread = threadOf(store, this.props.activity);
    broadcastReload(store, this.props.activity);
    this.props.onActivityChanged?.(thread);
    await thread.fetchNewMessages();
  }
};
var activityMenuPatch = {
  /** the approvals listed under the group, or none for Odoo's own groups */
  opsApprovalsOf(group) {
    return group.model === APPROVALS_GROUP_MODEL ? group.ops_approvals ?? [] : [];
  },
  /** The decision closed the activity: count and list again, as opening the popover does. */
  async onOpsApprovalDecided() {
    await this.store.fetchStoreData("systray_get_activities");
  },
  onOpsOpenApproval(approval) {
    this.dropdown.close();
    void this.action.doAction({
      type: "ir.actions.act_window",
      res_model: APPROVALS_GROUP_MODEL,
      res_id: approval.request_id,
      views: [[false, "form"]]
    });
  },
  /** The approvals group opens My approvals; the others open as in Odoo. */
  openActivityGroup(group, filter, newWindow) {
    if (group.model !== APPROVALS_GROUP_MODEL) {
      return super.openActivityGroup(group, filter, newWindow);
    }
    this.dropdown.close();
    void this.action.doAction(MY_APPROVALS_ACTION, { clearBreadcrumbs: true });
  }
};
function installApprovalActivityPatches() {
  const unpatches = [
    patch(Activity, { components: { ...Activity.components, ApprovalButtons } }),
    patch(Activity.prototype, chatterActivityPatch),
    patch(ActivityListPopoverItem, { components: { ...ActivityListPopoverItem.components, ApprovalButtons } }),
    patch(ActivityListPopoverItem.prototype, popoverItemPatch),
    patch(ActivityMenu, { components: { ...ActivityMenu.components, ApprovalSystrayList } }),
    patch(ActivityMenu.prototype, activityMenuPatch)
  ];
  return () => {
    for (const unpatch of unpatches.reverse()) {
      unpatch();
    }
  };
}

// web_src/src/control_room/control_room.ts
import { Component as Component4, onWillStart, useState as useState2 } from "@odoo/owl";
import { user } from "@web/core/user";
import { useService as useService3 } from "@web/core/utils/hooks";

// odoo-runtime:luxon
var { DateTime, Duration, FixedOffsetZone, IANAZone, Info, Interval, InvalidZone, Settings, SystemZone, VERSION, Zone } = globalThis.luxon;

// web_src/src/control_room/cards.ts
var DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
function getCardDefinitions({ uid, today }) {
  if (!Number.isInteger(uid) || uid <= 0) {
    throw new Error(`getCardDefinitions: uid must be a positive integer, got ${String(uid)}`);
  }
  if (!DATE_RE.test(today)) {
    throw new Error(`getCardDefinitions: today must be yyyy-MM-dd, got ${JSON.stringify(today)}`);
  }
  return [
    {
      key: "leads",
      label: _t("Leads to qualify"),
      model: "crm.lead",
      domain: [["type", "=", "lead"]],
      icon: "fa-filter"
    },
    {
      key: "opportunities",
      label: _t("Open opportunities"),
      model: "crm.lead",
      domain: [
        ["type", "=", "opportunity"],
        ["probability", "<", 100]
      ],
      icon: "fa-handshake-o"
    },
    {
      key: "quotations",
      label: _t("Quotations to confirm"),
      model: "sale.order",
      domain: [["state", "in", ["draft", "sent"]]],
      icon: "fa-file-text-o"
    },
    {
      key: "overdue_activities",
      label: _t("My overdue activities"),
      model: "mail.activity",
      domain: [
        ["user_id", "=", uid],
        ["date_deadline", "<", today]
      ],
      icon: "fa-clock-o"
    },
    {
      // leads nobody in their team could take yet: the queue assigner gives them out
      key: "queued_leads",
      label: _t("Leads waiting in queues"),
      model: "crm.lead",
      domain: [["ops_routing_state", "=", "queued"]],
      icon: "fa-hourglass-half"
    }
  ];
}

// web_src/src/control_room/control_room.ts
var ACCESS_ERROR = "odoo.exceptions.AccessError";
function describeCountError(error) {
  const rpcError = typeof error === "object" && error !== null ? error : {};
  if (rpcError.exceptionName === ACCESS_ERROR || rpcError.data?.name === ACCESS_ERROR) {
    return _t("No access");
  }
  for (const candidate of [rpcError.data?.message, rpcError.message, error]) {
    if (typeof candidate === "string" && candidate.trim()) {
      return candidate.trim().split("\n")[0];
    }
  }
  return _t("Could not load this count");
}
var ControlRoom = class extends Component4 {
  static template = "addon_ops_harmony.ControlRoom";
  // a client action receives the action service's props (action, actionId, className, ...)
  static props = ["*"];
  setup() {
    this.orm = useService3("orm");
    this.action = useService3("action");
    this.cards = [];
    this.loadId = 0;
    this.state = useState2({ cards: {}, refreshing: false });
    onWillStart(() => this.loadCounts());
  }
  /** Builds the card definitions for the current user and today's date. */
  buildCards() {
    return getCardDefinitions({
      uid: user.userId,
      today: DateTime.now().toFormat("yyyy-MM-dd")
    });
  }
  getCardState(key) {
    return this.state.cards[key] ?? { status: "loading", count: null, error: null };
  }
  /**
   * Loads every count independently: a rejected search_count (e.g. an AccessError for a user
   * without that app) marks its own card as failed, the other cards still get their numbers.
   * Only the latest load writes its results, so a slow earlier refresh cannot overwrite them.
   */
  async loadCounts() {
    const loadId = ++this.loadId;
    this.cards = this.buildCards();
    for (const card of this.cards) {
      this.state.cards[card.key] = { status: "loading", count: null, error: null };
    }
    await Promise.all(
      this.cards.map(async (card) => {
        let result;
        try {
          const count = await this.orm.searchCount(card.model, card.domain);
          result = { status: "ready", count, error: null };
        } catch (error) {
          result = { status: "error", count: null, error: describeCountError(error) };
        }
        if (loadId === this.loadId) {
          this.state.cards[card.key] = result;
        }
      })
    );
  }
  async onRefreshClick() {
    if (this.state.refreshing) {
      return;
    }
    this.state.refreshing = true;
    try {
      await this.loadCounts();
    } finally {
      this.state.refreshing = false;
    }
  }
  /** Opens the records behind a card, with the same domain that was counted. */
  openCard(card) {
    return this.action.doAction({
      type: "ir.actions.act_window",
      name: card.label,
      res_model: card.model,
      domain: card.domain,
      views: [
        [false, "list"],
        [false, "form"]
      ],
      target: "current"
    });
  }
};

// web_src/src/sla_countdown/sla_countdown.ts
import { Component as Component5, onMounted as onMounted2, onWillUnmount } from "@odoo/owl";
import { formatDateTime } from "@web/core/l10n/dates";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

// web_src/src/sla_countdown/format.ts
var SLA_STATES = ["none", "running", "met", "breached"];
var MINUTE_MS = 6e4;
var MINUTES_PER_HOUR = 60;
var MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;
var NOTHING = { text: "", tone: "default" };
function toSlaState(value) {
  return SLA_STATES.includes(value) ? value : "none";
}
function splitMinutes(total) {
  return {
    days: Math.floor(total / MINUTES_PER_DAY),
    hours: Math.floor(total % MINUTES_PER_DAY / MINUTES_PER_HOUR),
    minutes: total % MINUTES_PER_HOUR
  };
}
function twoDigits(value) {
  return String(value).padStart(2, "0");
}
function formatTimeLeft(totalMinutes) {
  const { days, hours, minutes } = splitMinutes(totalMinutes);
  if (days) {
    return _t("%(days)s d %(hours)s h left", { days, hours });
  }
  if (hours) {
    return _t("%(hours)s h %(minutes)s min left", { hours, minutes: twoDigits(minutes) });
  }
  return _t("%(minutes)s min left", { minutes });
}
function formatOverdue(totalMinutes) {
  const { days, hours, minutes } = splitMinutes(totalMinutes);
  if (days) {
    return _t("overdue by %(days)s d %(hours)s h", { days, hours });
  }
  if (hours) {
    return _t("overdue by %(hours)s h %(minutes)s min", { hours, minutes: twoDigits(minutes) });
  }
  return _t("overdue by %(minutes)s min", { minutes });
}
function formatSlaCountdown(deadline, state, now) {
  if (!deadline || !deadline.isValid) {
    return NOTHING;
  }
  switch (state) {
    case "met":
      return { text: _t("met"), tone: "success" };
    case "breached":
      return { text: _t("breached"), tone: "danger" };
    case "running": {
      const remainingMs = deadline.toMillis() - now.toMillis();
      if (remainingMs >= 0) {
        return { text: formatTimeLeft(Math.ceil(remainingMs / MINUTE_MS)), tone: "default" };
      }
      return { text: formatOverdue(Math.ceil(-remainingMs / MINUTE_MS)), tone: "danger" };
    }
    default:
      return NOTHING;
  }
}

// web_src/src/sla_countdown/sla_countdown.ts
var SLA_STATE_FIELD = "ops_sla_state";
var REFRESH_INTERVAL_MS = 3e4;
var TONE_CLASSES = {
  default: "",
  success: "text-success",
  danger: "text-danger"
};
var SlaCountdown = class extends Component5 {
  static template = "addon_ops_harmony.SlaCountdown";
  static props = { ...standardFieldProps };
  setup() {
    this.intervalId = null;
    onMounted2(() => {
      this.intervalId = setInterval(() => this.render(), REFRESH_INTERVAL_MS);
    });
    onWillUnmount(() => {
      if (this.intervalId !== null) {
        clearInterval(this.intervalId);
        this.intervalId = null;
      }
    });
  }
  /** record.data[name]: a luxon DateTime in the user's time zone, or false when empty */
  get deadline() {
    const value = this.props.record.data[this.props.name];
    return DateTime.isDateTime(value) ? value : null;
  }
  get slaState() {
    return toSlaState(this.props.record.data[SLA_STATE_FIELD]);
  }
  /** What to show now; the template calls it once per render. */
  getCountdown() {
    const deadline = this.deadline;
    const countdown = formatSlaCountdown(deadline, this.slaState, DateTime.now());
    return {
      ...countdown,
      className: TONE_CLASSES[countdown.tone],
      title: deadline ? formatDateTime(deadline) : ""
    };
  }
};
var slaCountdownField = {
  component: SlaCountdown,
  displayName: _t("SLA Countdown"),
  supportedTypes: ["datetime"],
  // the state comes along even in a view that does not show it
  fieldDependencies: [{ name: SLA_STATE_FIELD, type: "selection" }]
};

// web_src/src/index.ts
registry.category("actions").add("addon_ops_harmony.control_room", ControlRoom);
registry.category("fields").add("ops_sla_countdown", slaCountdownField);
installApprovalActivityPatches();
export {
  ApprovalButtons,
  ApprovalDecisionDialog,
  ControlRoom,
  SlaCountdown,
  slaCountdownField
};
