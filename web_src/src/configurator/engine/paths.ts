// JSON paths of §7: `$` the root, `.name` for an identifier-like key, `["key"]` for any other key,
// `[3]` for an index.
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function keyPath(parent: string, key: string): string {
  return PLAIN_KEY.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
