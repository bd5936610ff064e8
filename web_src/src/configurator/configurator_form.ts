// What the configurator dialog holds while the salesperson types, and how it becomes the engine's
// input: one field per option of the rule set (docs/configurator_rules.md §2), the values it sends
// (§6 step 1), and the problems of an evaluation sorted by the option they belong to. Free of OWL
// and services, so the dialog's rules can be tested on their own.
import type { Evaluation, InputError, RuleSet, RuleSetOption } from "./engine/types";

/** What an input shows: a decimal as typed, an enum's chosen value ("" for none), a bool, a multi's chosen values. */
export type FieldValue = string | boolean | string[];

/** the option key the engine gives the quantity's input errors (bad_quantity) */
export const QUANTITY_KEY = "quantity";

/** An option's field as the dialog first shows it: the line's input, else the option's default. */
export function initialFieldValue(option: RuleSetOption, loaded: Record<string, unknown>): FieldValue {
  const given = loaded[option.key];
  const value = given === undefined || given === null ? option.default : given;
  switch (option.type) {
    case "bool":
      return value === true;
    case "multi":
      return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
    case "enum":
      return typeof value === "string" ? value : "";
    default:
      return typeof value === "string" || typeof value === "number" ? String(value) : "";
  }
}

export function initialFields(content: RuleSet, loaded: Record<string, unknown>): Record<string, FieldValue> {
  return Object.fromEntries(content.options.map((option) => [option.key, initialFieldValue(option, loaded)]));
}

/**
 * The engine's `values`: an empty decimal or enum is left out (the engine then takes the default, or
 * says `required`), a multi lists its choices in the option's order, as the output writes them.
 */
export function engineValues(content: RuleSet, fields: Record<string, FieldValue>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const option of content.options) {
    const field = fields[option.key];
    if (option.type === "multi") {
      const chosen = Array.isArray(field) ? field : [];
      values[option.key] = (option.values ?? []).map((choice) => choice.value).filter((value) => chosen.includes(value));
    } else if (option.type === "bool") {
      values[option.key] = field === true;
    } else if (typeof field === "string" && field.trim() !== "") {
      values[option.key] = field.trim();
    }
  }
  return values;
}

/** The input errors of an evaluation by option key (the quantity's under QUANTITY_KEY). */
export function inputErrorsByOption(evaluation: Evaluation | null): Record<string, string[]> {
  const byOption: Record<string, string[]> = {};
  for (const error of evaluation?.errors ?? []) {
    if (hasOption(error)) {
      (byOption[error.option] ??= []).push(error.message);
    }
  }
  return byOption;
}

function hasOption(error: object): error is InputError & { option: string } {
  return typeof (error as Partial<InputError>).option === "string";
}

/** The errors not tied to an input: constraints that fired, or the runtime error that stopped the evaluation. */
export function generalErrors(evaluation: Evaluation | null): string[] {
  return (evaluation?.errors ?? []).filter((error) => !hasOption(error)).map((error) => error.message);
}

/** The label of an option (its key when the rule set gives none). */
export function optionLabel(option: RuleSetOption): string {
  return option.label || option.key;
}

/** An enum of up to this many values is a group of radio buttons, a longer one a select. */
export const MAX_RADIO_VALUES = 4;

export function usesRadios(option: RuleSetOption): boolean {
  return option.type === "enum" && (option.values ?? []).length <= MAX_RADIO_VALUES;
}
