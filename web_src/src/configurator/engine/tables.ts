// Lookup tables (the price book, §2 "Tables"): their validation, their rows as values, and the
// `table_lookup` operator (§4): the first row, in row order, matching every key.
import { NEVER_RUN, type Compiler, type OperatorCompiler } from "./compiler";
import { keyPath, indexPath } from "./paths";
import { mismatch, missing, type Compiled } from "./runtime";
import { byCodePoint, isObject } from "./structure";
import { RuntimeFault, type Problem, type ValidationCode } from "./types";
import {
  decimalText,
  isDecimal,
  looksDecimal,
  readDecimalText,
  readJsonNumber,
  Row,
  typeOf,
  type Decimal,
  type TypeName,
  type Value,
} from "./values";

export const MAX_ROWS = 5_000;
export const IDENTIFIER = /^[a-z][a-z0-9_]{0,63}$/;

export interface CompiledTable {
  columns: string[];
  /** the type of each column's non-null cells (null: every cell is null) */
  columnTypes: (TypeName | null)[];
  rows: Value[][];
  /** the rows as `tables.<name>` gives them */
  list: Row[];
  /** range key → [from column index, to column index] */
  ranges: Map<string, [number, number]>;
  /** row positions by their cells in some equality columns, built once per set of columns */
  indexes: Map<string, Map<string, number[]>>;
  /** the matching row position (-1: none) of recent lookups, by match keys and values */
  found: Map<string, number>;
}

type Report = (code: ValidationCode, path: string, message: string) => void;

/** a cell as a value, or a report of why it cannot be one */
function readCell(raw: unknown, path: string, report: Report): Value | undefined {
  if (raw === null || typeof raw === "boolean") return raw;
  if (typeof raw === "number") {
    const reading = readJsonNumber(raw);
    if (reading.ok) return reading.value;
    report("bad_number", path, "a cell must be a decimal string or an integer of at most 15 digits");
    return undefined;
  }
  if (typeof raw === "string") {
    if (!looksDecimal(raw)) return raw;
    const reading = readDecimalText(raw);
    if (reading.ok) return reading.value;
    report("bad_number", path, "a decimal has at most 30 significant digits");
    return undefined;
  }
  report("bad_table", path, "a cell is a decimal, a text, a bool or null");
  return undefined;
}

/** the column names; null when they are unusable (the table is then left out) */
function readColumns(raw: unknown, path: string, report: Report): string[] | null {
  if (!Array.isArray(raw) || raw.length === 0) {
    report("invalid_structure", path, "columns is a non-empty list of column names");
    return null;
  }
  let valid = true;
  raw.forEach((column, index) => {
    const columnPath = indexPath(path, index);
    if (typeof column !== "string" || !IDENTIFIER.test(column)) {
      report("bad_identifier", columnPath, "a column name is an identifier ([a-z][a-z0-9_]{0,63})");
      valid = false;
    } else if (raw.indexOf(column) < index) {
      report("bad_table", columnPath, `column ${column} is listed twice`);
      valid = false;
    }
  });
  return valid ? (raw as string[]) : null;
}

function readRows(raw: unknown, path: string, table: CompiledTable, report: Report): void {
  if (!Array.isArray(raw) || raw.length > MAX_ROWS) {
    report("bad_table", path, `rows is a list of at most ${MAX_ROWS} rows`);
    return;
  }
  raw.forEach((row, rowIndex) => {
    const rowPath = indexPath(path, rowIndex);
    if (!Array.isArray(row) || row.length !== table.columns.length) {
      report("bad_table", rowPath, `a row is a list of ${table.columns.length} cells, one per column`);
      return;
    }
    const cells = row.map((raw, index) => {
      const cellPath = indexPath(rowPath, index);
      const cell = readCell(raw, cellPath, report);
      if (cell === undefined || cell === null) return null;
      const type = typeOf(cell);
      const expected = table.columnTypes[index];
      if (expected === null) {
        table.columnTypes[index] = type;
      } else if (expected !== type) {
        report("bad_table", cellPath, `column ${table.columns[index]} holds ${expected} cells, not ${type}`);
      }
      return cell;
    });
    table.rows.push(cells);
    table.list.push(new Row(table.columns, cells));
  });
}

