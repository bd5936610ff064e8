// Jest stand-in for mail's "@mail/core/web/activity_menu": the systray's activity clock reduced to
// what the approval patch relies on: the template name "mail.ActivityMenu" (stand-in markup in
// test/web/fixtures/mail_templates.xml), the store, action and dropdown it holds, and
// openActivityGroup, which records what Odoo's own would open.
import { Component, type ComponentConstructor } from "@odoo/owl";
import type { Store } from "@mail/core/common/store_service";
import type { ActivityGroup } from "@mail/core/web/activity_menu";
import type { ActionService } from "@web/webclient/actions/action_service";
import type { OdooEnv } from "@web/env";

export class ActivityMenu extends Component<Record<string, never>, OdooEnv> {
  static override template = "mail.ActivityMenu";
  static override props = [];
  static components: Record<string, ComponentConstructor> = {};

  declare store: Store;
  declare action: ActionService;
  dropdown = { close: jest.fn() };
  /** what Odoo's openActivityGroup was asked to open: [model, filter] */
  openedByOdoo: [string, string | undefined][] = [];

  override setup(): void {
    this.store = this.env.services["mail.store"] as Store;
    this.action = this.env.services.action as ActionService;
  }

  openActivityGroup(group: ActivityGroup, filter?: string): void {
    this.openedByOdoo.push([group.model, filter]);
  }
}
