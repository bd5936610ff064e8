// Puts the approval buttons into Odoo's own activity components, wherever activities are shown:
// - Activity: the activities of a record's chatter;
// - ActivityListPopoverItem: the popover of the activity widget in list and kanban views and of
//   the cells of the activity view.
// - ActivityMenu: the systray's activity clock, whose "Approvals" group (made by the server, see
//   models/approvals/ops_approval_systray.py) lists each pending approval with its snapshot and buttons,
//   and opens "My approvals" rather than a view of a model the approver may not read.
// Nothing is patched on import: ../index.ts calls installApprovalActivityPatches() once.
// Templates: activity_patches.xml (t-inherit extensions of mail.Activity,
// mail.ActivityListPopoverItem and mail.ActivityMenu).
import type { Activity as ActivityRecord } from "@mail/core/common/activity_model";
import type { Store } from "@mail/core/common/store_service";
import type { Thread } from "@mail/core/common/thread_model";
import { Activity } from "@mail/core/web/activity";
import { ActivityListPopoverItem } from "@mail/core/web/activity_list_popover_item";
import { ActivityMenu, type ActivityGroup } from "@mail/core/web/activity_menu";
import { patch } from "@web/core/utils/patch";
import { ApprovalButtons } from "./approval_buttons";
import { ApprovalSystrayList, type SystrayApproval } from "./approval_systray";

/** The systray group the server makes of the user's pending approvals. */
export const APPROVALS_GROUP_MODEL = "ops.approval.request";
/** Where that group leads: the user's pending approvals, oldest first. */
export const MY_APPROVALS_ACTION = "addon_ops_harmony.ops_approval_request_action_mine";

/** The record's thread, as Odoo's own "Mark Done" gets it. */
function threadOf(store: Store, activity: ActivityRecord): Thread {
  return store.Thread.insert({ model: activity.res_model, id: activity.res_id });
}

/**
 * Tells the user's other tabs to reload this record's chatter, as mail's markAsDone does: the
 * decision closed this activity and posted the rationale there.
 */
function broadcastReload(store: Store, activity: ActivityRecord): void {
  store.activityBroadcastChannel?.postMessage({
    type: "RELOAD_CHATTER",
    payload: { id: activity.res_id, model: activity.res_model },
  });
}

/** What the patched Activity (chatter) gains. */
export interface ApprovalChatterActivity {
  onOpsApprovalDecided(): Promise<void>;
}

/** What the patched ActivityListPopoverItem gains. */
export interface ApprovalPopoverItem {
  onOpsApprovalDecided(): Promise<void>;
}

const chatterActivityPatch: ApprovalChatterActivity & ThisType<Activity> = {
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
  },
};

const popoverItemPatch: ApprovalPopoverItem & ThisType<ActivityListPopoverItem> = {
  /** As "Done" in the same popover: the view reloads its records and closes the popover. */
  async onOpsApprovalDecided() {
    const store = this.env.services["mail.store"];
    const thread = threadOf(store, this.props.activity);
    broadcastReload(store, this.props.activity);
    this.props.onActivityChanged?.(thread);
    await thread.fetchNewMessages();
  },
};

/** What the patched ActivityMenu (systray) gains. */
export interface ApprovalActivityMenu {
  opsApprovalsOf(group: ActivityGroup): SystrayApproval[];
  onOpsApprovalDecided(): Promise<void>;
  onOpsOpenApproval(approval: SystrayApproval): void;
  openActivityGroup(group: ActivityGroup, filter?: string, newWindow?: boolean): void;
}

const activityMenuPatch: ApprovalActivityMenu & ThisType<ActivityMenu> = {
  /** the approvals listed under the group, or none for Odoo's own groups */
  opsApprovalsOf(group) {
    return group.model === APPROVALS_GROUP_MODEL ? ((group.ops_approvals ?? []) as SystrayApproval[]) : [];
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
      views: [[false, "form"]],
    });
  },
  /** The approvals group opens My approvals; the others open as in Odoo. */
  openActivityGroup(group, filter, newWindow) {
    if (group.model !== APPROVALS_GROUP_MODEL) {
      return super.openActivityGroup(group, filter, newWindow);
    }
    this.dropdown.close();
    void this.action.doAction(MY_APPROVALS_ACTION, { clearBreadcrumbs: true });
  },
};

/** Patches Odoo's activity components; returns the function that takes the patches off again. */
export function installApprovalActivityPatches(): () => void {
  const unpatches = [
    patch(Activity, { components: { ...Activity.components, ApprovalButtons } }),
    patch(Activity.prototype, chatterActivityPatch),
    patch(ActivityListPopoverItem, { components: { ...ActivityListPopoverItem.components, ApprovalButtons } }),
    patch(ActivityListPopoverItem.prototype, popoverItemPatch),
    patch(ActivityMenu, { components: { ...ActivityMenu.components, ApprovalSystrayList } }),
    patch(ActivityMenu.prototype, activityMenuPatch),
  ];
  return () => {
    for (const unpatch of unpatches.reverse()) {
      unpatch();
    }
  };
}
