// Minimal typing of Odoo 19 "@web/core/orm_service" (addons/web/static/src/core/orm_service.js).
// Components get the service with useService("orm").
import type { DomainListRepr } from "@web/core/domain";

export type ORMKwargs = Record<string, unknown>;

export declare class ORM {
  call<R = unknown>(model: string, method: string, args?: unknown[], kwargs?: ORMKwargs): Promise<R>;
  search(model: string, domain: DomainListRepr, kwargs?: ORMKwargs): Promise<number[]>;
  searchCount(model: string, domain: DomainListRepr, kwargs?: ORMKwargs): Promise<number>;
  searchRead<R = Record<string, unknown>>(
    model: string,
    domain: DomainListRepr,
    fields: string[],
    kwargs?: ORMKwargs,
  ): Promise<R[]>;
}
