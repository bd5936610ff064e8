// Jest stand-in for Odoo's "@web/core/utils/patch": defines the extension's own properties on the
// object, with the properties they replace reachable through `super`, and returns a function
// that puts the replaced properties back (unpatch in reverse order when patches are stacked).
export function patch<T extends object, E extends object>(objToPatch: T, extension: E): () => void {
  const replaced = new Map<PropertyKey, PropertyDescriptor | undefined>();
  // `super` in an object literal's method looks up the literal's prototype
  const superObject = Object.create(Object.getPrototypeOf(objToPatch));
  for (const key of Reflect.ownKeys(extension)) {
    const previous = Object.getOwnPropertyDescriptor(objToPatch, key);
    replaced.set(key, previous);
    if (previous) {
      Object.defineProperty(superObject, key, previous);
    }
    const descriptor = Object.getOwnPropertyDescriptor(extension, key) as PropertyDescriptor;
    // class members are not enumerable: keep a patched prototype looking like a class's
    Object.defineProperty(objToPatch, key, { ...descriptor, enumerable: previous?.enumerable ?? false });
  }
  Object.setPrototypeOf(extension, superObject);
  return () => {
    for (const [key, previous] of replaced) {
      if (previous) {
        Object.defineProperty(objToPatch, key, previous);
      } else {
        Reflect.deleteProperty(objToPatch, key);
      }
    }
  };
}
