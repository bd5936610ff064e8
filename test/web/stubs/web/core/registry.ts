// Jest stand-in for Odoo's "@web/core/registry": same add/get/category surface, no Odoo.
export class KeyNotFoundError extends Error {}
export class DuplicatedKeyError extends Error {}

export class Registry<T = unknown> {
  readonly name: string | undefined;
  private readonly content = new Map<string, { value: T; sequence: number }>();
  private readonly subRegistries = new Map<string, Registry<unknown>>();

  constructor(name?: string) {
    this.name = name;
  }

  add(key: string, value: T, { force = false, sequence = 50 }: { force?: boolean; sequence?: number } = {}): this {
    if (!force && this.content.has(key)) {
      throw new DuplicatedKeyError(`Cannot add key "${key}" in the "${this.name}" registry: it already exists`);
    }
    this.content.set(key, { value, sequence });
    return this;
  }

  get(key: string, ...defaultValue: [T?]): T {
    const entry = this.content.get(key);
    if (entry) {
      return entry.value;
    }
    if (defaultValue.length) {
      return defaultValue[0] as T;
    }
    throw new KeyNotFoundError(`Cannot find key "${key}" in the "${this.name}" registry`);
  }

  contains(key: string): boolean {
    return this.content.has(key);
  }

  getEntries(): [string, T][] {
    return [...this.content.entries()].sort((a, b) => a[1].sequence - b[1].sequence).map(([key, { value }]) => [key, value]);
  }

  getAll(): T[] {
    return this.getEntries().map(([, value]) => value);
  }

  remove(key: string): void {
    this.content.delete(key);
  }

  category<C = unknown>(subcategory: string): Registry<C> {
    if (!this.subRegistries.has(subcategory)) {
      this.subRegistries.set(subcategory, new Registry<C>(subcategory) as Registry<unknown>);
    }
    return this.subRegistries.get(subcategory) as Registry<C>;
  }
}

export const registry = new Registry("main");
