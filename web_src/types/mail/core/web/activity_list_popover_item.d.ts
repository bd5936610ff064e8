// Minimal typing of Odoo 19 "@mail/core/web/activity_list_popover_item" (addons/mail/static/src/
// core/web/activity_list_popover_item.js): one activity in the popover of the activity widget
// (list, kanban) and of the activity view's cells, template "mail.ActivityListPopoverItem".
import { Component, type ComponentConstructor } from "@odoo/owl";
import type { Activity as ActivityRecord } from "@mail/core/common/activity_model";
import type { Thread } from "@mail/core/common/thread_model";
import type { OdooEnv } from "@web/env";

export interface ActivityListPopoverItemProps {
  activity: ActivityRecord;
  /** the view reloads its record(s) and closes the popover */
  onActivityChanged?: (thread?: Thread) => void;
  onClickDoneAndScheduleNext?: () => void;
  onClickEditActivityButton?: () => void;
}

export declare class ActivityListPopoverItem extends Component<ActivityListPopoverItemProps, OdooEnv> {
  static components: Record<string, ComponentConstructor>;
}
