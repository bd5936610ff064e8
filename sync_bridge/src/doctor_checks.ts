/**
 * The doctor's checks as pure functions: their order, what a failure means and what the user
 * should do about it. `doctor.ts` runs them against Odoo; `report.ts` prints them.
 */
import type { BridgeConfig, TransportName } from "./config";
import { OdooAuthError, OdooNotFoundError, OdooUnreachableError, RetriableOdooError, errorMessage } from "./errors";
import type { ApiKeyInfo, Operation, SelfCheck } from "./gateway";

/** `warn` passes (exit code 0) but prints a fix: something to act on before it fails. */
export type CheckStatus = "pass" | "warn" | "fail" | "skip";

/** One line of the doctor's report. */
export interface CheckResult {
  transport: TransportName;
  /** Stable id for `--json`, e.g. "reachable" or "rights:crm.lead". */
  id: string;
  /** Name shown on the line, e.g. "reachable" or "rights crm.lead". */
  name: string;
  status: CheckStatus;
  detail: string;
  /** What to do; set on every failed or skipped check. */
  fix?: string;
}

/** What the bridge needs on each model; the addon's self-check reports the same list. */
export const BRIDGE_REQUIRED_ACCESS: Readonly<Record<string, readonly Operation[]>> = {
  "crm.lead": ["read", "create", "write"],
  "res.partner": ["read", "create", "write"],
  "utm.source": ["read", "create"],
  "utm.medium": ["read", "create"],
  "utm.campaign": ["read", "create"],
};

/** The checks in the order they run; each needs all the ones before it to pass. */
export const CHECK_NAMES = {
  reachable: "reachable",
  version: "server version",
  credentials: "credentials",
  addon: "addon installed",
  group: "integration group",
  admin: "least privilege",
  apikey: "api key",
} as const;
export type CheckId = keyof typeof CHECK_NAMES;
const ORDER = Object.keys(CHECK_NAMES) as CheckId[];

/** Config the hints quote back to the user. */
export type HintConfig = Pick<BridgeConfig, "url" | "db" | "login">;

const RERUN = "then run `npm run bridge -- doctor` again";

/** A passing check. */
export function passed(transport: TransportName, id: CheckId, detail: string): CheckResult {
  return { transport, id, name: CHECK_NAMES[id], status: "pass", detail };
}

/** A passing check that still asks for something to be done. */
export function warned(transport: TransportName, id: CheckId, detail: string, fix: string): CheckResult {
  return { transport, id, name: CHECK_NAMES[id], status: "warn", detail, fix };
}

/** A failed check with its fix. */
export function failed(transport: TransportName, id: CheckId, detail: string, fix: string): CheckResult {
  return { transport, id, name: CHECK_NAMES[id], status: "fail", detail, fix };
}

/** The lines for every check after `failedId`, reported as skipped (still ✗, never silent). */
export function skippedAfter(transport: TransportName, failedId: CheckId): CheckResult[] {
  const because = `skipped because "${CHECK_NAMES[failedId]}" failed`;
  const fix = `fix "${CHECK_NAMES[failedId]}" above first, ${RERUN}`;
  const rest = ORDER.slice(ORDER.indexOf(failedId) + 1).map((id): CheckResult => ({
    transport,
    id,
    name: CHECK_NAMES[id],
    status: "skip",
    detail: because,
    fix,
  }));
  const rights = Object.keys(BRIDGE_REQUIRED_ACCESS).map((model): CheckResult => ({
    transport,
    id: `rights:${model}`,
    name: `rights ${model}`,
    status: "skip",
    detail: because,
    fix,
  }));
  return [...rest, ...rights];
}

/** The fix for an error nothing more specific applies to. */
function genericFix(error: unknown): string {
  if (error instanceof OdooUnreachableError) {
    return `Odoo stopped answering: check that it is running (\`npm start\`), ${RERUN}`;
  }
  if (error instanceof RetriableOdooError) return `Odoo had a transient problem: wait a moment, ${RERUN}`;
  return `read the Odoo server log for this error and fix its cause, ${RERUN}`;
}

/** The failed "reachable" line for an error of `serverVersion()`. */
export function unreachableFailure(transport: TransportName, error: unknown, config: HintConfig): CheckResult {
  return failed(
    transport,
    "reachable",
    errorMessage(error),
    `start Odoo with \`npm start\`, or set ODOO_URL to the address and port Odoo listens on (now ${config.url}, e.g. http://127.0.0.1:8069)`,
  );
}

/** The "server version" line for the version Odoo reports (the bridge needs 19.x). */
export function versionResult(transport: TransportName, version: string, major: number): CheckResult {
  if (major === 19) return passed(transport, "version", `Odoo ${version}`);
  return failed(
    transport,
    "version",
    `Odoo ${version} answers, but the bridge needs Odoo 19.x`,
    "point ODOO_URL at an Odoo 19 server (`npm start` runs one)",
  );
}

/** The failed "credentials" line for an error of `authenticate()`. */
export function credentialsFailure(transport: TransportName, error: unknown, config: HintConfig): CheckResult {
  const detail = errorMessage(error);
  if (error instanceof OdooAuthError) {
    const fix =
      transport === "legacy"
        ? `create a key with \`npm run bridge:key\`, set ODOO_API_KEY to it and ODOO_LOGIN to its user (now "${config.login}")`
        : "create a key with `npm run bridge:key` and set ODOO_API_KEY to it";
    return failed(transport, "credentials", detail, fix);
  }
  if (error instanceof OdooNotFoundError && error.kind === "database") {
    return failed(
      transport,
      "credentials",
      detail,
      `set ODOO_DB to an existing database (now "${config.db}"); \`npm start\` creates one with the addon installed`,
    );
  }
  if (error instanceof OdooNotFoundError && error.kind === "route") {
    return failed(
      transport,
      "credentials",
      detail,
      `make ODOO_URL (${config.url}) point at Odoo 19 itself, with its rpc module loaded (the default), ${RERUN}`,
    );
  }
  return failed(transport, "credentials", detail, genericFix(error));
}

