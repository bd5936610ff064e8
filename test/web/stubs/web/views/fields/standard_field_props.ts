// Jest stand-in for Odoo's "@web/views/fields/standard_field_props": the same props schema.
export const standardFieldProps = {
  id: { type: String, optional: true },
  name: { type: String },
  readonly: { type: Boolean, optional: true },
  record: { type: Object },
} as const;
