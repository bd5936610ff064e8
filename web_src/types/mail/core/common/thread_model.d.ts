// Minimal typing of Odoo 19 "@mail/core/common/thread_model" (addons/mail/static/src/core/common/
// thread_model.js): the thread of a record, whose messages the chatter shows. Type-only.

export declare class Thread {
  model: string;
  id: number;
  /** fetches the messages posted since the newest one loaded; never rejects */
  fetchNewMessages(): Promise<void>;
}
