// Jest stand-in for mail's "@mail/core/web/activity_list_popover_item": one activity of the
// activity popover, reduced to its template name "mail.ActivityListPopoverItem" (stand-in markup
// in test/web/fixtures/mail_templates.xml) and the props the popover passes.
import { Component, type ComponentConstructor } from "@odoo/owl";
import type { ActivityListPopoverItemProps } from "@mail/core/web/activity_list_popover_item";
import type { OdooEnv } from "@web/env";

export class ActivityListPopoverItem extends Component<ActivityListPopoverItemProps, OdooEnv> {
  static override template = "mail.ActivityListPopoverItem";
  static override props = ["activity", "onActivityChanged?", "onClickDoneAndScheduleNext?", "onClickEditActivityButton?"];
  static components: Record<string, ComponentConstructor> = {};

  /** As mail's: no "Mark as done" on a done activity. */
  get hasMarkDoneButton(): boolean {
    return this.props.activity.state !== "done";
  }
}
