/**
 * What the end-to-end suites share to act as real users over JSON-2: their fixture (written by
 * test/e2e/odoo/<name>_fixture.py before the suite runs) and one call helper that returns the
 * HTTP status with the body, so a test can assert a refusal (403, 422) as well as a success.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface Reply {
  status: number;
  json: unknown;
}

const REQUIRED_ENV = ["OPS_E2E_URL", "OPS_E2E_DB", "OPS_E2E_FIXTURE_DIR"] as const;

/** Reads `<name>.json` of the fixture; throws (never skips) when the runner set nothing up. */
export function loadFixture<T>(name: string, alsoRequired: readonly string[] = []): T {
  const missing = [...REQUIRED_ENV, ...alsoRequired].filter((variable) => !process.env[variable]);
  if (missing.length) {
    throw new Error(`missing ${missing.join(", ")}: run this suite through npm test (scripts/ci/test.sh)`);
  }
  return JSON.parse(readFileSync(join(process.env.OPS_E2E_FIXTURE_DIR as string, `${name}.json`), "utf8")) as T;
}

/** Calls `model.method` over JSON-2 with the API key `key`. */
export async function json2Call(key: string, model: string, method: string, body: Record<string, unknown>): Promise<Reply> {
  const response = await fetch(`${process.env.OPS_E2E_URL}/json/2/${model}/${method}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `bearer ${key}`,
      "X-Odoo-Database": process.env.OPS_E2E_DB as string,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}
