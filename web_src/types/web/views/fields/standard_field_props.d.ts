// Typing of Odoo 19 "@web/views/fields/standard_field_props" (addons/web/static/src/views/fields/
// standard_field_props.js): the props every field widget receives from the Field component.
import type { Record } from "@web/model/relational_model/record";

export interface StandardFieldProps {
  id?: string;
  /** the field this widget shows, e.g. "ops_sla_deadline": its value is record.data[name] */
  name: string;
  readonly?: boolean;
  record: Record;
}

/** The OWL props schema matching StandardFieldProps; spread it into a widget's static props. */
export declare const standardFieldProps: {
  id: { type: StringConstructor; optional: true };
  name: { type: StringConstructor };
  readonly: { type: BooleanConstructor; optional: true };
  record: { type: ObjectConstructor };
};