function readRanges(raw: unknown, path: string, table: CompiledTable, report: Report): void {
  if (!isObject(raw)) {
    report("bad_table", path, "ranges maps a key to [from column, to column]");
    return;
  }
  for (const [key, bounds] of Object.entries(raw)) {
    const rangePath = keyPath(path, key);
    if (!IDENTIFIER.test(key)) {
      report("bad_identifier", rangePath, "a range key is an identifier ([a-z][a-z0-9_]{0,63})");
      continue;
    }
    if (table.columns.includes(key)) {
      report("bad_table", rangePath, `range key ${key} is also a column`);
      continue;
    }
    if (!Array.isArray(bounds) || bounds.length !== 2 || bounds.some((bound) => typeof bound !== "string")) {
      report("bad_table", rangePath, "a range is [from column, to column]");
      continue;
    }
    const indexes = (bounds as string[]).map((bound) => table.columns.indexOf(bound));
    indexes.forEach((index, position) => {
      if (index < 0) report("unknown_column", indexPath(rangePath, position), `no column ${bounds[position]}`);
    });
    if (indexes.some((index) => index < 0)) continue;
    if (indexes.some((index) => table.columnTypes[index] !== null && table.columnTypes[index] !== "decimal")) {
      report("bad_table", rangePath, "the bounds of a range are decimal (or empty) cells");
      continue;
    }
    table.ranges.set(key, [indexes[0], indexes[1]]);
  }
}

/** a table of the rule set, its problems reported in document order; null when its columns are unusable */
export function compileTable(raw: unknown, path: string, problems: Problem[]): CompiledTable | null {
  const report: Report = (code, at, message) => problems.push({ code, path: at, message });
  if (!isObject(raw)) {
    report("invalid_structure", path, "a table is an object with columns and rows");
    return null;
  }
  for (const key of Object.keys(raw).sort(byCodePoint)) {
    if (!["columns", "rows", "ranges"].includes(key)) report("invalid_structure", keyPath(path, key), `unknown key ${key}`);
  }
  for (const key of ["columns", "rows"]) {
    if (!(key in raw)) report("invalid_structure", keyPath(path, key), `a table needs ${key}`);
  }
  if (!("columns" in raw)) return null;
  const columns = readColumns(raw.columns, keyPath(path, "columns"), report);
  if (columns === null) return null;
  const table: CompiledTable = {
    columns,
    columnTypes: columns.map(() => null),
    rows: [],
    list: [],
    ranges: new Map(),
    indexes: new Map(),
    found: new Map(),
  };
  if ("rows" in raw) readRows(raw.rows, keyPath(path, "rows"), table, report);
  if ("ranges" in raw) readRanges(raw.ranges, keyPath(path, "ranges"), table, report);
  return table;
}

/** `tables.<name>` as a list of rows */
export function tableRows(table: CompiledTable): Compiled {
  return () => table.list;
}

interface Match {
  key: string;
  value: Compiled;
  /** the column compared for equality, or -1 for a range key */
  column: number;
  range: [number, number] | null;
}

function literalName(c: Compiler, raw: unknown, path: string, what: string): string | null {
  if (typeof raw === "string") return raw;
  c.problem("bad_argument", path, `${what} must be a literal text`);
  return null;
}

/** a cell or a matched value as an index key: equal values (by ==) give equal keys */
function cellKey(value: Value): string {
  if (isDecimal(value)) return `d${decimalText(value)}`;
  if (typeof value === "string") return `t${value}`;
  if (typeof value === "boolean") return value ? "b1" : "b0";
  return "x"; // lists and rows never equal a cell
}

/** indexes the rows by their cells in `columns` (once per table and columns); returns the index's name */
function rowIndex(table: CompiledTable, columns: number[]): string {
  const name = columns.join(",");
  let index = table.indexes.get(name);
  if (index === undefined) {
    index = new Map();
    table.rows.forEach((row, position) => {
      if (columns.some((column) => row[column] === null)) return;
      const key = columns.map((column) => cellKey(row[column])).join("\u0000");
      const positions = index?.get(key);
      if (positions) positions.push(position);
      else index?.set(key, [position]);
    });
    table.indexes.set(name, index);
  }
  return name;
}

const MAX_REMEMBERED = 10_000;

