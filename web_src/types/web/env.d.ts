// Type of the web client's env, as Odoo 19's "@web/env" (addons/web/static/src/env.js) documents it
// in its OdooEnv typedef, reduced to what this project reads. Type-only.
import type { ServiceFactories } from "@web/core/utils/hooks";

export interface OdooEnv {
  services: ServiceFactories;
}
