/**
 * Joins the gateway's parts (ORM calls, sync calls, and whichever join them) into one object.
 * A part's public surface is its class's prototype: methods and getters, each bound to the part;
 * its instance state (transport, config) stays its own. Two parts offering one name is a mistake.
 */

/** The members of `part`'s prototype chain, nearest first, without `constructor`. */
function members(part: object): Map<string, PropertyDescriptor> {
  const found = new Map<string, PropertyDescriptor>();
  for (let proto = Object.getPrototypeOf(part); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (name !== "constructor" && descriptor && !found.has(name)) found.set(name, descriptor);
    }
  }
  return found;
}

/** One object answering every part's methods; `T` is the interface the parts implement together. */
export function joinParts<T extends object>(...parts: readonly object[]): T {
  const joined = {};
  for (const part of parts) {
    for (const [name, descriptor] of members(part)) {
      if (name in joined) throw new Error(`two gateway parts define "${name}"`);
      Object.defineProperty(joined, name, {
        enumerable: true,
        ...(descriptor.get
          ? { get: descriptor.get.bind(part) }
          : { value: typeof descriptor.value === "function" ? descriptor.value.bind(part) : descriptor.value }),
      });
    }
  }
  return joined as T;
}
