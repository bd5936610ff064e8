// Jest stand-in for mail's "@mail/core/web/activity": the chatter's activity component reduced to
// what the approval patch relies on: the template name "mail.Activity" (its stand-in markup is in
// test/web/fixtures/mail_templates.xml), the props the chatter passes and the `thread` getter.
import { Component, type ComponentConstructor } from "@odoo/owl";
import type { Thread } from "@mail/core/common/thread_model";
import type { ActivityProps } from "@mail/core/web/activity";
import type { OdooEnv } from "@web/env";

export class Activity extends Component<ActivityProps, OdooEnv> {
  static override template = "mail.Activity";
  static override props = ["activity", "onActivityChanged", "reloadParentView"];
  static components: Record<string, ComponentConstructor> = {};

  get thread(): Thread {
    return this.env.services["mail.store"].Thread.insert({
      model: this.props.activity.res_model,
      id: this.props.activity.res_id,
    });
  }
}
