/* generated — do not edit: built from web_src by scripts/build/build_web.mjs (npm run build) */

// web_src/src/index.ts
import { registry } from "@web/core/registry";

// web_src/src/ai_review/lazy_review.ts
import { Component, onWillStart, xml } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";

// web_src/src/ai_review/lazy_names.ts
var AI_REVIEW_BUNDLE = "addon_ops_harmony.assets_ai_review";
var AI_REVIEW_MODULE = "@addon_ops_harmony/generated/ops_harmony_ai_review.bundle";

// web_src/src/ai_review/lazy_review.ts
var LazyReviewScreen = class extends Component {
  static template = xml`<t t-if="Screen" t-component="Screen" t-props="props"/>`;
  // a client action receives the action service's props (action, actionId, className, ...)
  static props = ["*"];
  setup() {
    this.Screen = null;
    onWillStart(async () => {
      await loadBundle(AI_REVIEW_BUNDLE);
      const screen = odoo.loader.modules.get(AI_REVIEW_MODULE)?.ReviewScreen;
      if (typeof screen !== "function") throw new Error(`${AI_REVIEW_BUNDLE} did not define ${AI_REVIEW_MODULE}`);
      this.Screen = screen;
    });
  }
};

// web_src/src/approval_activity/activity_patches.ts
import { Activity } from "@mail/core/web/activity";
import { ActivityListPopoverItem } from "@mail/core/web/activity_list_popover_item";
import { ActivityMenu } from "@mail/core/web/activity_menu";
import { patch } from "@web/core/utils/patch";

