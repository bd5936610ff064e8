"""Validation of the tables (the price book, §2): columns, rows, one type per column, ranges."""

from . import paths
from .operators import MAX_ROWS
from .values import MAX_JSON_INTEGER, literal, looks_decimal, type_name, within_size


class TableChecker:
    """Mixin of the rule-set checker: `check_tables` reports problems and returns what expressions need to know."""

    def check_tables(self, tables):
        """name → {"columns", "ranges", "types"} for every table whose columns are valid."""
        if type(tables) is not dict:
            self.report("invalid_structure", "$.tables", "`tables` is an object: name → table.")
            return {}
        known = {}
        for name, table in tables.items():
            path = paths.key("$.tables", name)
            if not paths.is_identifier(name):
                self.report("bad_identifier", path, "A table name is an identifier.")
            info = self.table(table, path)
            if info is not None:
                known[name] = info
        return known

    def table(self, table, path):
        if not self.fields(table, path, ("columns", "rows", "ranges"), ("columns", "rows")):
            return None
        columns = self.columns(table.get("columns"), paths.key(path, "columns"))
        if columns is None:
            return None
        types = dict.fromkeys(columns)
        if "rows" in table:
            self.rows(table["rows"], paths.key(path, "rows"), columns, types)
        ranges = {}
        if "ranges" in table:
            ranges = self.ranges(table["ranges"], paths.key(path, "ranges"), columns, types)
        return {"columns": columns, "ranges": ranges, "types": types}

    def columns(self, columns, path):
        if type(columns) is not list or not columns:
            self.report("invalid_structure", path, "`columns` is a non-empty list of column names.")
            return None
        valid = True
        for position, column in enumerate(columns):
            column_path = paths.index(path, position)
            if not paths.is_identifier(column):
                self.report("bad_identifier", column_path, "A column name is an identifier.")
                valid = False
            elif column in columns[:position]:
                self.report("bad_table", column_path, f"The column {column!r} is listed twice.")
                valid = False
        return list(columns) if valid else None

    def rows(self, rows, path, columns, types):
        if type(rows) is not list or len(rows) > MAX_ROWS:
            self.report("bad_table", path, f"`rows` is a list of at most {MAX_ROWS} rows.")
            return
        for position, row in enumerate(rows):
            row_path = paths.index(path, position)
            if type(row) is not list or len(row) != len(columns):
                self.report("bad_table", row_path, f"A row is a list of {len(columns)} cells, one per column.")
                continue
            for at, (column, cell) in enumerate(zip(columns, row)):
                cell_path = paths.index(row_path, at)
                kind = self.cell(cell, cell_path)
                if kind is None or kind == "null":
                    continue
                if types[column] is None:
                    types[column] = kind
                elif types[column] != kind:
                    self.report("bad_table", cell_path, f"The column {column!r} holds {types[column]} cells, not {kind}.")

    def cell(self, cell, path):
        """The type of a cell, or None after reporting it."""
        kind = type(cell)
        if kind is float or (kind is int and abs(cell) >= MAX_JSON_INTEGER):
            self.report("bad_number", path, "A number in a table is a decimal string or an integer of at most 15 digits.")
            return None
        if kind is str and looks_decimal(cell) and not within_size(cell):
            self.report("bad_number", path, "A decimal has at most 30 significant digits and 30 integer digits.")
            return None
        if kind in (list, dict):
            self.report("bad_table", path, "A cell is a decimal, a text, a bool or null.")
            return None
        return type_name(literal(cell))

    def ranges(self, ranges, path, columns, types):
        if type(ranges) is not dict:
            self.report("bad_table", path, "`ranges` maps a key to [from_column, to_column].")
            return {}
        known = {}
        for name, bounds in ranges.items():
            range_path = paths.key(path, name)
            if not paths.is_identifier(name):
                self.report("bad_identifier", range_path, "A range key is an identifier.")
                continue
            if name in columns:
                self.report("bad_table", range_path, f"The range key {name!r} is also a column.")
                continue
            if type(bounds) is not list or len(bounds) != 2 or any(type(bound) is not str for bound in bounds):
                self.report("bad_table", range_path, "A range is [from_column, to_column].")
                continue
            unknown = [position for position, bound in enumerate(bounds) if bound not in columns]
            for position in unknown:
                self.report("unknown_column", paths.index(range_path, position), f"There is no column {bounds[position]!r}.")
            if unknown:
                continue
            if any(types[bound] not in (None, "decimal") for bound in bounds):
                self.report("bad_table", range_path, "The bounds of a range are decimal (or empty) cells.")
                continue
            known[name] = (columns.index(bounds[0]), columns.index(bounds[1]))
        return known
