/**
 * The AI bench's summary of the held-out bills by source (the corpus's generated layouts, Odoo's own
 * invoice report, both pooled) and the goals, each bill goal judged on the corpus alone and on
 * the corpus and Odoo's renderings together, labelled so.
 */
import { scoreSet, type BenchDocument, type BillScores, type ProcessedSet } from "./bills";
import { fixed, printGoals, printTable, type Goal } from "./table";

/** One set the bench measured: its documents, what the worker made of them, and their scores. */
export interface MeasuredSet {
  documents: BenchDocument[];
  processed: ProcessedSet;
  scores: BillScores;
}

export interface Measured {
  text: MeasuredSet | null;
  scan: MeasuredSet | null;
  odooText: MeasuredSet | null;
  odooScan: MeasuredSet | null;
}

/** Two sets scored as one (every field of every document pooled). */
function pooled(a: MeasuredSet | null, b: MeasuredSet | null): MeasuredSet | null {
  if (!a || !b) return a ?? b;
  const documents = [...a.documents, ...b.documents];
  const processed: ProcessedSet = {
    documents: [...a.processed.documents, ...b.processed.documents],
    seconds: a.processed.seconds + b.processed.seconds,
    peakRssMb: Math.max(a.processed.peakRssMb, b.processed.peakRssMb),
  };
  return { documents, processed, scores: scoreSet(documents, processed) };
}

const cells = (set: MeasuredSet | null) =>
  set ? [String(set.documents.length), fixed(set.scores.extractor.exact), fixed(set.scores.extractor.ece)] : ["—", "—", "—"];

/** Held-out bills per source: text and scan exact match and field-confidence ECE. */
export function printSources(measured: Measured, odooNote: string | null): void {
  const { text, scan, odooText, odooScan } = measured;
  const rows = [["corpus's held-out layouts (generated)", ...cells(text), ...cells(scan)]];
  if (odooText || odooScan) {
    rows.push(["Odoo's invoice report (en_GB, fr, de, es)", ...cells(odooText), ...cells(odooScan)]);
    rows.push(["both, pooled", ...cells(pooled(text, odooText)), ...cells(pooled(scan, odooScan))]);
  }
  printTable(["held-out bills", "text", "exact", "ECE", "scans", "exact", "ECE"], rows);
  if (odooNote) console.log(`  (bills rendered by Odoo's own report: ${odooNote})`);
}

/** The goals: the bill goals on the corpus alone, then on the corpus and Odoo's report together. */
export function printBillGoals(requests: { macroF1: number; ece: number }, measured: Measured): void {
  const { text, scan, odooText, odooScan } = measured;
  const withOdoo = Boolean(odooText || odooScan);
  const both = { text: pooled(text, odooText), scan: pooled(scan, odooScan) };
  const bill = (what: string, pick: (set: MeasuredSet) => number, target: number, kind: "min" | "max"): Goal[] => {
    const [textWhat, scanWhat] = [`${what}, text PDFs`, `${what}, scans`];
    const goals: Goal[] = [
      { what: `${textWhat} (corpus)`, value: text ? pick(text) : null, target, kind },
      { what: `${scanWhat} (corpus)`, value: scan ? pick(scan) : null, target, kind },
    ];
    if (!withOdoo) return goals;
    return [
      goals[0] as Goal,
      { what: `${textWhat} (corpus + Odoo's report)`, value: both.text ? pick(both.text) : null, target, kind },
      goals[1] as Goal,
      { what: `${scanWhat} (corpus + Odoo's report)`, value: both.scan ? pick(both.scan) : null, target, kind },
    ];
  };
  const exact = (set: MeasuredSet) => set.scores.extractor.exact;
  const ece = (set: MeasuredSet) => set.scores.extractor.ece;
  const exactGoals = bill("bill fields exact match", exact, 0.95, "min").map((goal) =>
    goal.what.includes(", scans") ? { ...goal, target: 0.85 } : goal,
  );
  const perMinute = text && text.processed.seconds > 0 ? (text.scores.extractor.count / text.processed.seconds) * 60 : null;
  const peak = Math.max(...[text, scan, odooText, odooScan].map((set) => set?.processed.peakRssMb ?? 0));
  printGoals([
    { what: "request classification macro-F1", value: requests.macroF1, target: 0.9, kind: "min" },
    { what: "request classification ECE", value: requests.ece, target: 0.05, kind: "max" },
    ...exactGoals,
    ...bill("bill field-confidence ECE", ece, 0.05, "max"),
    { what: "text PDFs per minute (corpus, 2 cores)", value: perMinute, target: 20, kind: "min", digits: 1 },
    { what: "worker peak RSS, MB", value: peak || null, target: 1024, kind: "max", digits: 0 },
  ]);
  const scanMinute = scan && scan.processed.seconds > 0 ? (scan.scores.extractor.count / scan.processed.seconds) * 60 : null;
  console.log(`  scans per minute: ${scanMinute === null ? "not measured" : fixed(scanMinute, 1)} (no goal)`);
}
