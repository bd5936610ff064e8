// Fixtures for the configurator tests: the demo door rule set as ops_configurator_load returns it,
// and the services the dialog and the Configure button use.
import fs from "node:fs";
import path from "node:path";
import type { ConfiguratorLoad } from "../../../web_src/src/configurator/configurator_rpc";
import type { RuleSet } from "../../../web_src/src/configurator/engine/types";
import { makeDialogService } from "./dialog_service";
import { REPO_ROOT } from "./owl";
import { makeCallOrmService, makeNotificationService, type CallResolver } from "./services";

/** the demo rule set of a configurable door (addon_ops_harmony/data/configurator/rulesets/door.json) */
export function doorRuleSet(): RuleSet {
  const file = path.join(REPO_ROOT, "addon_ops_harmony/data/configurator/rulesets/door.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as RuleSet;
}

/** ops.config.ruleset.ops_configurator_load's answer for the door, version 3 (id 31), in euros */
export function makeDoorLoad(overrides: Partial<ConfiguratorLoad> = {}): ConfiguratorLoad {
  return {
    ruleset_id: 4,
    ruleset_name: "Doors",
    version_id: 31,
    version: 3,
    hash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    content: doorRuleSet(),
    role: "salesperson",
    currency: { symbol: "€", position: "after", decimals: 2 },
    values: {},
    quantity: "1",
    ...overrides,
  };
}

/**
 * orm (answering ops_configurator_load with `load` and every other call with `answer`),
 * notification, and a dialog service mounting dialogs for real.
 */
export function makeConfiguratorServices({
  load = makeDoorLoad(),
  answer = () => true,
}: { load?: ConfiguratorLoad | Error; answer?: CallResolver } = {}) {
  const services: Record<string, unknown> = {};
  const orm = makeCallOrmService((model, method, args, kwargs) =>
    method === "ops_configurator_load" ? load : answer(model, method, args, kwargs),
  );
  const notification = makeNotificationService();
  const dialog = makeDialogService({ services: () => services });
  Object.assign(services, { orm, notification, dialog });
  return { services, orm, notification, dialog };
}

/** "300.00 €" as the dialog writes it (a non-breaking space before the symbol) */
export function euros(amount: string): string {
  return `${amount}\u00a0€`;
}
