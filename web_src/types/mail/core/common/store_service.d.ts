// Minimal typing of Odoo 19's "mail.store" service (addons/mail/static/src/core/common/
// store_service.js, patched by core/web/store_service_patch.js). Type-only.
import type { Thread } from "@mail/core/common/thread_model";

export interface ActivityBroadcast {
  type: "INSERT" | "DELETE" | "RELOAD_CHATTER";
  payload: Record<string, unknown>;
}

export interface Store {
  Thread: {
    /** the thread of a record, created in the store when missing */
    insert(data: { model: string; id: number }): Thread;
  };
  /** asks the server for a named part of the store's data, e.g. "systray_get_activities" */
  fetchStoreData(name: string, params?: Record<string, unknown>): Promise<unknown>;
  /** tells the user's other tabs about activity changes; null when the browser lacks it */
  activityBroadcastChannel: { postMessage(message: ActivityBroadcast): void } | null;
}
