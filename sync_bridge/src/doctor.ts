/**
 * `ops-bridge doctor`: checks, through each transport, that the bridge can work with Odoo:
 * (a) reachable, (b) Odoo 19.x, (c) database and credentials, (d) addon_ops_harmony
 * installed, (e) integration group, (f) not an administrator, (g) the API key's scope and expiry
 * (a warning when it has none or expires within two weeks), (h) each required right.
 * A failed check skips the ones after it on that transport, and says so.
 */
import type { BridgeConfig, TransportName } from "./config";
import {
  addonFailure,
  addonPassed,
  credentialsFailure,
  evaluateSelfCheck,
  failed,
  passed,
  skippedAfter,
  unreachableFailure,
  versionResult,
  type CheckResult,
} from "./doctor_checks";
import { FatalOdooError, errorMessage } from "./errors";
import { createGateway, type OdooGateway, type OrmGateway, type SelfCheck, type ServerVersion } from "./gateway";

export type { CheckResult, CheckStatus } from "./doctor_checks";

/** Makes the gateway for one transport; tests and callers may pass their own. */
export type GatewayFactory = (config: BridgeConfig, transport: TransportName) => OdooGateway;

/** Runs every check through one gateway and returns one result per check, in order. */
export async function checkTransport(gateway: OrmGateway, config: BridgeConfig): Promise<CheckResult[]> {
  const t = gateway.transport;
  const results: CheckResult[] = [];

  let version: ServerVersion;
  try {
    version = await gateway.serverVersion();
  } catch (error) {
    if (!(error instanceof FatalOdooError)) {
      return [unreachableFailure(t, error, config), ...skippedAfter(t, "reachable")];
    }
    // Something answered, but not like Odoo's /web/version.
    return [
      passed(t, "reachable", `something answers at ${config.url}`),
      failed(t, "version", errorMessage(error), `set ODOO_URL to an Odoo 19 server (now ${config.url}); \`npm start\` runs one`),
      ...skippedAfter(t, "version"),
    ];
  }
  results.push(passed(t, "reachable", `Odoo answers at ${config.url}`));
  const versionCheck = versionResult(t, version.version, version.major);
  results.push(versionCheck);
  if (versionCheck.status !== "pass") return [...results, ...skippedAfter(t, "version")];

  try {
    const { uid } = await gateway.authenticate();
    const who = t === "legacy" ? `login "${config.login}" with the API key` : "the API key";
    results.push(passed(t, "credentials", `database "${config.db}" accepts ${who} (uid ${uid})`));
  } catch (error) {
    return [...results, credentialsFailure(t, error, config), ...skippedAfter(t, "credentials")];
  }

  let selfCheck: SelfCheck;
  try {
    selfCheck = await gateway.selfCheck();
  } catch (error) {
    return [...results, addonFailure(t, error, config), ...skippedAfter(t, "addon")];
  }
  results.push(addonPassed(t, selfCheck));
  return [...results, ...evaluateSelfCheck(t, selfCheck)];
}

/**
 * Runs the checks through each of `transports`, one after the other, in the given order.
 * Never rejects for Odoo's sake: every problem becomes a failed check.
 */
export async function runDoctor(
  config: BridgeConfig,
  transports: readonly TransportName[],
  makeGateway: GatewayFactory = createGateway,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const transport of transports) {
    results.push(...(await checkTransport(makeGateway(config, transport), config)));
  }
  return results;
}
