// Minimal typing of Odoo 19 "@mail/core/web/activity" (addons/mail/static/src/core/web/activity.js):
// one activity in a record's chatter, template "mail.Activity".
import { Component, type ComponentConstructor } from "@odoo/owl";
import type { Activity as ActivityRecord } from "@mail/core/common/activity_model";
import type { Thread } from "@mail/core/common/thread_model";
import type { OdooEnv } from "@web/env";

export interface ActivityProps {
  activity: ActivityRecord;
  /** the chatter reloads the thread's activities and messages */
  onActivityChanged(thread: Thread): void;
  /** the chatter saves and reloads the form's record */
  reloadParentView(): Promise<void>;
}

export declare class Activity extends Component<ActivityProps, OdooEnv> {
  static components: Record<string, ComponentConstructor>;
  get thread(): Thread;
}
