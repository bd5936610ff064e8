// Minimal typing of Odoo 19 "@web/core/utils/hooks" (addons/web/static/src/core/utils/hooks.js).
import type { Store } from "@mail/core/common/store_service";
import type { DialogService } from "@web/core/dialog/dialog_service";
import type { NotificationService } from "@web/core/notifications/notification_service";
import type { ORM } from "@web/core/orm_service";
import type { ActionService } from "@web/webclient/actions/action_service";

/** Services this project asks for, by name (Odoo's own typing is import("services").ServiceFactories). */
export interface ServiceFactories {
  orm: ORM;
  action: ActionService;
  dialog: DialogService;
  notification: NotificationService;
  /** mail's store of records (threads, activities, ...), from the mail addon */
  "mail.store": Store;
}

/**
 * Returns env.services[name] of the calling component. A hook: call it in setup() only.
 * Throws "Service <name> is not available" when the service is not deployed.
 */
export declare function useService<K extends keyof ServiceFactories>(serviceName: K): ServiceFactories[K];
