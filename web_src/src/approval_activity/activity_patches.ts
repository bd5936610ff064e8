// Puts the approval buttons into Odoo's own activity components, wherever activities are shown:
// - Activity: the activities of a record's chatter;
// - ActivityListPopoverItem: the popover of the activity widget in list and kanban views and of
//   the cells of the activity view.
// The systray activity menu lists counts per model, not activities, so it gets no buttons: its
// groups open those views, whose popover has them.
// Nothing is patched on import: ../index.ts calls installApprovalActivityPatches() once.
// Templates: activity_patches.xml (t-inherit extensions of mail.Activity and
// mail.ActivityListPopoverItem).
import type { Activity as ActivityRecord } from "@mail/core/common/activity_model";
import type { Store } from "@mail/core/common/store_service";
import type { Thread } from "@mail/core/common/thread_model";
import { Activity } from "@mail/core/web/activity";
import { ActivityListPopoverItem } from "@mail/core/web/activity_list_popover_item";
import { patch } from "@web/core/utils/patch";
import { ApprovalButtons } from "./approval_buttons";

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

/** Patches Odoo's activity components; returns the function that takes the patches off again. */
export function installApprovalActivityPatches(): () => void {
    const unpatches = [
        patch(Activity, { components: { ...Activity.components, ApprovalButtons } }),
        patch(Activity.prototype, chatterActivityPatch),
        patch(ActivityListPopoverItem, { components: { ...ActivityListPopoverItem.components, ApprovalButtons } }),
        patch(ActivityListPopoverItem.prototype, popoverItemPatch),
    ];
    return () => {
        for (const unpatch of unpatches.reverse()) {
            unpatch();
        }
    };
}
