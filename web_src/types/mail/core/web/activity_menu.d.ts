// Minimal typing of Odoo 19 "@mail/core/web/activity_menu" (addons/mail/static/src/core/web/
// activity_menu.js): the activity clock of the systray, template "mail.ActivityMenu". Its groups
// come from res.users._get_activity_groups (store.activityGroups).
import { Component, type ComponentConstructor } from "@odoo/owl";
import type { Store } from "@mail/core/common/store_service";
import type { ActionService } from "@web/webclient/actions/action_service";
import type { OdooEnv } from "@web/env";

/** One group of the popover: the activities of one model, or the addon's "Approvals". */
export interface ActivityGroup {
  id: number;
  name: string;
  model: string;
  type: string;
  total_count?: number;
  /** the addon's approvals group only: its pending approvals (see approval_systray.ts) */
  ops_approvals?: unknown[];
}

export declare class ActivityMenu extends Component<Record<string, never>, OdooEnv> {
  static components: Record<string, ComponentConstructor>;
  store: Store;
  action: ActionService;
  dropdown: { close(): void };
  openActivityGroup(group: ActivityGroup, filter?: string, newWindow?: boolean): void;
}