/**
 * The first row (in row order) among the index's candidates for `key` whose ranges hold the
 * wanted values; -1 for none. Tables never change, so answers are remembered per table.
 */
function findRow(
  table: CompiledTable,
  indexName: string,
  key: string,
  ranges: [number, [number, number]][],
  wanted: Value[],
): number {
  const candidates = table.indexes.get(indexName)?.get(key);
  if (candidates === undefined) return -1;
  if (ranges.length === 0) return candidates[0];
  let remembered = `${indexName}\u0002${key}`;
  for (const [position, range] of ranges)
    remembered += `\u0001${range[0]},${range[1]}=${decimalText(wanted[position] as Decimal)}`;
  const known = table.found.get(remembered);
  if (known !== undefined) return known;
  const found =
    candidates.find((row) => ranges.every(([position, range]) => inRange(table.rows[row], range, wanted[position] as Decimal))) ??
    -1;
  if (table.found.size >= MAX_REMEMBERED) table.found.clear();
  table.found.set(remembered, found);
  return found;
}

function inRange(row: Value[], range: [number, number], value: Decimal): boolean {
  // validation made both bounds decimals or null, and the caller checked the value is a decimal
  const low = row[range[0]] as Decimal | null;
  const high = row[range[1]] as Decimal | null;
  return (low === null || value.gte(low)) && (high === null || value.lt(high));
}

export const tableLookup: OperatorCompiler = (c, args, path, depth, scope) => {
  if (!c.arity(args, path, 3, 4)) return NEVER_RUN;
  const [nameArg, matchArg, columnArg, defaultArg] = args;
  const name = literalName(c, nameArg.raw, nameArg.path, "table_lookup's table name");
  const table = name === null ? undefined : c.names.tables.get(name);
  if (name !== null && table === undefined) c.problem("unknown_table", nameArg.path, `no table ${name}`);
  const matchList: Match[] = [];
  if (!isObject(matchArg.raw)) {
    c.problem("bad_argument", matchArg.path, "table_lookup's match is a literal object: column → expression");
  } else {
    for (const [key, raw] of Object.entries(matchArg.raw)) {
      const keyAt = keyPath(matchArg.path, key);
      const column = table ? table.columns.indexOf(key) : -1;
      const range = table?.ranges.get(key) ?? null;
      if (table && column < 0 && range === null)
        c.problem("unknown_column", keyAt, `table ${name} has no column or range ${key}`);
      matchList.push({ key, value: c.node(raw, keyAt, depth + 1, scope), column, range });
    }
  }
  const column = literalName(c, columnArg.raw, columnArg.path, "table_lookup's column");
  const resultColumn = table && column !== null ? table.columns.indexOf(column) : -1;
  if (table && column !== null && resultColumn < 0)
    c.problem("unknown_column", columnArg.path, `table ${name} has no column ${column}`);
  const fallback = defaultArg ? c.node(defaultArg.raw, defaultArg.path, depth + 1, scope) : null;
  if (!table || resultColumn < 0) return NEVER_RUN;
  const positions = matchList.map((_, index) => index);
  const equalities = positions.filter((index) => matchList[index].range === null);
  const ranges = positions
    .filter((index) => matchList[index].range !== null)
    .map((index): [number, [number, number]] => [index, matchList[index].range as [number, number]]);
  const indexName = rowIndex(
    table,
    equalities.map((position) => matchList[position].column),
  );
  return (env) => {
    const wanted = matchList.map((match) => match.value(env));
    const otherwise = fallback ? fallback(env) : undefined;
    matchList.forEach((match, index) => {
      const value = wanted[index];
      if (value === null) throw missing(path, `the value matched against ${match.key}`);
      const expected = match.range === null ? table.columnTypes[match.column] : "decimal";
      if (expected !== null && typeOf(value) !== expected) throw mismatch(path, `a ${expected} for ${match.key}`, value);
    });
    const key = equalities.map((index) => cellKey(wanted[index])).join("\u0000");
    const position = findRow(table, indexName, key, ranges, wanted);
    if (position >= 0) return table.rows[position][resultColumn];
    if (otherwise !== undefined) return otherwise;
    throw new RuntimeFault("no_match", path, `no row of the table matches`);
  };
};
