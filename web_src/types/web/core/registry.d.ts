// Minimal typing of Odoo 19 "@web/core/registry" (addons/web/static/src/core/registry.js).
// Only the surface this project uses; the runtime is Odoo's own module.
import type { EventBus } from "@odoo/owl";

export declare class KeyNotFoundError extends Error {}
export declare class DuplicatedKeyError extends Error {}

export interface RegistryAddOptions {
  /** replace an existing entry instead of throwing DuplicatedKeyError */
  force?: boolean;
  /** entries are sorted by sequence (default 50) */
  sequence?: number;
}

export declare class Registry<T = unknown> extends EventBus {
  constructor(name?: string);
  add(key: string, value: T, options?: RegistryAddOptions): Registry<T>;
  get(key: string, defaultValue?: T): T;
  contains(key: string): boolean;
  getAll(): T[];
  getEntries(): [string, T][];
  remove(key: string): void;
  category<C = unknown>(subcategory: string): Registry<C>;
}

export declare const registry: Registry;
