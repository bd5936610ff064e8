// Types for Odoo 19 field widgets, from the schema "@web/views/fields/field" (addons/web/static/
// src/views/fields/field.js) validates entries of registry.category("fields") against.
// Type-only: field.js exports no such type, nothing here is imported at runtime.
import type { ComponentConstructor } from "@odoo/owl";

export type FieldType =
  | "binary"
  | "boolean"
  | "json"
  | "integer"
  | "float"
  | "monetary"
  | "properties"
  | "properties_definition"
  | "reference"
  | "many2one_reference"
  | "many2one"
  | "one2many"
  | "many2many"
  | "selection"
  | "date"
  | "datetime"
  | "char"
  | "text"
  | "html";

/** Another field of the record the widget reads, loaded even when the view does not show it. */
export interface FieldDependency {
  name: string;
  type: FieldType;
}

/** An entry of registry.category("fields"): the `widget="..."` of a view's <field>. */
export interface FieldDescriptor {
  component: ComponentConstructor;
  /** shown in Studio and the debug field info; Odoo's schema wants a (translated) string */
  displayName?: string;
  /** field types the widget works on; another type logs a warning */
  supportedTypes?: FieldType[];
  fieldDependencies?: FieldDependency[];
  /** props of the widget taken from the <field>'s attributes and options */
  extractProps?: (fieldInfo: { attrs: Record<string, unknown>; options: Record<string, unknown> }) => Record<string, unknown>;
}
