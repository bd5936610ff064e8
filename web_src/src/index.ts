// The one glue point between the components and Odoo: registries are touched and Odoo's
// components patched here and only here (and, for a lazily loaded screen, in its bundle's entry
// such as ./index_ai_review.ts), so everything under web_src/src stays importable and testable
// without Odoo.
import { registry } from "@web/core/registry";
import { LazyReviewScreen } from "./ai_review/lazy_review";
import { installApprovalActivityPatches } from "./approval_activity/activity_patches";
import { ApprovalButtons } from "./approval_activity/approval_buttons";
import { ApprovalDecisionDialog } from "./approval_activity/approval_decision_dialog";
import { ConfigureButton, configureButtonField } from "./configurator/configure_button";
import { ConfiguratorDialog } from "./configurator/configurator_dialog";
import { ControlRoom } from "./control_room/control_room";
import { SlaCountdown, slaCountdownField } from "./sla_countdown/sla_countdown";

// client action tag: an ir.actions.client record with tag="addon_ops_harmony.control_room" opens it
registry.category("actions").add("addon_ops_harmony.control_room", ControlRoom);

// client action tag: ops.ai.job.action_open_review opens the review screen of one AI intake job;
// the screen is its own bundle, loaded on first use (ai_review/lazy_review.ts)
registry.category("actions").add("addon_ops_harmony.ai_review", LazyReviewScreen);

// field widget: <field name="ops_sla_deadline" widget="ops_sla_countdown"/> on crm.lead
registry.category("fields").add("ops_sla_countdown", slaCountdownField);

// field widget: <field name="ops_config_ruleset_id" widget="ops_config_button"/> on quote lines
registry.category("fields").add("ops_config_button", configureButtonField);

// Approve / Reject on approval activities (mail.activity.ops_approval), in the chatter and in the
// activity popover of list, kanban and activity views
installApprovalActivityPatches();

// Odoo names this module "@addon_ops_harmony/generated/ops_harmony.bundle"; the exports let
// Odoo-side code and tests reach the components. (An ES module needs at least one export for
// esbuild to keep it ES: package.json says "type": "commonjs".)
export {
  ApprovalButtons,
  ApprovalDecisionDialog,
  ConfigureButton,
  configureButtonField,
  ConfiguratorDialog,
  ControlRoom,
  LazyReviewScreen,
  SlaCountdown,
  slaCountdownField,
};
