// Jest stand-in for Odoo's "@web/core/utils/hooks": useService reads env.services of the
// component being set up, and throws like Odoo's when the service is missing.
import { useComponent } from "@odoo/owl";
import type { ServiceFactories } from "@web/core/utils/hooks";

export function useService<K extends keyof ServiceFactories>(serviceName: K): ServiceFactories[K] {
  const services = (useComponent().env as { services?: Partial<ServiceFactories> }).services ?? {};
  if (!(serviceName in services)) {
    throw new Error(`Service ${serviceName} is not available`);
  }
  return services[serviceName] as ServiceFactories[K];
}
