// Minimal typing of Odoo 19 "@mail/core/common/activity_model" (addons/mail/static/src/core/common/
// activity_model.js): a mail.activity in the mail store, with the fields mail.activity's
// _to_store_defaults sends. Type-only: nothing here is imported at runtime.

export declare class Activity {
  id: number;
  res_model: string;
  res_id: number;
  /** "overdue" | "today" | "planned", "done" once done (shown in the list popover) */
  state: string;
  can_write: boolean;
  activity_category: string;
  summary: string | false;
  display_name: string;
}
