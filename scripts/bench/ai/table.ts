/** Plain-text tables for the AI bench: fixed-width columns, figures to three decimals, ratios. */

export const fixed = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");

/** `ours / theirs` as "×1.23", or "n/a" when `theirs` is 0. */
export const ratio = (ours: number, theirs: number) => (theirs > 0 ? `×${(ours / theirs).toFixed(2)}` : "n/a");

/**
 * Prints rows under a header, each column as wide as its widest cell: figures right-aligned, the
 * first column and any in `left` (column indexes) left-aligned.
 */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[], left: readonly number[] = []): void {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)));
  const aligned = (cell: string, column: number) =>
    column === 0 || left.includes(column) ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0);
  const line = (cells: readonly string[]) => `  ${cells.map(aligned).join("  ")}`.trimEnd();
  console.log(line(header));
  console.log(`  ${widths.map((width) => "-".repeat(width)).join("  ")}`);
  for (const row of rows) console.log(line(row));
}

export interface Goal {
  what: string;
  /** The figure measured, or null when it could not be. */
  value: number | null;
  target: number;
  /** "min": value must be at least target; "max": at most. */
  kind: "min" | "max";
  digits?: number;
}

/** The goals next to the figures, each marked met or not met. */
export function printGoals(goals: readonly Goal[]): void {
  printTable(
    ["goal (held-out)", "measured", "target", "status"],
    goals.map((goal) => [
      goal.what,
      goal.value === null ? "not measured" : fixed(goal.value, goal.digits ?? 3),
      `${goal.kind === "min" ? "≥" : "≤"} ${fixed(goal.target, goal.digits ?? 3)}`,
      goal.value === null
        ? "not met (no figure)"
        : (goal.kind === "min" ? goal.value >= goal.target : goal.value <= goal.target)
          ? "met"
          : "NOT MET",
    ]),
  );
}
