/**
 * The bridge hashes a record's values exactly as Odoo does (`content_hash` in the addon), so that
 * `check_unchanged` can tell from the hash alone which records Odoo already holds. The vectors
 * were written by Python's `json.dumps` and `hashlib`; the addon's tests check them too.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { canonicalJson, contentHash } from "../../../sync_bridge/src/gateway/content_hash";
import { toOdooDeep } from "../../../sync_bridge/src/gateway/wire";

interface Vector {
  title: string;
  values: Record<string, unknown>;
  canonical: string;
  hash: string;
}

const vectors = JSON.parse(
  readFileSync(join(__dirname, "../../../addon_ops_harmony/tests/sync/content_hash_vectors.json"), "utf8"),
) as Vector[];

describe("content hash, the same as Odoo's", () => {
  it("has vectors to check", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(10);
  });

  it.each(vectors.map((vector) => [vector.title, vector] as const))("%s", (_title, vector) => {
    expect(canonicalJson(vector.values)).toBe(vector.canonical);
    expect(contentHash(vector.values)).toBe(vector.hash);
  });

  it("does not depend on key order, at any depth", () => {
    const one = { a: 1, b: { y: [1, { q: 1, p: 2 }], x: "é" } };
    const other = { b: { x: "é", y: [1, { p: 2, q: 1 }] }, a: 1 };
    expect(contentHash(one)).toBe(contentHash(other));
    expect(contentHash(one)).not.toBe(contentHash({ ...one, a: 2 }));
  });

  it("hashes what goes over the wire: dates and nulls as Odoo receives them", () => {
    const wire = toOdooDeep({ when: new Date("2025-05-01T10:00:00Z"), phone: null });
    expect(canonicalJson(wire)).toBe('{"phone":false,"when":"2025-05-01 10:00:00"}');
  });
});
