/**
 * The hash Odoo keeps of the values it last ingested for a record (`content_hash` in the addon's
 * `ops_sync_schema.py`), computed the same way here: SHA-256 over the values' canonical JSON,
 * which is Python's `json.dumps(values, sort_keys=True, ensure_ascii=True, separators=(",", ":"))`.
 * The bridge sends these hashes to `check_unchanged` and then only the records whose hash Odoo
 * does not hold. Both sides check the vectors of `addon_ops_harmony/tests/sync/content_hash_vectors.json`.
 *
 * The forms agree on everything `toOdooDeep` produces except floats that Python writes with a
 * two-digit exponent (1.5e-07 where JavaScript writes 1.5e-7): such a record only looks changed,
 * and goes to `ingest` in full, which decides as always.
 */
import * as crypto from "node:crypto";

/** Python's `ensure_ascii`: everything outside printable ASCII as `\uXXXX`, lower-case hex. */
const NOT_ASCII = /[\u007f-\uffff]/g;

function escapeChar(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

function write(value: unknown): string {
  if (typeof value === "object" && value !== null) {
    if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : write(item))).join(",")}]`;
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    // Python sorts keys by code point; JavaScript's default sort by UTF-16 unit agrees below U+D800.
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item !== undefined) parts.push(`${JSON.stringify(key)}:${write(item)}`);
    }
    return `{${parts.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The canonical JSON text of `values` (wire values, as `toOdooDeep` makes them). */
export function canonicalJson(values: unknown): string {
  return write(values).replace(NOT_ASCII, escapeChar);
}

/** Node's one-shot hash (20.12 and later) costs a third of a Hash object's for a record's few hundred bytes. */
const sha256: (text: string) => string =
  typeof crypto.hash === "function"
    ? (text) => crypto.hash("sha256", text, "hex")
    : (text) => crypto.createHash("sha256").update(text, "latin1").digest("hex");

/** The hex SHA-256 of `values`' canonical JSON: what Odoo stores as the binding's content hash. */
export function contentHash(values: unknown): string {
  return sha256(canonicalJson(values));
}