// web_src/src/approval_activity/approval_buttons.ts
import { Component as Component3 } from "@odoo/owl";
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
import { Component as Component2, onMounted, useRef, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { useService } from "@web/core/utils/hooks";
var APPROVAL_REQUEST_MODEL = "ops.approval.request";
var ApprovalDecisionDialog = class extends Component2 {
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
var ApprovalButtons = class extends Component3 {
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
import { Component as Component4 } from "@odoo/owl";
function activityOf(approval) {
  return {
    id: approval.activity_id,
    res_model: approval.res_model,
    res_id: approval.res_id,
    ops_approval: approval.ops_approval
  };
}
var ApprovalSystrayList = class extends Component4 {
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
  openActivityGroup(group, filter2, newWindow) {
    if (group.model !== APPROVALS_GROUP_MODEL) {
      return super.openActivityGroup(group, filter2, newWindow);
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

// web_src/src/configurator/configure_button.ts
import { Component as Component6, useState as useState3 } from "@odoo/owl";
import { standardFieldProps } from "@web/views/fields/standard_field_props";
import { useService as useService4 } from "@web/core/utils/hooks";

// web_src/src/configurator/configurator_dialog.ts
import { Component as Component5, markRaw, onMounted as onMounted2, onWillStart as onWillStart2, useRef as useRef2, useState as useState2 } from "@odoo/owl";
import { Dialog as Dialog2 } from "@web/core/dialog/dialog";
import { useService as useService3 } from "@web/core/utils/hooks";

// web_src/src/configurator/configurator_form.ts
var QUANTITY_KEY = "quantity";
function initialFieldValue(option, loaded) {
  const given = loaded[option.key];
  const value = given === void 0 || given === null ? option.default : given;
  switch (option.type) {
    case "bool":
      return value === true;
    case "multi":
      return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
    case "enum":
      return typeof value === "string" ? value : "";
    default:
      return typeof value === "string" || typeof value === "number" ? String(value) : "";
  }
}
function initialFields(content, loaded) {
  return Object.fromEntries(content.options.map((option) => [option.key, initialFieldValue(option, loaded)]));
}
function engineValues(content, fields) {
  const values = {};
  for (const option of content.options) {
    const field = fields[option.key];
    if (option.type === "multi") {
      const chosen = Array.isArray(field) ? field : [];
      values[option.key] = (option.values ?? []).map((choice) => choice.value).filter((value) => chosen.includes(value));
    } else if (option.type === "bool") {
      values[option.key] = field === true;
    } else if (typeof field === "string" && field.trim() !== "") {
      values[option.key] = field.trim();
    }
  }
  return values;
}
function inputErrorsByOption(evaluation) {
  const byOption = {};
  for (const error of evaluation?.errors ?? []) {
    if (hasOption(error)) {
      (byOption[error.option] ??= []).push(error.message);
    }
  }
  return byOption;
}
function hasOption(error) {
  return typeof error.option === "string";
}
function generalErrors(evaluation) {
  return (evaluation?.errors ?? []).filter((error) => !hasOption(error)).map((error) => error.message);
}
function optionLabel(option) {
  return option.label || option.key;
}
var MAX_RADIO_VALUES = 4;
function usesRadios(option) {
  return option.type === "enum" && (option.values ?? []).length <= MAX_RADIO_VALUES;
}

// web_src/src/configurator/configurator_rpc.ts
var RULESET_MODEL = "ops.config.ruleset";
var ORDER_MODEL = "sale.order";
function loadConfiguration(orm, productId, lineId) {
  return orm.call(RULESET_MODEL, "ops_configurator_load", [productId, lineId]);
}
function applyConfiguration(orm, orderId, payload) {
  return orm.call(ORDER_MODEL, "ops_config_apply", [orderId, payload]);
}
function serverMessage(error) {
  const rpcError = typeof error === "object" && error !== null ? error : {};
  const text = [rpcError.data?.message, rpcError.message].find(
    (candidate) => typeof candidate === "string" && candidate.trim() !== ""
  );
  return text?.trim() ?? _t("The server could not be reached. Please try again.");
}

// web_src/src/configurator/engine/paths.ts
var PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
function keyPath(parent, key) {
  return PLAIN_KEY.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}
function indexPath(parent, index) {
  return `${parent}[${index}]`;
}

// node_modules/big.js/big.mjs
var DP = 20;
var RM = 1;
var MAX_DP = 1e6;
var MAX_POWER = 1e6;
var NE = -7;
var PE = 21;
var STRICT = false;
var NAME = "[big.js] ";
var INVALID = NAME + "Invalid ";
var INVALID_DP = INVALID + "decimal places";
var INVALID_RM = INVALID + "rounding mode";
var DIV_BY_ZERO = NAME + "Division by zero";
var P = {};
var UNDEFINED = void 0;
var NUMERIC = /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
function _Big_() {
  function Big2(n) {
    var x = this;
    if (!(x instanceof Big2)) {
      return n === UNDEFINED && arguments.length === 0 ? _Big_() : new Big2(n);
    }
    if (n instanceof Big2) {
      x.s = n.s;
      x.e = n.e;
      x.c = n.c.slice();
    } else {
      if (typeof n !== "string") {
        if (Big2.strict === true && typeof n !== "bigint") {
          throw TypeError(INVALID + "value");
        }
        n = n === 0 && 1 / n < 0 ? "-0" : String(n);
      }
      parse(x, n);
    }
    x.constructor = Big2;
  }
  Big2.prototype = P;
  Big2.DP = DP;
  Big2.RM = RM;
  Big2.NE = NE;
  Big2.PE = PE;
  Big2.strict = STRICT;
  Big2.roundDown = 0;
  Big2.roundHalfUp = 1;
  Big2.roundHalfEven = 2;
  Big2.roundUp = 3;
  return Big2;
}
function parse(x, n) {
  var e, i, nl;
  if (!NUMERIC.test(n)) {
    throw Error(INVALID + "number");
  }
  x.s = n.charAt(0) == "-" ? (n = n.slice(1), -1) : 1;
  if ((e = n.indexOf(".")) > -1) n = n.replace(".", "");
  if ((i = n.search(/e/i)) > 0) {
    if (e < 0) e = i;
    e += +n.slice(i + 1);
    n = n.substring(0, i);
  } else if (e < 0) {
    e = n.length;
  }
  nl = n.length;
  for (i = 0; i < nl && n.charAt(i) == "0"; ) ++i;
  if (i == nl) {
    x.c = [x.e = 0];
  } else {
    for (; nl > 0 && n.charAt(--nl) == "0"; ) ;
    x.e = e - i - 1;
    x.c = [];
    for (e = 0; i <= nl; ) x.c[e++] = +n.charAt(i++);
  }
  return x;
}
function round(x, sd, rm, more) {
  var xc = x.c;
  if (rm === UNDEFINED) rm = x.constructor.RM;
  if (rm !== 0 && rm !== 1 && rm !== 2 && rm !== 3) {
    throw Error(INVALID_RM);
  }
  if (sd < 1) {
    more = rm === 3 && (more || !!xc[0]) || sd === 0 && (rm === 1 && xc[0] >= 5 || rm === 2 && (xc[0] > 5 || xc[0] === 5 && (more || xc[1] !== UNDEFINED)));
    xc.length = 1;
    if (more) {
      x.e = x.e - sd + 1;
      xc[0] = 1;
    } else {
      xc[0] = x.e = 0;
    }
  } else if (sd < xc.length) {
    more = rm === 1 && xc[sd] >= 5 || rm === 2 && (xc[sd] > 5 || xc[sd] === 5 && (more || xc[sd + 1] !== UNDEFINED || xc[sd - 1] & 1)) || rm === 3 && (more || !!xc[0]);
    xc.length = sd;
    if (more) {
      for (; ++xc[--sd] > 9; ) {
        xc[sd] = 0;
        if (sd === 0) {
          ++x.e;
          xc.unshift(1);
          break;
        }
      }
    }
    for (sd = xc.length; !xc[--sd]; ) xc.pop();
  }
  return x;
}
function stringify(x, doExponential, isNonzero) {
  var e = x.e, s = x.c.join(""), n = s.length;
  if (doExponential) {
    s = s.charAt(0) + (n > 1 ? "." + s.slice(1) : "") + (e < 0 ? "e" : "e+") + e;
  } else if (e < 0) {
    for (; ++e; ) s = "0" + s;
    s = "0." + s;
  } else if (e > 0) {
    if (++e > n) {
      for (e -= n; e--; ) s += "0";
    } else if (e < n) {
      s = s.slice(0, e) + "." + s.slice(e);
    }
  } else if (n > 1) {
    s = s.charAt(0) + "." + s.slice(1);
  }
  return x.s < 0 && isNonzero ? "-" + s : s;
}
P.abs = function() {
  var x = new this.constructor(this);
  x.s = 1;
  return x;
};
P.cmp = function(y) {
  var isneg, x = this, xc = x.c, yc = (y = new x.constructor(y)).c, i = x.s, j = y.s, k = x.e, l = y.e;
  if (!xc[0] || !yc[0]) return !xc[0] ? !yc[0] ? 0 : -j : i;
  if (i != j) return i;
  isneg = i < 0;
  if (k != l) return k > l ^ isneg ? 1 : -1;
  j = (k = xc.length) < (l = yc.length) ? k : l;
  for (i = -1; ++i < j; ) {
    if (xc[i] != yc[i]) return xc[i] > yc[i] ^ isneg ? 1 : -1;
  }
  return k == l ? 0 : k > l ^ isneg ? 1 : -1;
};
P.div = function(y) {
  var x = this, Big2 = x.constructor, a = x.c, b = (y = new Big2(y)).c, k = x.s == y.s ? 1 : -1, dp = Big2.DP;
  if (dp !== ~~dp || dp < 0 || dp > MAX_DP) {
    throw Error(INVALID_DP);
  }
  if (!b[0]) {
    throw Error(DIV_BY_ZERO);
  }
  if (!a[0]) {
    y.s = k;
    y.c = [y.e = 0];
    return y;
  }
  var bl, bt, n, cmp, ri, bz = b.slice(), ai = bl = b.length, al = a.length, r = a.slice(0, bl), rl = r.length, q = y, qc = q.c = [], qi = 0, p = dp + (q.e = x.e - y.e) + 1;
  q.s = k;
  k = p < 0 ? 0 : p;
  bz.unshift(0);
  for (; rl++ < bl; ) r.push(0);
  do {
    for (n = 0; n < 10; n++) {
      if (bl != (rl = r.length)) {
        cmp = bl > rl ? 1 : -1;
      } else {
        for (ri = -1, cmp = 0; ++ri < bl; ) {
          if (b[ri] != r[ri]) {
            cmp = b[ri] > r[ri] ? 1 : -1;
            break;
          }
        }
      }
      if (cmp < 0) {
        for (bt = rl == bl ? b : bz; rl; ) {
          if (r[--rl] < bt[rl]) {
            ri = rl;
            for (; ri && !r[--ri]; ) r[ri] = 9;
            --r[ri];
            r[rl] += 10;
          }
          r[rl] -= bt[rl];
        }
        for (; !r[0]; ) r.shift();
      } else {
        break;
      }
    }
    qc[qi++] = cmp ? n : ++n;
    if (r[0] && cmp) r[rl] = a[ai] || 0;
    else r = [a[ai]];
  } while ((ai++ < al || r[0] !== UNDEFINED) && k--);
  if (!qc[0] && qi != 1) {
    qc.shift();
    q.e--;
    p--;
  }
  if (qi > p) round(q, p, Big2.RM, r[0] !== UNDEFINED);
  return q;
};
P.eq = function(y) {
  return this.cmp(y) === 0;
};
P.gt = function(y) {
  return this.cmp(y) > 0;
};
P.gte = function(y) {
  return this.cmp(y) > -1;
};
P.lt = function(y) {
  return this.cmp(y) < 0;
};
P.lte = function(y) {
  return this.cmp(y) < 1;
};
P.minus = P.sub = function(y) {
  var i, j, t, xlty, x = this, Big2 = x.constructor, a = x.s, b = (y = new Big2(y)).s;
  if (a != b) {
    y.s = -b;
    return x.plus(y);
  }
  var xc = x.c.slice(), xe = x.e, yc = y.c, ye = y.e;
  if (!xc[0] || !yc[0]) {
    if (yc[0]) {
      y.s = -b;
    } else if (xc[0]) {
      y = new Big2(x);
    } else {
      y.s = 1;
    }
    return y;
  }
  if (a = xe - ye) {
    if (xlty = a < 0) {
      a = -a;
      t = xc;
    } else {
      ye = xe;
      t = yc;
    }
    t.reverse();
    for (b = a; b--; ) t.push(0);
    t.reverse();
  } else {
    j = ((xlty = xc.length < yc.length) ? xc : yc).length;
    for (a = b = 0; b < j; b++) {
      if (xc[b] != yc[b]) {
        xlty = xc[b] < yc[b];
        break;
      }
    }
  }
  if (xlty) {
    t = xc;
    xc = yc;
    yc = t;
    y.s = -y.s;
  }
  if ((b = (j = yc.length) - (i = xc.length)) > 0) for (; b--; ) xc[i++] = 0;
  for (b = i; j > a; ) {
    if (xc[--j] < yc[j]) {
      for (i = j; i && !xc[--i]; ) xc[i] = 9;
      --xc[i];
      xc[j] += 10;
    }
    xc[j] -= yc[j];
  }
  for (; xc[--b] === 0; ) xc.pop();
  for (; xc[0] === 0; ) {
    xc.shift();
    --ye;
  }
  if (!xc[0]) {
    y.s = 1;
    xc = [ye = 0];
  }
  y.c = xc;
  y.e = ye;
  return y;
};
P.mod = function(y) {
  var ygtx, x = this, Big2 = x.constructor, a = x.s, b = (y = new Big2(y)).s;
  if (!y.c[0]) {
    throw Error(DIV_BY_ZERO);
  }
  x.s = y.s = 1;
  ygtx = y.cmp(x) == 1;
  x.s = a;
  y.s = b;
  if (ygtx) return new Big2(x);
  a = Big2.DP;
  b = Big2.RM;
  Big2.DP = Big2.RM = 0;
  x = x.div(y);
  Big2.DP = a;
  Big2.RM = b;
  return this.minus(x.times(y));
};
P.neg = function() {
  var x = new this.constructor(this);
  x.s = -x.s;
  return x;
};
P.plus = P.add = function(y) {
  var e, k, t, x = this, Big2 = x.constructor;
  y = new Big2(y);
  if (x.s != y.s) {
    y.s = -y.s;
    return x.minus(y);
  }
  var xe = x.e, xc = x.c, ye = y.e, yc = y.c;
  if (!xc[0] || !yc[0]) {
    if (!yc[0]) {
      if (xc[0]) {
        y = new Big2(x);
      } else {
        y.s = x.s;
      }
    }
    return y;
  }
  xc = xc.slice();
  if (e = xe - ye) {
    if (e > 0) {
      ye = xe;
      t = yc;
    } else {
      e = -e;
      t = xc;
    }
    t.reverse();
    for (; e--; ) t.push(0);
    t.reverse();
  }
  if (xc.length - yc.length < 0) {
    t = yc;
    yc = xc;
    xc = t;
  }
  e = yc.length;
  for (k = 0; e; xc[e] %= 10) k = (xc[--e] = xc[e] + yc[e] + k) / 10 | 0;
  if (k) {
    xc.unshift(k);
    ++ye;
  }
  for (e = xc.length; xc[--e] === 0; ) xc.pop();
  y.c = xc;
  y.e = ye;
  return y;
};
P.pow = function(n) {
  var x = this, one = new x.constructor("1"), y = one, isneg = n < 0;
  if (n !== ~~n || n < -MAX_POWER || n > MAX_POWER) {
    throw Error(INVALID + "exponent");
  }
  if (isneg) n = -n;
  for (; ; ) {
    if (n & 1) y = y.times(x);
    n >>= 1;
    if (!n) break;
    x = x.times(x);
  }
  return isneg ? one.div(y) : y;
};
P.prec = function(sd, rm) {
  if (sd !== ~~sd || sd < 1 || sd > MAX_DP) {
    throw Error(INVALID + "precision");
  }
  return round(new this.constructor(this), sd, rm);
};
P.round = function(dp, rm) {
  if (dp === UNDEFINED) dp = 0;
  else if (dp !== ~~dp || dp < -MAX_DP || dp > MAX_DP) {
    throw Error(INVALID_DP);
  }
  return round(new this.constructor(this), dp + this.e + 1, rm);
};
P.sqrt = function() {
  var r, c, t, x = this, Big2 = x.constructor, s = x.s, e = x.e, half = new Big2("0.5");
  if (!x.c[0]) return new Big2(x);
  if (s < 0) {
    throw Error(NAME + "No square root");
  }
  s = Math.sqrt(+stringify(x, true, true));
  if (s === 0 || s === 1 / 0) {
    c = x.c.join("");
    if (!(c.length + e & 1)) c += "0";
    s = Math.sqrt(c);
    e = ((e + 1) / 2 | 0) - (e < 0 || e & 1);
    r = new Big2((s == 1 / 0 ? "5e" : (s = s.toExponential()).slice(0, s.indexOf("e") + 1)) + e);
  } else {
    r = new Big2(s + "");
  }
  e = r.e + (Big2.DP += 4);
  do {
    t = r;
    r = half.times(t.plus(x.div(t)));
  } while (t.c.slice(0, e).join("") !== r.c.slice(0, e).join(""));
  return round(r, (Big2.DP -= 4) + r.e + 1, Big2.RM);
};
P.times = P.mul = function(y) {
  var c, x = this, Big2 = x.constructor, xc = x.c, yc = (y = new Big2(y)).c, a = xc.length, b = yc.length, i = x.e, j = y.e;
  y.s = x.s == y.s ? 1 : -1;
  if (!xc[0] || !yc[0]) {
    y.c = [y.e = 0];
    return y;
  }
  y.e = i + j;
  if (a < b) {
    c = xc;
    xc = yc;
    yc = c;
    j = a;
    a = b;
    b = j;
  }
  for (c = new Array(j = a + b); j--; ) c[j] = 0;
  for (i = b; i--; ) {
    b = 0;
    for (j = a + i; j > i; ) {
      b = c[j] + yc[i] * xc[j - i - 1] + b;
      c[j--] = b % 10;
      b = b / 10 | 0;
    }
    c[j] = b;
  }
  if (b) ++y.e;
  else c.shift();
  for (i = c.length; !c[--i]; ) c.pop();
  y.c = c;
  return y;
};
P.toExponential = function(dp, rm) {
  var x = this, n = x.c[0];
  if (dp !== UNDEFINED) {
    if (dp !== ~~dp || dp < 0 || dp > MAX_DP) {
      throw Error(INVALID_DP);
    }
    x = round(new x.constructor(x), ++dp, rm);
    for (; x.c.length < dp; ) x.c.push(0);
  }
  return stringify(x, true, !!n);
};
P.toFixed = function(dp, rm) {
  var x = this, n = x.c[0];
  if (dp !== UNDEFINED) {
    if (dp !== ~~dp || dp < 0 || dp > MAX_DP) {
      throw Error(INVALID_DP);
    }
    x = round(new x.constructor(x), dp + x.e + 1, rm);
    for (dp = dp + x.e + 1; x.c.length < dp; ) x.c.push(0);
  }
  return stringify(x, false, !!n);
};
P.toJSON = P.toString = function() {
  var x = this, Big2 = x.constructor;
  return stringify(x, x.e <= Big2.NE || x.e >= Big2.PE, !!x.c[0]);
};
if (typeof Symbol !== "undefined") {
  P[/* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom")] = P.toJSON;
}
P.toNumber = function() {
  var n = +stringify(this, true, true);
  if (this.constructor.strict === true && !this.eq(n.toString())) {
    throw Error(NAME + "Imprecise conversion");
  }
  return n;
};
P.toPrecision = function(sd, rm) {
  var x = this, Big2 = x.constructor, n = x.c[0];
  if (sd !== UNDEFINED) {
    if (sd !== ~~sd || sd < 1 || sd > MAX_DP) {
      throw Error(INVALID + "precision");
    }
    x = round(new Big2(x), sd, rm);
    for (; x.c.length < sd; ) x.c.push(0);
  }
  return stringify(x, sd <= x.e || x.e <= Big2.NE || x.e >= Big2.PE, !!n);
};
P.valueOf = function() {
  var x = this, Big2 = x.constructor;
  if (Big2.strict === true) {
    throw Error(NAME + "valueOf disallowed");
  }
  return stringify(x, x.e <= Big2.NE || x.e >= Big2.PE, true);
};
var Big = _Big_();
var big_default = Big;

// web_src/src/configurator/engine/values.ts
var Row = class {
  constructor(columns, cells) {
    this.columns = columns;
    this.cells = cells;
  }
  columns;
  cells;
  /** the cell of a column, or undefined when the table has no such column */
  cell(column) {
    const index = this.columns.indexOf(column);
    return index < 0 ? void 0 : this.cells[index];
  }
};
var D = big_default();
D.RM = 1;
D.NE = -1e6;
D.PE = 1e6;
var ZERO = D("0");
var ONE = D("1");
var HUNDRED = D("100");
var MAX_SIGNIFICANT_DIGITS = 30;
var MAX_INTEGER_DIGITS = 30;
var MAX_JSON_INTEGER_DIGITS = 15;
var DECIMAL_TEXT = /^-?[0-9]+(\.[0-9]+)?$/;
function isDecimal(value) {
  return value instanceof big_default;
}
function looksDecimal(text) {
  return DECIMAL_TEXT.test(text);
}
function withinSize(value) {
  return fitsInteger(value) && (isZero(value) || value.c.length <= MAX_SIGNIFICANT_DIGITS);
}
function fitsInteger(value) {
  return value.e < MAX_INTEGER_DIGITS;
}
function isZero(value) {
  return value.c[0] === 0;
}
function readJsonNumber(value) {
  if (!Number.isInteger(value)) {
    return { ok: false, reason: "float" };
  }
  const digits = String(Math.abs(value));
  if (!/^[0-9]+$/.test(digits) || digits.length > MAX_JSON_INTEGER_DIGITS) {
    return { ok: false, reason: "too_long" };
  }
  return { ok: true, value: D(String(value)) };
}
function readDecimalText(text) {
  const value = D(text);
  return withinSize(value) ? { ok: true, value } : { ok: false, reason: "too_large" };
}
function toDecimal(raw) {
  if (typeof raw === "number") {
    const reading = readJsonNumber(raw);
    return reading.ok ? reading.value : null;
  }
  if (typeof raw === "string" && looksDecimal(raw)) {
    const reading = readDecimalText(raw);
    return reading.ok ? reading.value : null;
  }
  return null;
}
function divide(dividend, divisor, places) {
  const own = dividend.constructor === D ? dividend : D(dividend);
  D.DP = places;
  return own.div(divisor);
}
function roundHalfUp(value, places) {
  return value.round(places, 1);
}
function decimalText(value) {
  return isZero(value) ? "0" : value.toFixed();
}
function moneyText(value, places) {
  return isZero(value) ? ZERO.toFixed(places) : value.toFixed(places);
}
function outputValue(value) {
  if (value === null || typeof value === "string" || typeof value === "boolean") {
    return value;
  }
  if (isDecimal(value)) {
    return decimalText(value);
  }
  if (value instanceof Row) {
    const row = {};
    value.columns.forEach((column, index) => {
      row[column] = outputValue(value.cells[index]);
    });
    return row;
  }
  return value.map(outputValue);
}
function typeOf(value) {
  if (value === null) return "null";
  if (typeof value === "string") return "text";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return "list";
  if (value instanceof Row) return "row";
  return "decimal";
}

// web_src/src/configurator/engine/options.ts
var OPTION_TYPES = ["decimal", "enum", "bool", "multi"];
var OPTION_KEYS = [
  "key",
  "label",
  "type",
  "help",
  "values",
  "min",
  "max",
  "step",
  "min_count",
  "max_count",
  "default",
  "visible_if"
];
var COMMON_KEYS = ["key", "label", "type", "help", "default", "visible_if"];
var KEYS_BY_TYPE = {
  decimal: [...COMMON_KEYS, "min", "max", "step"],
  enum: [...COMMON_KEYS, "values"],
  bool: COMMON_KEYS,
  multi: [...COMMON_KEYS, "values", "min_count", "max_count"]
};
var MAX_VALUES = 1e3;
function refuse(code, message) {
  return { ok: false, code, message };
}
function checkDecimal(option, raw) {
  const value = toDecimal(raw);
  if (value === null) return refuse("wrong_type", 'expected a decimal (a string such as "12.5")');
  if (option.min !== null && value.lt(option.min)) return refuse("below_min", `at least ${option.min.toFixed()}`);
  if (option.max !== null && value.gt(option.max)) return refuse("above_max", `at most ${option.max.toFixed()}`);
  if (option.step !== null && !isZero(value.minus(option.min ?? ZERO).mod(option.step))) {
    return refuse("off_step", `in steps of ${option.step.toFixed()} from ${(option.min ?? ZERO).toFixed()}`);
  }
  return { ok: true, value };
}
function checkMulti(option, raw) {
  if (!Array.isArray(raw) || raw.some((item) => typeof item !== "string")) {
    return refuse("wrong_type", "expected a list of texts");
  }
  const chosen = raw;
  if (chosen.some((item) => !option.values.includes(item))) return refuse("not_in_values", "a value is not one of the choices");
  if (option.minCount !== null && chosen.length < option.minCount) return refuse("too_few", `choose at least ${option.minCount}`);
  if (option.maxCount !== null && chosen.length > option.maxCount) return refuse("too_many", `choose at most ${option.maxCount}`);
  if (new Set(chosen).size !== chosen.length) return refuse("duplicate_value", "a value is chosen twice");
  return { ok: true, value: option.values.filter((value) => chosen.includes(value)) };
}
function checkOptionValue(option, raw) {
  switch (option.type) {
    case "decimal":
      return checkDecimal(option, raw);
    case "bool":
      return typeof raw === "boolean" ? { ok: true, value: raw } : refuse("wrong_type", "expected true or false");
    case "enum":
      if (typeof raw !== "string") return refuse("wrong_type", "expected one of the choices (a text)");
      return option.values.includes(raw) ? { ok: true, value: raw } : refuse("not_in_values", "not one of the choices");
    case "multi":
      return checkMulti(option, raw);
  }
}
function readValues(r, raw, path, option) {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_VALUES) {
    r.report("invalid_structure", path, `values is a list of 1 to ${MAX_VALUES} values`);
    return false;
  }
  let valid = true;
  raw.forEach((entry, index) => {
    const entryPath = indexPath(path, index);
    const item = r.object(entry, entryPath, "a value", ["value"], ["value", "label"]);
    if (item === null) {
      valid = false;
      return;
    }
    const value = item.value;
    if (typeof value !== "string" || looksDecimal(value) || option.values.includes(value)) {
      r.report(
        "invalid_structure",
        keyPath(entryPath, "value"),
        "a value is a text that does not look like a decimal, unique in the option"
      );
      valid = false;
    }
    if (typeof value === "string") option.values.push(value);
    if ("label" in item) r.text(item.label, keyPath(entryPath, "label"), "label");
  });
  return valid;
}
function readOptionBounds(r, raw, path, option) {
  let valid = "values" in raw ? readValues(r, raw.values, keyPath(path, "values"), option) : true;
  for (const bound of ["min", "max", "step"]) {
    if (!(bound in raw)) continue;
    option[bound] = r.decimal(raw[bound], keyPath(path, bound), bound);
    valid = valid && option[bound] !== null;
  }
  if (option.min !== null && option.max !== null && option.min.gt(option.max)) {
    r.report("invalid_structure", keyPath(path, "max"), "max must not be below min");
  }
  if (option.step !== null && option.step.lte(ZERO)) {
    r.report("invalid_structure", keyPath(path, "step"), "step must be above 0");
    option.step = null;
    valid = false;
  }
  for (const count of ["min_count", "max_count"]) {
    if (!(count in raw)) continue;
    const value = r.integer(raw[count], keyPath(path, count), count, 0, MAX_VALUES);
    if (value === null) valid = false;
    option[count === "min_count" ? "minCount" : "maxCount"] = value;
  }
  if (valid && (option.minCount ?? 0) > (option.maxCount ?? MAX_VALUES)) {
    r.report("invalid_structure", keyPath(path, "max_count"), "max_count must not be below min_count");
  }
  return valid;
}
function readOptionDefault(r, raw, path, option) {
  const checked2 = raw === null ? refuse("required", "null") : checkOptionValue(option, raw);
  if (checked2.ok) {
    option.fallback = checked2.value;
  } else {
    r.report("bad_default", path, `the default is not a valid value: ${checked2.message}`);
  }
}
function inapplicableKeys(type) {
  return ["values", "min", "max", "step", "min_count", "max_count"].filter((key) => !KEYS_BY_TYPE[type].includes(key));
}

// web_src/src/configurator/engine/structure.ts
function isObject(raw) {
  return typeof raw === "object" && raw !== null && !Array.isArray(raw);
}
var SURROGATE = /[\uD800-\uDFFF]/;
function byCodePoint(a, b) {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const left = Array.from(a, (char) => char.codePointAt(0) ?? 0);
  const right = Array.from(b, (char) => char.codePointAt(0) ?? 0);
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    if (left[index] !== right[index]) return left[index] - right[index];
  }
  return left.length - right.length;
}
var StructureReader = class {
  constructor(problems) {
    this.problems = problems;
  }
  problems;
  report(code, path, message) {
    this.problems.push({ code, path, message });
  }
  /**
   * An object with `required` keys and no key outside `allowed`: the object itself refused when it
   * is not one, then its unknown keys (code-point order), then its missing keys (in the doc's order).
   */
  object(raw, path, what, required, allowed) {
    if (!isObject(raw)) {
      this.report("invalid_structure", path, `${what} must be an object`);
      return null;
    }
    for (const key of Object.keys(raw).sort(byCodePoint)) {
      if (!allowed.includes(key)) this.report("invalid_structure", keyPath(path, key), `${what} has no key ${key}`);
    }
    for (const key of required) {
      if (!(key in raw)) this.report("invalid_structure", keyPath(path, key), `${what} needs ${key}`);
    }
    return raw;
  }
  list(raw, path, what) {
    if (Array.isArray(raw)) return raw;
    this.report("invalid_structure", path, `${what} must be a list`);
    return null;
  }
  text(raw, path, what) {
    if (typeof raw === "string") return raw;
    this.report("invalid_structure", path, `${what} must be a text`);
    return null;
  }
  /** a JSON integer from `min` to `max` */
  integer(raw, path, what, min, max) {
    if (typeof raw === "number" && Number.isInteger(raw) && raw >= min && raw <= max) return raw;
    this.report("invalid_structure", path, `${what} must be an integer from ${min} to ${max}`);
    return null;
  }
  /** a decimal written as a decimal string or a JSON integer of at most 15 digits */
  decimal(raw, path, what) {
    if (typeof raw === "number") {
      const reading = readJsonNumber(raw);
      if (reading.ok) return reading.value;
      this.report("bad_number", path, `${what}: write decimals as strings ("0.1"); JSON integers have at most 15 digits`);
      return null;
    }
    if (typeof raw === "string" && looksDecimal(raw)) {
      const reading = readDecimalText(raw);
      if (reading.ok) return reading.value;
      this.report("bad_number", path, `${what}: a decimal has at most 30 significant digits and 30 integer digits`);
      return null;
    }
    this.report("invalid_structure", path, `${what} must be a decimal`);
    return null;
  }
};

// web_src/src/configurator/engine/types.ts
var RuntimeFault = class extends Error {
  constructor(code, path, message) {
    super(message);
    this.code = code;
    this.path = path;
  }
  code;
  path;
};

// web_src/src/configurator/engine/runtime.ts
var MAX_STEPS = 1e5;
var MAX_LIST = 1e3;
function missing(path, what) {
  return new RuntimeFault("missing_value", path, `${what} is null: check it with == null or give var a default`);
}
function mismatch(path, expected, value) {
  return new RuntimeFault("type_mismatch", path, `expected ${expected}, got ${typeOf(value)}`);
}
function needDecimal(value, path) {
  if (value === null) throw missing(path, "a decimal argument");
  if (!isDecimal(value)) throw mismatch(path, "a decimal", value);
  return value;
}
function needBool(value, path) {
  if (value === null) throw missing(path, "a bool argument");
  if (typeof value !== "boolean") throw mismatch(path, "a bool", value);
  return value;
}
function needList(value, path) {
  if (value === null) throw missing(path, "a list argument");
  if (!Array.isArray(value)) throw mismatch(path, "a list", value);
  return value;
}
function checked(value, path) {
  if (!fitsInteger(value)) {
    throw new RuntimeFault("too_large", path, "the result has more than 30 integer digits");
  }
  return value;
}
function equals(left, right, path) {
  if (left === null || right === null) {
    return left === right;
  }
  const type = typeOf(left);
  if (typeOf(right) !== type) {
    throw mismatch(path, `the same type on both sides (${type})`, right);
  }
  if (left instanceof Row) {
    const other = right;
    if (left.columns.length !== other.columns.length || left.columns.some((column) => !other.columns.includes(column)))
      return false;
    return left.columns.every((column, index) => equals(left.cells[index], other.cell(column), path));
  }
  if (isDecimal(left)) {
    return left.eq(right);
  }
  if (Array.isArray(left)) {
    const other = right;
    if (left.length !== other.length) return false;
    for (let index = 0; index < left.length; index++) {
      if (!equals(left[index], other[index], path)) return false;
    }
    return true;
  }
  return left === right;
}
function step(env, path) {
  env.steps += 1;
  if (env.steps > MAX_STEPS) {
    throw new RuntimeFault("limit_exceeded", path, `more than ${MAX_STEPS} iteration steps in one evaluation`);
  }
}

// web_src/src/configurator/engine/inputs.ts
function readQuantity(context) {
  const raw = context.quantity;
  if (raw === void 0 || raw === null) return ONE;
  const quantity = toDecimal(raw);
  return quantity !== null && quantity.gt(ZERO) ? quantity : null;
}
function readOptions(ruleSet, values, env, shown) {
  const errors = [];
  ruleSet.options.forEach((option, index) => {
    env.slots[index] = null;
    const visible = option.visibleIf === null || needBool(option.visibleIf(env), option.visibleIfPath);
    shown(option.key, visible);
    if (!visible) return;
    const raw = Object.prototype.hasOwnProperty.call(values, option.key) ? values[option.key] : null;
    if (raw === null || raw === void 0) {
      if (option.fallback !== void 0) {
        env.slots[index] = option.fallback;
      } else {
        errors.push({ code: "required", option: option.key, message: "a value is required" });
      }
      return;
    }
    const checked2 = checkOptionValue(option, raw);
    if (checked2.ok) {
      env.slots[index] = checked2.value;
    } else {
      errors.push({ code: checked2.code, option: option.key, message: checked2.message });
    }
  });
  return errors;
}
function readInputs(ruleSet, values, context, env) {
  if (!isObject(values))
    return [{ code: "wrong_type", option: null, message: "the values must be an object: option key → value" }];
  const quantity = readQuantity(context);
  env.quantity = quantity ?? ONE;
  const errors = readOptions(ruleSet, values, env, () => void 0);
  const known = new Set(ruleSet.options.map((option) => option.key));
  for (const key of Object.keys(values).sort(byCodePoint)) {
    if (!known.has(key)) errors.push({ code: "unknown_option", option: key, message: `there is no option ${key}` });
  }
  if (quantity === null) {
    errors.push({ code: "bad_quantity", option: "quantity", message: "the quantity must be a decimal above 0" });
  }
  return errors;
}
function readVisibility(ruleSet, values, env) {
  const visibility2 = {};
  for (const option of ruleSet.options) visibility2[option.key] = false;
  try {
    readOptions(ruleSet, isObject(values) ? values : {}, env, (key, visible) => {
      visibility2[key] = visible;
    });
  } catch (error) {
    if (!(error instanceof RuntimeFault)) throw error;
  }
  return visibility2;
}

// web_src/src/configurator/engine/compiler.ts
var NEVER_RUN = () => null;
function compileArgs(c, args, depth, scope) {
  return args.map((arg) => c.node(arg.raw, arg.path, depth + 1, scope));
}
function refused() {
  return NEVER_RUN;
}
function recordProblem(problems, code, path, message) {
  problems.push({ code, path, message });
}

// web_src/src/configurator/engine/iterations.ts
function staticTable(raw, c) {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const keys = Object.keys(raw);
  if (keys.length !== 1) return null;
  const argument = raw[keys[0]];
  if (keys[0] === "var") {
    const name = Array.isArray(argument) ? argument[0] : argument;
    if (typeof name === "string" && name.startsWith("tables.") && c.names.tables.has(name.slice(7))) return name.slice(7);
    return null;
  }
  if (keys[0] === "filter" && Array.isArray(argument) && argument.length === 2) return staticTable(argument[0], c);
  return null;
}
function iteration(run2) {
  return (c, args, path, depth, scope) => {
    if (!c.arity(args, path, 2, 2)) return refused();
    const list = c.node(args[0].raw, args[0].path, depth + 1, scope);
    const inner = { ...scope, iterations: [...scope.iterations, staticTable(args[0].raw, c)] };
    const body = c.node(args[1].raw, args[1].path, depth + 1, inner);
    return (env) => run2(env, needList(list(env), path), body, path);
  };
}
function each(env, element, body, path) {
  step(env, path);
  env.its.push(element);
  try {
    return body(env);
  } finally {
    env.its.pop();
  }
}
var map = iteration((env, list, body, path) => list.map((element) => each(env, element, body, path)));
var filter = iteration((env, list, body, path) => list.filter((element) => needBool(each(env, element, body, path), path)));
var some = iteration((env, list, body, path) => list.some((element) => needBool(each(env, element, body, path), path)));
var all = iteration((env, list, body, path) => list.every((element) => needBool(each(env, element, body, path), path)));
var sum = (c, args, path, depth, scope) => {
  if (!c.arity(args, path, 1, 1)) return refused();
  const [list] = compileArgs(c, args, depth, scope);
  return (env) => {
    const elements = needList(list(env), path);
    let total = ZERO;
    for (const element of elements) total = total.plus(needDecimal(element, path));
    return checked(total, path);
  };
};
var LIST_OPERATORS = { sum, map, filter, some, all };

// web_src/src/configurator/engine/operators.ts
var ANY = Number.POSITIVE_INFINITY;
function evaluateAll(parts, env) {
  const values = new Array(parts.length);
  for (let index = 0; index < parts.length; index++) values[index] = parts[index](env);
  return values;
}
var ifThenElse = (c, args, path, depth, scope) => {
  if (!c.arity(args, path, 3, ANY)) return refused();
  if (args.length % 2 === 0) {
    c.problem("bad_arity", path, "if takes condition/value pairs and an else value (an odd count)");
    return refused();
  }
  const parts = compileArgs(c, args, depth, scope);
  const last = parts.length - 1;
  return (env) => {
    for (let index = 0; index < last; index += 2) {
      if (needBool(parts[index](env), path)) return parts[index + 1](env);
    }
    return parts[last](env);
  };
};
function junction(stopOn) {
  return (c, args, path, depth, scope) => {
    if (!c.arity(args, path, 1, ANY)) return refused();
    const parts = compileArgs(c, args, depth, scope);
    return (env) => {
      for (const part of parts) {
        if (needBool(part(env), path) === stopOn) return stopOn;
      }
      return !stopOn;
    };
  };
}
var not = (c, args, path, depth, scope) => {
  if (!c.arity(args, path, 1, 1)) return refused();
  const [operand] = compileArgs(c, args, depth, scope);
  return (env) => !needBool(operand(env), path);
};
function equality(negate) {
  return (c, args, path, depth, scope) => {
    if (!c.arity(args, path, 2, 2)) return refused();
    const [left, right] = compileArgs(c, args, depth, scope);
    return (env) => {
      const a = left(env);
      return equals(a, right(env), path) !== negate;
    };
  };
}
function ordering(holds) {
  return (c, args, path, depth, scope) => {
    if (!c.arity(args, path, 2, 3)) return refused();
    const parts = compileArgs(c, args, depth, scope);
    return (env) => {
      const values = evaluateAll(parts, env).map((value) => needDecimal(value, path));
      for (let index = 1; index < values.length; index++) {
        if (!holds(values[index - 1].cmp(values[index]))) return false;
      }
      return true;
    };
  };
}
var membership = (c, args, path, depth, scope) => {
  if (!c.arity(args, path, 2, 2)) return refused();
  const [item, list] = compileArgs(c, args, depth, scope);
  return (env) => {
    const value = item(env);
    const elements = needList(list(env), path);
    for (const element of elements) {
      if (equals(value, element, path)) return true;
    }
    return false;
  };
};
function decimals(parts, env, path) {
  return evaluateAll(parts, env).map((value) => needDecimal(value, path));
}
function fold(min, max, combine) {
  return (c, args, path, depth, scope) => {
    if (!c.arity(args, path, min, max)) return refused();
    const parts = compileArgs(c, args, depth, scope);
    return (env) => checked(combine(decimals(parts, env, path)), path);
  };
}
var plus = fold(1, ANY, (values) => values.reduce((sum2, value) => sum2.plus(value)));
var minus = fold(1, 2, (values) => values.length === 1 ? ZERO.minus(values[0]) : values[0].minus(values[1]));
var times = fold(2, ANY, (values) => values.reduce((product, value) => product.times(value)));
var minimum = fold(1, ANY, (values) => values.reduce((best, value) => value.lt(best) ? value : best));
var maximum = fold(1, ANY, (values) => values.reduce((best, value) => value.gt(best) ? value : best));
var division = (c, args, path, depth, scope) => {
  if (!c.arity(args, path, 2, 2)) return refused();
  const parts = compileArgs(c, args, depth, scope);
  return (env) => {
    const [dividend, divisor] = decimals(parts, env, path);
    if (isZero(divisor)) throw new RuntimeFault("division_by_zero", path, "division by zero");
    return checked(divide(dividend, divisor, env.divisionPlaces), path);
  };
};
function literalPlaces(raw) {
  if (typeof raw === "number" && Number.isInteger(raw) && raw >= 0 && raw <= 18) return raw;
  if (typeof raw === "string" && /^[0-9]{1,2}$/.test(raw) && Number(raw) <= 18) return Number(raw);
  return null;
}
var rounding = (c, args, path, depth, scope) => {
  if (!c.arity(args, path, 2, 2)) return refused();
  const value = c.node(args[0].raw, args[0].path, depth + 1, scope);
  const places = literalPlaces(args[1].raw);
  if (places === null) {
    return c.problem("bad_argument", args[1].path, "round's places must be a literal whole number from 0 to 18");
  }
  return (env) => checked(roundHalfUp(needDecimal(value(env), path), places), path);
};
var BASIC_OPERATORS = {
  if: ifThenElse,
  and: junction(false),
  or: junction(true),
  "!": not,
  "==": equality(false),
  "!=": equality(true),
  "<": ordering((comparison) => comparison < 0),
  "<=": ordering((comparison) => comparison <= 0),
  ">": ordering((comparison) => comparison > 0),
  ">=": ordering((comparison) => comparison >= 0),
  in: membership,
  "+": plus,
  "-": minus,
  "*": times,
  "/": division,
  min: minimum,
  max: maximum,
  round: rounding
};

// web_src/src/configurator/engine/tables.ts
var MAX_ROWS = 5e3;
var IDENTIFIER = /^[a-z][a-z0-9_]{0,63}$/;
function readCell(raw, path, report) {
  if (raw === null || typeof raw === "boolean") return raw;
  if (typeof raw === "number") {
    const reading = readJsonNumber(raw);
    if (reading.ok) return reading.value;
    report("bad_number", path, "a cell must be a decimal string or an integer of at most 15 digits");
    return void 0;
  }
  if (typeof raw === "string") {
    if (!looksDecimal(raw)) return raw;
    const reading = readDecimalText(raw);
    if (reading.ok) return reading.value;
    report("bad_number", path, "a decimal has at most 30 significant digits");
    return void 0;
  }
  report("bad_table", path, "a cell is a decimal, a text, a bool or null");
  return void 0;
}
function readColumns(raw, path, report) {
  if (!Array.isArray(raw) || raw.length === 0) {
    report("invalid_structure", path, "columns is a non-empty list of column names");
    return null;
  }
  let valid = true;
  raw.forEach((column, index) => {
    const columnPath = indexPath(path, index);
    if (typeof column !== "string" || !IDENTIFIER.test(column)) {
      report("bad_identifier", columnPath, "a column name is an identifier ([a-z][a-z0-9_]{0,63})");
      valid = false;
    } else if (raw.indexOf(column) < index) {
      report("bad_table", columnPath, `column ${column} is listed twice`);
      valid = false;
    }
  });
  return valid ? raw : null;
}
function readRows(raw, path, table, report) {
  if (!Array.isArray(raw) || raw.length > MAX_ROWS) {
    report("bad_table", path, `rows is a list of at most ${MAX_ROWS} rows`);
    return;
  }
  raw.forEach((row, rowIndex2) => {
    const rowPath = indexPath(path, rowIndex2);
    if (!Array.isArray(row) || row.length !== table.columns.length) {
      report("bad_table", rowPath, `a row is a list of ${table.columns.length} cells, one per column`);
      return;
    }
    const cells = row.map((raw2, index) => {
      const cellPath = indexPath(rowPath, index);
      const cell = readCell(raw2, cellPath, report);
      if (cell === void 0 || cell === null) return null;
      const type = typeOf(cell);
      const expected = table.columnTypes[index];
      if (expected === null) {
        table.columnTypes[index] = type;
      } else if (expected !== type) {
        report("bad_table", cellPath, `column ${table.columns[index]} holds ${expected} cells, not ${type}`);
      }
      return cell;
    });
    table.rows.push(cells);
    table.list.push(new Row(table.columns, cells));
  });
}
function readRanges(raw, path, table, report) {
  if (!isObject(raw)) {
    report("bad_table", path, "ranges maps a key to [from column, to column]");
    return;
  }
  for (const [key, bounds] of Object.entries(raw)) {
    const rangePath = keyPath(path, key);
    if (!IDENTIFIER.test(key)) {
      report("bad_identifier", rangePath, "a range key is an identifier ([a-z][a-z0-9_]{0,63})");
      continue;
    }
    if (table.columns.includes(key)) {
      report("bad_table", rangePath, `range key ${key} is also a column`);
      continue;
    }
    if (!Array.isArray(bounds) || bounds.length !== 2 || bounds.some((bound) => typeof bound !== "string")) {
      report("bad_table", rangePath, "a range is [from column, to column]");
      continue;
    }
    const indexes = bounds.map((bound) => table.columns.indexOf(bound));
    indexes.forEach((index, position) => {
      if (index < 0) report("unknown_column", indexPath(rangePath, position), `no column ${bounds[position]}`);
    });
    if (indexes.some((index) => index < 0)) continue;
    if (indexes.some((index) => table.columnTypes[index] !== null && table.columnTypes[index] !== "decimal")) {
      report("bad_table", rangePath, "the bounds of a range are decimal (or empty) cells");
      continue;
    }
    table.ranges.set(key, [indexes[0], indexes[1]]);
  }
}
function compileTable(raw, path, problems) {
  const report = (code, at, message) => problems.push({ code, path: at, message });
  if (!isObject(raw)) {
    report("invalid_structure", path, "a table is an object with columns and rows");
    return null;
  }
  for (const key of Object.keys(raw).sort(byCodePoint)) {
    if (!["columns", "rows", "ranges"].includes(key)) report("invalid_structure", keyPath(path, key), `unknown key ${key}`);
  }
  for (const key of ["columns", "rows"]) {
    if (!(key in raw)) report("invalid_structure", keyPath(path, key), `a table needs ${key}`);
  }
  if (!("columns" in raw)) return null;
  const columns = readColumns(raw.columns, keyPath(path, "columns"), report);
  if (columns === null) return null;
  const table = {
    columns,
    columnTypes: columns.map(() => null),
    rows: [],
    list: [],
    ranges: /* @__PURE__ */ new Map(),
    indexes: /* @__PURE__ */ new Map(),
    found: /* @__PURE__ */ new Map()
  };
  if ("rows" in raw) readRows(raw.rows, keyPath(path, "rows"), table, report);
  if ("ranges" in raw) readRanges(raw.ranges, keyPath(path, "ranges"), table, report);
  return table;
}
function tableRows(table) {
  return () => table.list;
}
function literalName(c, raw, path, what) {
  if (typeof raw === "string") return raw;
  c.problem("bad_argument", path, `${what} must be a literal text`);
  return null;
}
function cellKey(value) {
  if (isDecimal(value)) return `d${decimalText(value)}`;
  if (typeof value === "string") return `t${value}`;
  if (typeof value === "boolean") return value ? "b1" : "b0";
  return "x";
}
function rowIndex(table, columns) {
  const name = columns.join(",");
  let index = table.indexes.get(name);
  if (index === void 0) {
    index = /* @__PURE__ */ new Map();
    table.rows.forEach((row, position) => {
      if (columns.some((column) => row[column] === null)) return;
      const key = columns.map((column) => cellKey(row[column])).join("\0");
      const positions = index?.get(key);
      if (positions) positions.push(position);
      else index?.set(key, [position]);
    });
    table.indexes.set(name, index);
  }
  return name;
}
var MAX_REMEMBERED = 1e4;
function findRow(table, indexName, key, ranges, wanted) {
  const candidates = table.indexes.get(indexName)?.get(key);
  if (candidates === void 0) return -1;
  if (ranges.length === 0) return candidates[0];
  let remembered = `${indexName}${key}`;
  for (const [position, range] of ranges)
    remembered += `${range[0]},${range[1]}=${decimalText(wanted[position])}`;
  const known = table.found.get(remembered);
  if (known !== void 0) return known;
  const found = candidates.find((row) => ranges.every(([position, range]) => inRange(table.rows[row], range, wanted[position]))) ?? -1;
  if (table.found.size >= MAX_REMEMBERED) table.found.clear();
  table.found.set(remembered, found);
  return found;
}
function inRange(row, range, value) {
  const low = row[range[0]];
  const high = row[range[1]];
  return (low === null || value.gte(low)) && (high === null || value.lt(high));
}
var tableLookup = (c, args, path, depth, scope) => {
  if (!c.arity(args, path, 3, 4)) return NEVER_RUN;
  const [nameArg, matchArg, columnArg, defaultArg] = args;
  const name = literalName(c, nameArg.raw, nameArg.path, "table_lookup's table name");
  const table = name === null ? void 0 : c.names.tables.get(name);
  if (name !== null && table === void 0) c.problem("unknown_table", nameArg.path, `no table ${name}`);
  const matchList = [];
  if (!isObject(matchArg.raw)) {
    c.problem("bad_argument", matchArg.path, "table_lookup's match is a literal object: column → expression");
  } else {
    for (const [key, raw] of Object.entries(matchArg.raw)) {
      const keyAt = keyPath(matchArg.path, key);
      const column2 = table ? table.columns.indexOf(key) : -1;
      const range = table?.ranges.get(key) ?? null;
      if (table && column2 < 0 && range === null)
        c.problem("unknown_column", keyAt, `table ${name} has no column or range ${key}`);
      matchList.push({ key, value: c.node(raw, keyAt, depth + 1, scope), column: column2, range });
    }
  }
  const column = literalName(c, columnArg.raw, columnArg.path, "table_lookup's column");
  const resultColumn = table && column !== null ? table.columns.indexOf(column) : -1;
  if (table && column !== null && resultColumn < 0)
    c.problem("unknown_column", columnArg.path, `table ${name} has no column ${column}`);
  const fallback = defaultArg ? c.node(defaultArg.raw, defaultArg.path, depth + 1, scope) : null;
  if (!table || resultColumn < 0) return NEVER_RUN;
  const positions = matchList.map((_, index) => index);
  const equalities = positions.filter((index) => matchList[index].range === null);
  const ranges = positions.filter((index) => matchList[index].range !== null).map((index) => [index, matchList[index].range]);
  const indexName = rowIndex(
    table,
    equalities.map((position) => matchList[position].column)
  );
  return (env) => {
    const wanted = matchList.map((match) => match.value(env));
    const otherwise = fallback ? fallback(env) : void 0;
    matchList.forEach((match, index) => {
      const value = wanted[index];
      if (value === null) throw missing(path, `the value matched against ${match.key}`);
      const expected = match.range === null ? table.columnTypes[match.column] : "decimal";
      if (expected !== null && typeOf(value) !== expected) throw mismatch(path, `a ${expected} for ${match.key}`, value);
    });
    const key = equalities.map((index) => cellKey(wanted[index])).join("\0");
    const position = findRow(table, indexName, key, ranges, wanted);
    if (position >= 0) return table.rows[position][resultColumn];
    if (otherwise !== void 0) return otherwise;
    throw new RuntimeFault("no_match", path, `no row of the table matches`);
  };
};

// web_src/src/configurator/engine/expressions.ts
var MAX_DEPTH = 32;
var MAX_NODES_PER_EXPRESSION = 2e3;
var MAX_NODES_PER_RULE_SET = 5e4;
var OPERATORS = {
  ...BASIC_OPERATORS,
  ...LIST_OPERATORS,
  table_lookup: tableLookup,
  var: (c, args, path, depth, scope) => c.variable(args, path, depth, scope),
  missing: (c, args, path, _depth, scope) => c.missingKeys(args, path, scope)
};
var OWN_LITERALS = { var: [0], round: [1], missing: null, table_lookup: [0, 2] };
function countNodes(raw) {
  const pending = [raw];
  let count = 0;
  while (pending.length > 0) {
    const node = pending.pop();
    count += 1;
    if (Array.isArray(node)) {
      for (const element of node) pending.push(element);
      continue;
    }
    if (!isObject(node)) continue;
    const keys = Object.keys(node);
    if (keys.length !== 1) continue;
    const operator = keys[0];
    const argument = node[operator];
    const own = Object.prototype.hasOwnProperty.call(OWN_LITERALS, operator) ? OWN_LITERALS[operator] : [];
    if (own === null) continue;
    (Array.isArray(argument) ? argument : [argument]).forEach((arg, position) => {
      if (own.includes(position)) return;
      if (operator === "table_lookup" && position === 1 && isObject(arg)) {
        for (const value of Object.values(arg)) pending.push(value);
      } else {
        pending.push(arg);
      }
    });
  }
  return count;
}
function constant(value) {
  return () => value;
}
var ExpressionCompiler = class {
  constructor(names, problems) {
    this.names = names;
    this.problems = problems;
  }
  names;
  problems;
  /** nodes seen across the rule set */
  nodes = 0;
  problem(code, path, message) {
    recordProblem(this.problems, code, path, message);
    return NEVER_RUN;
  }
  arity(args, path, min, max) {
    if (args.length >= min && args.length <= max) return true;
    const wanted = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
    this.problem("bad_arity", path, `takes ${wanted} argument(s), got ${args.length}`);
    return false;
  }
  /** an expression at the root of a rule (`when`, `amount`, `value`, `visible_if`) */
  expression(raw, path, scope) {
    const count = countNodes(raw);
    this.nodes += count;
    if (count > MAX_NODES_PER_EXPRESSION) {
      this.problem("too_many_nodes", path, `an expression has at most ${MAX_NODES_PER_EXPRESSION} nodes, this one ${count}`);
    }
    return this.node(raw, path, 1, scope);
  }
  /** a node at `depth` (the root is 1) */
  node(raw, path, depth, scope) {
    if (depth > MAX_DEPTH) return this.problem("too_deep", path, `an expression nests at most ${MAX_DEPTH} levels`);
    if (raw === null || typeof raw === "boolean") return constant(raw);
    if (typeof raw === "number") {
      const reading = readJsonNumber(raw);
      if (reading.ok) return constant(reading.value);
      return this.problem("bad_number", path, 'write decimals as strings ("0.1"); JSON integers have at most 15 digits');
    }
    if (typeof raw === "string") {
      if (!looksDecimal(raw)) return constant(raw);
      const reading = readDecimalText(raw);
      if (reading.ok) return constant(reading.value);
      return this.problem("bad_number", path, "a decimal has at most 30 significant digits and 30 integer digits");
    }
    if (Array.isArray(raw)) return this.listLiteral(raw, path, depth, scope);
    if (!isObject(raw)) return this.problem("invalid_structure", path, "not an expression");
    const keys = Object.keys(raw);
    if (keys.length !== 1) return this.problem("invalid_structure", path, "an operator node has exactly one key");
    const operator = keys[0];
    const compile2 = Object.prototype.hasOwnProperty.call(OPERATORS, operator) ? OPERATORS[operator] : void 0;
    if (compile2 === void 0) return this.problem("unknown_operator", path, `unknown operator ${JSON.stringify(operator)}`);
    const argument = raw[operator];
    const argsPath = keyPath(path, operator);
    const args = Array.isArray(argument) ? argument.map((element, index) => ({ raw: element, path: indexPath(argsPath, index) })) : [{ raw: argument, path: argsPath }];
    return compile2(this, args, path, depth, scope);
  }
  listLiteral(raw, path, depth, scope) {
    if (raw.length > MAX_LIST) return this.problem("bad_argument", path, `a list has at most ${MAX_LIST} elements`);
    const elements = raw.map((element, index) => this.node(element, indexPath(path, index), depth + 1, scope));
    return (env) => elements.map((element) => element(env));
  }
  /** `var` (§3): a literal name, with an optional default expression */
  variable(args, path, depth, scope) {
    if (!this.arity(args, path, 1, 2)) return NEVER_RUN;
    const [{ raw: name }, defaultArg] = args;
    const read = typeof name === "string" && name !== "" ? this.resolve(name, path, scope) : this.problem("bad_argument", path, "var takes a literal name");
    const fallback = defaultArg ? this.node(defaultArg.raw, defaultArg.path, depth + 1, scope) : null;
    if (fallback === null) return read;
    return (env) => {
      const value = read(env);
      const otherwise = fallback(env);
      return value === null ? otherwise : value;
    };
  }
  resolve(name, path, scope) {
    if (name === "quantity") return (env) => env.quantity;
    if (name === "price") {
      if (!scope.price) return this.problem("unknown_variable", path, "price is readable only in a price rule's amount");
      return (env) => env.price;
    }
    if (name === "it" || name.startsWith("it.")) return this.element(name, path, scope);
    if (name.startsWith("tables.")) {
      const table = this.names.tables.get(name.slice(7));
      if (!table) return this.problem("unknown_table", path, `no table ${name.slice(7)}`);
      return tableRows(table);
    }
    const option = this.names.options.get(name);
    if (option !== void 0) {
      if (option >= scope.optionsBefore) {
        return this.problem("forward_reference", path, `option ${name} is declared later`);
      }
      return (env) => env.slots[option];
    }
    const derived = this.names.derived.get(name);
    if (derived !== void 0) {
      if (derived >= scope.derivedBefore) {
        return this.problem("forward_reference", path, `derived value ${name} is not available here yet`);
      }
      const slot = this.names.options.size + derived;
      return (env) => env.slots[slot];
    }
    return this.problem("unknown_variable", path, `unknown name ${name}`);
  }
  /** `it` / `it.column`: the innermost iteration's element */
  element(name, path, scope) {
    if (scope.iterations.length === 0) return this.problem("unknown_variable", path, "it is readable only inside an iteration");
    if (name === "it") return (env) => env.its[env.its.length - 1];
    const tableName = scope.iterations[scope.iterations.length - 1];
    const table = tableName === null ? void 0 : this.names.tables.get(tableName);
    if (!table) return this.problem("unknown_variable", path, `${name}: the iterated list is not a table's rows`);
    const column = name.slice(3);
    const index = table.columns.indexOf(column);
    if (index < 0) return this.problem("unknown_column", path, `table ${tableName} has no column ${column}`);
    return (env) => {
      const row = env.its[env.its.length - 1];
      if (!(row instanceof Row)) throw mismatch(path, "a table row", row);
      return row.cells[index];
    };
  }
  /** `missing`: the literal option keys whose value is null, in argument order */
  missingKeys(args, path, scope) {
    if (!this.arity(args, path, 1, Number.POSITIVE_INFINITY)) return NEVER_RUN;
    const slots = [];
    for (const arg of args) {
      if (typeof arg.raw !== "string") {
        this.problem("bad_argument", arg.path, "missing takes literal option keys");
        continue;
      }
      const option = this.names.options.get(arg.raw);
      if (option === void 0) {
        this.problem("unknown_variable", arg.path, `no option ${arg.raw}`);
      } else if (option >= scope.optionsBefore) {
        this.problem("forward_reference", arg.path, `option ${arg.raw} is declared later`);
      } else {
        slots.push([arg.raw, option]);
      }
    }
    return (env) => slots.filter(([, slot]) => env.slots[slot] === null).map(([key]) => key);
  }
};

// web_src/src/configurator/engine/validate.ts
var PHASES = ["list", "adjust", "discount", "surcharge", "final"];
var ROOT_KEYS = [
  "schema",
  "precision",
  "options",
  "tables",
  "derived",
  "constraints",
  "price_rules",
  "cost_rules",
  "guardrails"
];
var RESERVED = ["quantity", "price", "it", "tables"];
var GUARDRAIL_KEYS = ["id", "kind", "percent", "by_role", "default", "message"];
var EVERYWHERE = { optionsBefore: Infinity, derivedBefore: Infinity, price: false, iterations: [] };
var RuleSetReader = class extends StructureReader {
  ids = /* @__PURE__ */ new Set();
  compiler;
  ruleSet = {
    money: 2,
    division: 6,
    options: [],
    derived: [],
    constraints: [],
    priceRules: [],
    costRules: [],
    guardrails: []
  };
  constructor(problems, tables, options, derived) {
    super(problems);
    this.compiler = new ExpressionCompiler({ options, derived, tables }, problems);
  }
  /** an id or option key: an identifier, not reserved, unique across the rule set */
  id(raw, path) {
    if (typeof raw !== "string" || !IDENTIFIER.test(raw)) {
      this.report("bad_identifier", path, `${JSON.stringify(raw)} is not an identifier ([a-z][a-z0-9_]{0,63})`);
      return typeof raw === "string" ? raw : "";
    }
    if (RESERVED.includes(raw)) {
      this.report("reserved_name", path, `${raw} is a reserved name`);
    } else if (this.ids.has(raw)) {
      this.report("duplicate_id", path, `${raw} is already used`);
    }
    this.ids.add(raw);
    return raw;
  }
  entries(raw, key, read) {
    if (!(key in raw)) return;
    const list = this.list(raw[key], keyPath("$", key), key);
    list?.forEach((item, index) => read(item, indexPath(keyPath("$", key), index), index));
  }
  precision(raw) {
    const precision = this.object(raw, "$.precision", "precision", [], ["money", "division"]);
    if (precision === null) return;
    if ("money" in precision) this.ruleSet.money = this.integer(precision.money, "$.precision.money", "money", 0, 6) ?? 2;
    if ("division" in precision) {
      this.ruleSet.division = this.integer(precision.division, "$.precision.division", "division", 0, 18) ?? 6;
    }
  }
  option(raw, path, index) {
    const item = this.object(raw, path, "an option", ["key", "type"], OPTION_KEYS);
    if (item === null) return;
    const option = {
      key: "key" in item ? this.id(item.key, keyPath(path, "key")) : "",
      type: "decimal",
      values: [],
      min: null,
      max: null,
      step: null,
      minCount: null,
      maxCount: null,
      fallback: void 0,
      visibleIf: null,
      visibleIfPath: keyPath(path, "visible_if")
    };
    if ("label" in item) this.text(item.label, keyPath(path, "label"), "label");
    let valid = OPTION_TYPES.includes(item.type);
    if ("type" in item && !valid) {
      this.report("invalid_structure", keyPath(path, "type"), `type is one of ${OPTION_TYPES.join(", ")}`);
    }
    if (valid) {
      option.type = item.type;
      for (const key of inapplicableKeys(option.type)) {
        if (key in item) this.report("invalid_structure", keyPath(path, key), `${key} does not apply to a ${option.type} option`);
      }
      if ((option.type === "enum" || option.type === "multi") && !("values" in item)) {
        this.report("invalid_structure", keyPath(path, "values"), `a ${option.type} option needs values`);
        valid = false;
      }
    }
    valid = readOptionBounds(this, item, path, option) && valid;
    if ("default" in item && valid && IDENTIFIER.test(option.key))
      readOptionDefault(this, item.default, keyPath(path, "default"), option);
    if ("help" in item) this.text(item.help, keyPath(path, "help"), "help");
    if ("visible_if" in item) {
      const scope = { optionsBefore: index, derivedBefore: -1, price: false, iterations: [] };
      option.visibleIf = this.compiler.expression(item.visible_if, option.visibleIfPath, scope);
    }
    this.ruleSet.options.push(option);
  }
  derived(raw, path, index) {
    const item = this.object(raw, path, "a derived value", ["id", "value"], ["id", "value"]);
    if (item === null) return;
    const id = "id" in item ? this.id(item.id, keyPath(path, "id")) : "";
    const scope = { ...EVERYWHERE, derivedBefore: index };
    const value = "value" in item ? this.compiler.expression(item.value, keyPath(path, "value"), scope) : null;
    if (value) this.ruleSet.derived.push({ id, value });
  }
  constraint(raw, path) {
    const keys = ["id", "level", "when", "message"];
    const item = this.object(raw, path, "a constraint", keys, keys);
    if (item === null) return;
    const id = "id" in item ? this.id(item.id, keyPath(path, "id")) : "";
    if ("level" in item && item.level !== "error" && item.level !== "warning") {
      this.report("invalid_structure", keyPath(path, "level"), "level is error or warning");
    }
    const whenPath = keyPath(path, "when");
    const when = "when" in item ? this.compiler.expression(item.when, whenPath, EVERYWHERE) : null;
    const message = "message" in item ? this.text(item.message, keyPath(path, "message"), "message") : null;
    if (when)
      this.ruleSet.constraints.push({
        id,
        level: item.level === "error" ? "error" : "warning",
        when,
        whenPath,
        message: message ?? ""
      });
  }
  rule(raw, path, priced2) {
    const required = priced2 ? ["id", "phase", "amount"] : ["id", "amount"];
    const allowed = priced2 ? ["id", "phase", "label", "when", "amount"] : ["id", "when", "amount"];
    const item = this.object(raw, path, priced2 ? "a price rule" : "a cost rule", required, allowed);
    if (item === null) return;
    const id = "id" in item ? this.id(item.id, keyPath(path, "id")) : "";
    if ("phase" in item && !PHASES.includes(item.phase)) {
      this.report("invalid_structure", keyPath(path, "phase"), `phase is one of ${PHASES.join(", ")}`);
    }
    const label = "label" in item ? this.text(item.label, keyPath(path, "label"), "label") : null;
    const whenPath = keyPath(path, "when");
    const when = "when" in item ? this.compiler.expression(item.when, whenPath, EVERYWHERE) : null;
    const amountPath = keyPath(path, "amount");
    const scope = { ...EVERYWHERE, price: priced2 };
    const amount = "amount" in item ? this.compiler.expression(item.amount, amountPath, scope) : null;
    if (amount === null) return;
    const rule = {
      id,
      label: label ?? id,
      phase: item.phase ?? "list",
      when,
      whenPath,
      amount,
      amountPath
    };
    (priced2 ? this.ruleSet.priceRules : this.ruleSet.costRules).push(rule);
  }
  guardrail(raw, path) {
    const item = this.object(raw, path, "a guardrail", ["id", "kind", "message"], GUARDRAIL_KEYS);
    if (item === null) return;
    const id = "id" in item ? this.id(item.id, keyPath(path, "id")) : "";
    const kind = item.kind;
    if ("kind" in item && kind !== "min_margin" && kind !== "max_discount") {
      this.report("invalid_structure", keyPath(path, "kind"), "kind is min_margin or max_discount");
    }
    const inapplicable = kind === "min_margin" ? ["by_role", "default"] : kind === "max_discount" ? ["percent"] : [];
    for (const key of inapplicable) {
      if (key in item) this.report("invalid_structure", keyPath(path, key), `${key} does not apply to ${kind}`);
    }
    if (kind === "min_margin" && !("percent" in item))
      this.report("invalid_structure", keyPath(path, "percent"), "min_margin needs percent");
    const percent = "percent" in item ? this.decimal(item.percent, keyPath(path, "percent"), "percent") : null;
    const byRole = /* @__PURE__ */ new Map();
    if ("by_role" in item) {
      const rolesPath = keyPath(path, "by_role");
      const roles = isObject(item.by_role) ? item.by_role : null;
      if (roles === null) this.report("invalid_structure", rolesPath, "by_role maps a role to a percent");
      for (const [role, limit] of Object.entries(roles ?? {})) {
        const rolePath = keyPath(rolesPath, role);
        if (!IDENTIFIER.test(role)) this.report("bad_identifier", rolePath, "a role is an identifier");
        const value = this.decimal(limit, rolePath, "a role's limit");
        if (value !== null) byRole.set(role, value);
      }
    }
    const fallback = "default" in item ? this.decimal(item.default, keyPath(path, "default"), "default") : null;
    const message = "message" in item ? this.text(item.message, keyPath(path, "message"), "message") ?? "" : "";
    if (kind === "min_margin" || kind === "max_discount")
      this.ruleSet.guardrails.push({ id, kind, message, percent, byRole, fallback });
  }
};
function declaredNames(raw, key, idKey) {
  const names = /* @__PURE__ */ new Map();
  const list = raw[key];
  if (!Array.isArray(list)) return names;
  list.forEach((item, index) => {
    const name = isObject(item) ? item[idKey] : void 0;
    if (typeof name === "string" && !names.has(name)) names.set(name, index);
  });
  return names;
}
function readTables(raw, problems) {
  const tables = /* @__PURE__ */ new Map();
  if (!("tables" in raw)) return tables;
  const reader = new StructureReader(problems);
  if (!isObject(raw.tables)) {
    reader.report("invalid_structure", "$.tables", "tables maps a name to a table");
    return tables;
  }
  for (const [name, table] of Object.entries(raw.tables)) {
    const path = keyPath("$.tables", name);
    if (!IDENTIFIER.test(name)) reader.report("bad_identifier", path, "a table name is an identifier ([a-z][a-z0-9_]{0,63})");
    const compiled = compileTable(table, path, problems);
    if (compiled) tables.set(name, compiled);
  }
  return tables;
}
function compileRuleSet(content) {
  const problems = [];
  const root = new StructureReader(problems).object(content, "$", "a rule set", ["schema", "options"], ROOT_KEYS);
  if (root === null) return { ok: false, problems };
  const tableProblems = [];
  const tables = readTables(root, tableProblems);
  const r = new RuleSetReader(problems, tables, declaredNames(root, "options", "key"), declaredNames(root, "derived", "id"));
  if ("schema" in root && root.schema !== 1) r.report("invalid_structure", "$.schema", "schema must be 1");
  if ("precision" in root) r.precision(root.precision);
  r.entries(root, "options", (item, path, index) => r.option(item, path, index));
  problems.push(...tableProblems);
  r.entries(root, "derived", (item, path, index) => r.derived(item, path, index));
  r.entries(root, "constraints", (item, path) => r.constraint(item, path));
  r.entries(root, "price_rules", (item, path) => r.rule(item, path, true));
  r.entries(root, "cost_rules", (item, path) => r.rule(item, path, false));
  r.entries(root, "guardrails", (item, path) => r.guardrail(item, path));
  if (r.compiler.nodes > MAX_NODES_PER_RULE_SET) {
    r.report(
      "too_many_nodes",
      "$",
      `a rule set has at most ${MAX_NODES_PER_RULE_SET} expression nodes, this one ${r.compiler.nodes}`
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  const ruleSet = r.ruleSet;
  ruleSet.priceRules = PHASES.flatMap((phase) => ruleSet.priceRules.filter((rule) => rule.phase === phase));
  return { ok: true, ruleSet };
}

// web_src/src/configurator/engine/evaluate.ts
var TOTALS_PATH = "$";
function visibility(ruleSet, values) {
  return readVisibility(ruleSet, values, newEnv(ruleSet));
}
function percentOf(numerator, denominator, places) {
  return checked(divide(numerator.times(HUNDRED), denominator, places), TOTALS_PATH);
}
function priced(ruleSet, env, context) {
  const trace = [];
  const optionCount = ruleSet.options.length;
  const values = {};
  ruleSet.options.forEach((option, index) => {
    values[option.key] = outputValue(env.slots[index]);
  });
  const derived = {};
  ruleSet.derived.forEach((item, index) => {
    const value = item.value(env);
    env.slots[optionCount + index] = value;
    derived[item.id] = outputValue(value);
    trace.push(`derived:${item.id}`);
  });
  const errors = [];
  const warnings = [];
  for (const constraint of ruleSet.constraints) {
    if (!needBool(constraint.when(env), constraint.whenPath)) continue;
    (constraint.level === "error" ? errors : warnings).push({
      code: "constraint",
      rule: constraint.id,
      message: constraint.message
    });
    trace.push(`constraint:${constraint.id}`);
  }
  const subtotals = { list: ZERO, adjust: ZERO, discount: ZERO, surcharge: ZERO, final: ZERO };
  const breakdown = [];
  env.price = ZERO;
  for (const rule of ruleSet.priceRules) {
    if (rule.when !== null && !needBool(rule.when(env), rule.whenPath)) continue;
    const amount = needDecimal(rule.amount(env), rule.amountPath);
    env.price = checked(env.price.plus(amount), rule.amountPath);
    subtotals[rule.phase] = checked(subtotals[rule.phase].plus(amount), rule.amountPath);
    breakdown.push({ rule: rule.id, phase: rule.phase, label: rule.label, amount: decimalText(amount) });
    trace.push(`price:${rule.id}`);
  }
  const price = env.price;
  env.price = null;
  let cost = ZERO;
  for (const rule of ruleSet.costRules) {
    if (rule.when !== null && !needBool(rule.when(env), rule.whenPath)) continue;
    cost = checked(cost.plus(needDecimal(rule.amount(env), rule.amountPath)), rule.amountPath);
    trace.push(`cost:${rule.id}`);
  }
  const money = ruleSet.money;
  const unitPrice = roundHalfUp(price, money);
  const total = checked(roundHalfUp(unitPrice.times(env.quantity), money), TOTALS_PATH);
  const unitCost = roundHalfUp(cost, money);
  const totalCost = checked(roundHalfUp(unitCost.times(env.quantity), money), TOTALS_PATH);
  const base = subtotals.list.plus(subtotals.adjust);
  const discount = isZero(base) ? ZERO : percentOf(ZERO.minus(subtotals.discount), base, ruleSet.division);
  const margin = isZero(unitPrice) ? null : percentOf(unitPrice.minus(unitCost), unitPrice, ruleSet.division);
  const role = typeof context.role === "string" ? context.role : null;
  const guardrails = [];
  for (const guardrail of ruleSet.guardrails) {
    if (guardrail.kind === "min_margin") {
      const limit = guardrail.percent ?? ZERO;
      if (margin !== null && margin.gte(limit)) continue;
      guardrails.push({ ...breach(guardrail), limit: decimalText(limit), actual: margin === null ? null : decimalText(margin) });
    } else {
      const limit = (role === null ? void 0 : guardrail.byRole.get(role)) ?? guardrail.fallback;
      if (limit === null || discount.lte(limit)) continue;
      guardrails.push({ ...breach(guardrail), limit: decimalText(limit), actual: decimalText(discount) });
    }
    trace.push(`guardrail:${guardrail.id}`);
  }
  const phases = {};
  for (const phase of PHASES) phases[phase] = decimalText(subtotals[phase]);
  return {
    ok: errors.length === 0,
    values,
    derived,
    phases,
    unit_price: moneyText(unitPrice, money),
    total: moneyText(total, money),
    unit_cost: moneyText(unitCost, money),
    total_cost: moneyText(totalCost, money),
    discount_percent: decimalText(discount),
    margin_percent: margin === null ? null : decimalText(margin),
    errors,
    warnings,
    guardrails,
    breakdown,
    trace
  };
}
function breach(guardrail) {
  return { id: guardrail.id, kind: guardrail.kind, message: guardrail.message };
}
function newEnv(ruleSet) {
  return {
    slots: new Array(ruleSet.options.length + ruleSet.derived.length).fill(null),
    quantity: ZERO,
    price: null,
    its: [],
    steps: 0,
    divisionPlaces: ruleSet.division
  };
}
function run(ruleSet, values, context = {}) {
  const env = newEnv(ruleSet);
  try {
    const inputErrors = readInputs(ruleSet, values, context ?? {}, env);
    if (inputErrors.length > 0) return { ok: false, errors: inputErrors };
    return priced(ruleSet, env, context ?? {});
  } catch (error) {
    if (error instanceof RuntimeFault) {
      return { ok: false, errors: [{ code: error.code, path: error.path, message: error.message }] };
    }
    throw error;
  }
}

// web_src/src/configurator/engine/index.ts
var InvalidRuleSetError = class extends Error {
  constructor(problems) {
    super(`invalid rule set: ${problems.map((problem) => `${problem.path} ${problem.code}`).join("; ")}`);
    this.problems = problems;
  }
  problems;
};
function compile(content) {
  const compilation = compileRuleSet(content);
  if (!compilation.ok) throw new InvalidRuleSetError(compilation.problems);
  const ruleSet = compilation.ruleSet;
  return {
    evaluate: (values, context) => run(ruleSet, values, context),
    visibleOptions: (values) => visibility(ruleSet, values)
  };
}

// web_src/src/configurator/money.ts
import { localization } from "@web/core/l10n/localization";
var Money = big_default();
Money.RM = 1;
function groupDigits(digits) {
  const size = localization.grouping?.[0] || 3;
  const separator = localization.thousandsSep ?? "";
  if (!separator) {
    return digits;
  }
  const groups = [];
  for (let end = digits.length; end > 0; end -= size) {
    groups.unshift(digits.slice(Math.max(0, end - size), end));
  }
  return groups.join(separator);
}
function formatAmount(amount, decimals2) {
  let fixed;
  try {
    fixed = new Money(amount).toFixed(Math.max(0, decimals2), 1);
  } catch {
    return amount;
  }
  const negative = fixed.startsWith("-");
  const [integer, fraction] = (negative ? fixed.slice(1) : fixed).split(".");
  const text = groupDigits(integer) + (fraction ? localization.decimalPoint + fraction : "");
  return negative && /[1-9]/.test(fixed) ? `-${text}` : text;
}
function formatMoney(amount, currency) {
  const number = formatAmount(amount, currency.decimals);
  return currency.position === "before" ? `${currency.symbol} ${number}` : `${number} ${currency.symbol}`;
}
function formatPercent(percent) {
  return `${percent.replace(".", localization.decimalPoint)} %`;
}
var PHASES2 = ["list", "adjust", "discount", "surcharge", "final"];
function phaseLabel(phase) {
  switch (phase) {
    case "list":
      return _t("List price");
    case "adjust":
      return _t("Adjustments");
    case "discount":
      return _t("Discounts");
    case "surcharge":
      return _t("Surcharges");
    default:
      return _t("Final adjustments");
  }
}

// web_src/src/configurator/configurator_dialog.ts
var nextDialogId = 1;
function isZero2(amount) {
  return /^-?0(\.0*)?$/.test(amount);
}
var ConfiguratorDialog = class extends Component5 {
  static template = "addon_ops_harmony.ConfiguratorDialog";
  static components = { Dialog: Dialog2 };
  static props = {
    orderId: { type: Number },
    lineId: { type: [Number, Boolean] },
    productId: { type: Number },
    productName: { type: String },
    onApplied: { type: Function, optional: true },
    close: { type: Function }
  };
  setup() {
    this.orm = useService3("orm");
    this.notification = useService3("notification");
    this.idPrefix = `o_ops_harmony_configurator_${nextDialogId++}`;
    this.evaluator = null;
    this.state = useState2({
      config: null,
      loadError: "",
      fields: {},
      quantity: "1",
      badInput: {},
      evaluation: null,
      shown: {},
      applyError: "",
      submitting: false,
      applied: null
    });
    const form = useRef2("form");
    onWillStart2(() => this.load());
    onMounted2(() => form.el?.querySelector("input, select")?.focus());
  }
  async load() {
    try {
      const config = await loadConfiguration(this.orm, this.props.productId, this.props.lineId);
      this.evaluator = compile(config.content);
      this.state.config = markRaw(config);
      this.state.fields = initialFields(config.content, config.values ?? {});
      this.state.quantity = config.quantity || "1";
      this.recompute();
    } catch (error) {
      this.state.loadError = serverMessage(error);
    }
  }
  /** Evaluates the current input with the browser's engine; the dialog shows nothing else. */
  recompute() {
    const config = this.state.config;
    if (!config || !this.evaluator) {
      return;
    }
    const values = engineValues(config.content, this.state.fields);
    const evaluation = this.evaluator.evaluate(values, { quantity: this.state.quantity.trim(), role: config.role });
    this.state.evaluation = markRaw(evaluation);
    this.state.shown = this.evaluator.visibleOptions(values);
  }
  // --- what the template reads
  get title() {
    return _t("Configure %(product)s", { product: this.props.productName });
  }
  get formId() {
    return `${this.idPrefix}_form`;
  }
  get options() {
    return this.state.config?.content.options ?? [];
  }
  inputId(key, choice) {
    return choice === void 0 ? `${this.idPrefix}_${key}` : `${this.idPrefix}_${key}_${choice}`;
  }
  label(option) {
    return optionLabel(option);
  }
  usesRadios(option) {
    return usesRadios(option);
  }
  get errorsByOption() {
    const errors = inputErrorsByOption(this.state.evaluation);
    for (const key of Object.keys(this.state.badInput)) {
      if (this.state.badInput[key]) {
        errors[key] = [_t("Enter a number."), ...errors[key] ?? []];
      }
    }
    return errors;
  }
  /** the ids an input is described by: its help and its errors */
  describedBy(option, errors) {
    const ids = [];
    if (option.help) {
      ids.push(`${this.inputId(option.key)}_help`);
    }
    if (errors[option.key]) {
      ids.push(`${this.inputId(option.key)}_error`);
    }
    return ids.join(" ");
  }
  get generalErrors() {
    return generalErrors(this.state.evaluation);
  }
  get priced() {
    const evaluation = this.state.evaluation;
    return evaluation && "unit_price" in evaluation ? evaluation : null;
  }
  get phases() {
    const priced2 = this.priced;
    if (!priced2) {
      return [];
    }
    return PHASES2.map((phase) => ({
      phase,
      label: phaseLabel(phase),
      subtotal: priced2.phases[phase],
      // a rule that applied for nothing (a minimum charge already met) is noise to the reader
      lines: priced2.breakdown.filter((line) => line.phase === phase && !isZero2(line.amount))
    })).filter((phase) => phase.lines.length);
  }
  /** a breached guardrail: confirming the quote will ask an approval, with its message as the reason */
  needsApproval(message) {
    return _t("Needs approval: %(reason)s", { reason: message });
  }
  money(amount) {
    return this.state.config ? formatMoney(amount, this.state.config.currency) : amount;
  }
  percent(value) {
    return formatPercent(value);
  }
  get canAdd() {
    return Boolean(
      this.state.evaluation?.ok && !this.state.submitting && !this.state.applied && !Object.values(this.state.badInput).some(Boolean)
    );
  }
  // --- input
  onDecimalInput(key, ev) {
    const input = ev.target;
    this.state.badInput[key] = Boolean(input.validity?.badInput);
    if (!this.state.badInput[key]) {
      this.state.fields[key] = input.value;
    }
    this.recompute();
  }
  onEnumChange(key, value) {
    this.state.fields[key] = value;
    this.recompute();
  }
  onBoolChange(key, ev) {
    this.state.fields[key] = ev.target.checked;
    this.recompute();
  }
  onMultiChange(key, value, ev) {
    const chosen = this.state.fields[key].filter((item) => item !== value);
    if (ev.target.checked) {
      chosen.push(value);
    }
    this.state.fields[key] = chosen;
    this.recompute();
  }
  onQuantityInput(ev) {
    const input = ev.target;
    this.state.badInput[QUANTITY_KEY] = Boolean(input.validity?.badInput);
    if (!this.state.badInput[QUANTITY_KEY]) {
      this.state.quantity = input.value;
    }
    this.recompute();
  }
  /** "Add to quote" (its button, or Enter in any input): the server evaluates again and writes the line. */
  async onSubmit() {
    const config = this.state.config;
    const browserOutput = this.state.evaluation;
    if (!config || !browserOutput || !this.canAdd) {
      return;
    }
    this.state.submitting = true;
    this.state.applyError = "";
    let applied;
    try {
      applied = await applyConfiguration(this.orm, this.props.orderId, {
        line_id: this.props.lineId,
        product_id: this.props.productId,
        version_id: config.version_id,
        values: engineValues(config.content, this.state.fields),
        quantity: this.state.quantity.trim(),
        browser_output: browserOutput
      });
    } catch (error) {
      this.state.applyError = serverMessage(error);
      this.state.submitting = false;
      return;
    }
    if (applied.differs) {
      this.state.applied = markRaw(applied);
      this.state.evaluation = markRaw(applied.output);
      this.state.submitting = false;
    } else {
      this.notification.add(_t("%(product)s added to the quote", { product: this.props.productName }), {
        type: "success"
      });
      this.props.close();
    }
    await this.props.onApplied?.(applied);
  }
};

// web_src/src/configurator/configure_button.ts
var ORDER_LINES_FIELD = "order_line";
function many2one(value) {
  return value && typeof value === "object" && typeof value.id === "number" ? value : null;
}
function orderLines(order) {
  return order.data[ORDER_LINES_FIELD]?.records ?? [];
}
async function saveOrderForLine(order, line) {
  if (line.resId && order.resId && !await order.isDirty()) {
    return line.resId;
  }
  const before = orderLines(order);
  const known = new Set(before.map((record) => record.resId).filter(Boolean));
  const rank = before.filter((record) => !record.resId).indexOf(line);
  if (!await order.save()) {
    return false;
  }
  if (line.resId) {
    return line.resId;
  }
  const created = orderLines(order).filter((record) => record.resId && !known.has(record.resId));
  return created[rank]?.resId || false;
}
var ConfigureButton = class extends Component6 {
  static template = "addon_ops_harmony.ConfigureButton";
  static props = { ...standardFieldProps };
  setup() {
    this.dialog = useService4("dialog");
    this.state = useState3({ busy: false });
  }
  get hasRuleset() {
    return Boolean(many2one(this.props.record.data[this.props.name]));
  }
  get product() {
    return many2one(this.props.record.data.product_id);
  }
  get title() {
    return _t("Configure this line: options and price from its rule set");
  }
  async onConfigure() {
    const product = this.product;
    if (this.state.busy || !product) {
      return;
    }
    const line = this.props.record;
    const order = line.model.root;
    this.state.busy = true;
    let lineId;
    try {
      lineId = await saveOrderForLine(order, line);
    } finally {
      this.state.busy = false;
    }
    if (!lineId || !order.resId) {
      return;
    }
    this.dialog.add(ConfiguratorDialog, {
      orderId: order.resId,
      lineId,
      productId: product.id,
      productName: (product.display_name ?? "").split("\n")[0],
      onApplied: () => order.load()
    });
  }
};
var configureButtonField = {
  component: ConfigureButton,
  displayName: _t("Configure button"),
  supportedTypes: ["many2one"],
  fieldDependencies: [{ name: "product_id", type: "many2one" }]
};

// web_src/src/control_room/control_room.ts
import { Component as Component7, onWillStart as onWillStart3, useState as useState4 } from "@odoo/owl";
import { user } from "@web/core/user";
import { useService as useService5 } from "@web/core/utils/hooks";

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
var ControlRoom = class extends Component7 {
  static template = "addon_ops_harmony.ControlRoom";
  // a client action receives the action service's props (action, actionId, className, ...)
  static props = ["*"];
  setup() {
    this.orm = useService5("orm");
    this.action = useService5("action");
    this.cards = [];
    this.loadId = 0;
    this.state = useState4({ cards: {}, refreshing: false });
    onWillStart3(() => this.loadCounts());
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
import { Component as Component8, onMounted as onMounted3, onWillUnmount } from "@odoo/owl";
import { formatDateTime } from "@web/core/l10n/dates";
import { standardFieldProps as standardFieldProps2 } from "@web/views/fields/standard_field_props";

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
var SlaCountdown = class extends Component8 {
  static template = "addon_ops_harmony.SlaCountdown";
  static props = { ...standardFieldProps2 };
  setup() {
    this.intervalId = null;
    onMounted3(() => {
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
registry.category("actions").add("addon_ops_harmony.ai_review", LazyReviewScreen);
registry.category("fields").add("ops_sla_countdown", slaCountdownField);
registry.category("fields").add("ops_config_button", configureButtonField);
installApprovalActivityPatches();
export {
  ApprovalButtons,
  ApprovalDecisionDialog,
  ConfiguratorDialog,
  ConfigureButton,
  ControlRoom,
  LazyReviewScreen,
  SlaCountdown,
  configureButtonField,
  slaCountdownField
};
