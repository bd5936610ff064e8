/** A value a generator found in the text, normalized and validated, with where it was found. */
export interface Candidate {
  /** The text as printed. */
  raw: string;
  /** Normalized: ISO date, decimal string, E.164, compact upper-case IBAN or VAT. */
  value: string;
  start: number;
  end: number;
  generator: string;
  /** How sure the generator is of the reading itself (1: unambiguous, lower: e.g. day/month order guessed). */
  validity: number;
}

/** Every match of `pattern` (global) in `text`, with its offset. */
export function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  for (let match = global.exec(text); match; match = global.exec(text)) {
    if (match[0] === "") global.lastIndex++;
    yield match;
  }
}
