// Jest stand-in for Odoo's "@web/core/user": a fixed internal user. Tests may change userId
// (restore it with registerCleanup).
import type { User } from "@web/core/user";

export const user: User = {
  userId: 2,
  name: "Mitchell Admin",
  login: "admin",
  partnerId: 3,
  isAdmin: true,
  isSystem: true,
  isInternalUser: true,
  get context() {
    return { lang: "en_US", tz: "Europe/Brussels", uid: this.userId };
  },
  get lang() {
    return "en-US";
  },
  get tz() {
    return "Europe/Brussels";
  },
  async hasGroup() {
    return true;
  },
  async checkAccessRight() {
    return true;
  },
};
