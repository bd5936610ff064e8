// Minimal typing of Odoo 19 "@web/core/user" (addons/web/static/src/core/user.js): the current
// user, built from the session. Odoo 19 has no "user" service any more; import this object.

export interface UserContext {
  lang?: string;
  tz?: string;
  uid?: number;
  allowed_company_ids?: number[];
  [key: string]: unknown;
}

export interface User {
  /** res.users id of the current user (session uid) */
  userId: number;
  name: string;
  login: string;
  partnerId: number;
  isAdmin: boolean;
  isSystem: boolean;
  isInternalUser: boolean;
  readonly context: UserContext;
  readonly lang: string;
  readonly tz: string | undefined;
  hasGroup(group: string): Promise<boolean>;
  checkAccessRight(model: string, operation: string, ids?: number | number[]): Promise<boolean>;
}

export declare const user: User;
