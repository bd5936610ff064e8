// Minimal typing of Odoo 19 "@web/model/relational_model/record" (addons/web/static/src/model/
// relational_model/record.js): the datapoint a field widget receives as props.record.
// Type-only: components read a record, they never import this module at runtime.

/**
 * Field values by field name, parsed from the server's: a datetime is a luxon DateTime in the
 * user's time zone, a selection its key, an empty value `false`.
 */
export interface RecordData {
  [fieldName: string]: unknown;
}

export declare class Record {
  readonly resModel: string;
  readonly resId: number | false;
  readonly data: RecordData;
  readonly isNew: boolean;
  readonly isInEdition: boolean;
  update(changes: RecordData, options?: { save?: boolean }): Promise<void>;
  /** the view's model; `root` is the record of the form (e.g. the sale.order of a line) */
  readonly model: { readonly root: Record };
  /** has changes not saved yet (asks the fields being edited first) */
  isDirty(): Promise<boolean>;
  /** saves and reloads; false when the record is invalid (Odoo shows the invalid fields) */
  save(): Promise<boolean>;
  /** reloads from the server */
  load(): Promise<void>;
}