/** The failed "addon installed" line for an error of `selfCheck()`. */
export function addonFailure(transport: TransportName, error: unknown, config: HintConfig): CheckResult {
  if (error instanceof OdooNotFoundError && (error.kind === "method" || error.kind === "model")) {
    return failed(
      transport,
      "addon",
      `addon_ops_harmony is not installed in database "${config.db}" (${error.message})`,
      `install addon_ops_harmony: run \`npm start\`, which installs it, or in Odoo open Apps, search "Ops Harmony" and click Activate`,
    );
  }
  return failed(transport, "addon", errorMessage(error), genericFix(error));
}

/** The "addon installed" line for a self-check that answered. */
export function addonPassed(transport: TransportName, check: SelfCheck): CheckResult {
  const version = check.addon_version ?? "(version unknown)";
  return passed(transport, "addon", `addon_ops_harmony ${version} answers the self-check as "${check.user.login}"`);
}

/** A key expiring within this many days gets a warning: time to rotate it. */
export const API_KEY_WARN_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;
const ROTATE =
  "rotate it with `npm run bridge:key`, which makes a key with the scope rpc that expires in 90 days, " +
  "and set ODOO_API_KEY to the new key";

/** "2025-06-30 12:00 UTC" */
function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Which key the line is about, when the server could not see the one in use. */
function whichKey(key: ApiKeyInfo): string {
  if (key.identified_by === "request") return "";
  return key.keys > 1 ? ` (the first to expire of the user's ${key.keys} keys)` : " (the user's only key)";
}

/** The "api key" line: the scope and expiry of the key in use, from the self-check. Pure. */
export function apiKeyResult(transport: TransportName, apiKey: SelfCheck["api_key"], now: Date): CheckResult {
  if (apiKey === undefined) {
    const fix = `upgrade addon_ops_harmony (\`npm start\` does), ${RERUN}`;
    return warned(transport, "apikey", "the addon does not report the API key's scope and expiry", fix);
  }
  if (apiKey === null) {
    const fix = "create one with `npm run bridge:key` and set ODOO_API_KEY to it";
    return warned(transport, "apikey", "the bridge signs in without an API key", fix);
  }
  const name = `key "${apiKey.name}"${whichKey(apiKey)}`;
  if (apiKey.scope === null) {
    return warned(transport, "apikey", `${name} has no scope: it works for every use of the account`, ROTATE);
  }
  if (apiKey.expiration_date === null) {
    return warned(transport, "apikey", `${name} (scope ${apiKey.scope}) never expires`, ROTATE);
  }
  const remaining = apiKey.expiration_date.getTime() - now.getTime();
  const days = Math.round(remaining / DAY_MS);
  const when = days < 1 ? "within a day" : `in ${days} day${days === 1 ? "" : "s"}`;
  const expiry = `expires on ${utcMinute(apiKey.expiration_date)}, ${when}`;
  if (remaining < API_KEY_WARN_DAYS * DAY_MS) {
    return warned(transport, "apikey", `${name} (scope ${apiKey.scope}) ${expiry}`, ROTATE);
  }
  return passed(transport, "apikey", `${name}: scope ${apiKey.scope}, ${expiry}`);
}

/** The group, least-privilege, API key and rights lines, from the self-check's answer. Pure. */
export function evaluateSelfCheck(transport: TransportName, check: SelfCheck, now: Date = new Date()): CheckResult[] {
  const { login, name } = check.user;
  const results: CheckResult[] = [
    check.is_integration_user
      ? passed(transport, "group", `"${login}" is in the Ops Integration group`)
      : failed(
          transport,
          "group",
          `"${login}" is not in the Ops Integration group`,
          `add "${login}" to the group "Ops Integration" (Settings → Users → ${name} → Sales: Operations Integration), or create the service user and its key with \`npm run bridge:key\``,
        ),
    check.is_admin
      ? failed(
          transport,
          "admin",
          `"${login}" is an administrator; the bridge must run with least privilege`,
          `use the dedicated service user: run \`npm run bridge:key\` and set ODOO_API_KEY (and ODOO_LOGIN) to it, or remove the administration rights from "${login}"`,
        )
      : passed(transport, "admin", `"${login}" is not an administrator`),
    apiKeyResult(transport, check.api_key, now),
  ];
  const models = [...new Set([...Object.keys(BRIDGE_REQUIRED_ACCESS), ...Object.keys(check.required)])];
  for (const model of models) {
    const needed = [...new Set([...(BRIDGE_REQUIRED_ACCESS[model] ?? []), ...(check.required[model] ?? [])])];
    const rights = check.access[model];
    const missing = needed.filter((op) => rights?.[op] !== true);
    const base = { transport, id: `rights:${model}`, name: `rights ${model}` };
    results.push(
      missing.length === 0
        ? { ...base, status: "pass", detail: needed.join(", ") }
        : {
            ...base,
            status: "fail",
            detail: `missing ${missing.join(", ")} (needs ${needed.join(", ")})`,
            fix: check.is_integration_user
              ? `grant ${missing.join(", ")} on ${model} to the group "Ops Integration" in addon_ops_harmony/security/ir.model.access.csv, then upgrade the addon (\`npm start\`)`
              : `add "${login}" to the group "Ops Integration" (see "integration group" above)`,
          },
    );
  }
  return results;
}
