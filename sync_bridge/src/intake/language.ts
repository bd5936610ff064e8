/**
 * The language check: the local extractors know the labels and keywords of English, French, German
 * and Spanish. A document clearly in another language (another script, or a Latin-script language
 * franc ranks well above all four) gets a failed `language` check, so the reviewer sees why its
 * fields are missing or doubtful. Short texts and mixed ones are given the benefit of the doubt.
 */
import type { CrossCheck } from "./result";

type Franc = typeof import("franc-min");

/** ISO 639-3 codes of the languages the local extractors read. */
export const SUPPORTED_LANGUAGES = ["eng", "fra", "deu", "spa"] as const;
/** franc's score (top = 1) a supported language must reach for the text to pass as it. */
const SUPPORTED_SCORE = 0.85;
/** Fewer letters than this in words of three or more letters: too little to tell. */
const MIN_LETTERS = 60;

/**
 * Function words only one language of a confusable pair uses (franc's trigrams tell Italian from
 * Spanish, or Portuguese from Spanish, poorly on a short text): a tie-breaker when franc ranks
 * such a neighbour first and a supported language close behind.
 */
const FUNCTION_WORDS: Readonly<Record<string, readonly string[]>> = {
  eng: ["the", "and", "of", "to", "for", "with", "is", "are", "you", "we", "please", "your", "our", "this", "that"],
  fra: ["le", "les", "des", "et", "pour", "est", "vous", "nous", "une", "dans", "sur", "au", "aux", "merci", "votre"],
  deu: ["der", "die", "das", "und", "für", "mit", "ist", "wir", "sie", "bitte", "ein", "eine", "nicht", "ihre", "vielen"],
  spa: ["el", "los", "las", "y", "para", "con", "por", "una", "usted", "gracias", "muy", "nuestro", "su", "es", "en"],
  ita: ["il", "di", "che", "per", "della", "delle", "sono", "non", "anche", "gli", "grazie", "nostro", "vostro", "alla", "entro"],
  por: ["não", "você", "uma", "são", "com", "pelo", "pela", "obrigado", "obrigada", "nosso", "seu", "ao", "os", "em", "às"],
  nld: ["het", "een", "van", "en", "voor", "met", "niet", "wij", "u", "uw", "bedankt", "graag", "ons", "zijn", "naar"],
};

function functionWordHits(words: readonly string[], language: string): number {
  const list = new Set(FUNCTION_WORDS[language] ?? []);
  return words.filter((word) => list.has(word)).length;
}

let franc: Franc | undefined;

function loadFranc(): Franc {
  if (!franc) {
    const { createRequire } = process.getBuiltinModule("node:module");
    // franc-min ships ES modules only; Node (≥ 20.19) loads them through require.
    franc = createRequire(__filename)("franc-min") as Franc;
  }
  return franc;
}

export interface LanguageGuess {
  /** ISO 639-3, or "und" when the text is too short to tell. */
  code: string;
  supported: boolean;
  /** Why, in a sentence for the reviewer. */
  detail: string;
}

/** Guesses the language of `text` from its words (numbers and identifiers left out). */
export function guessLanguage(text: string): LanguageGuess {
  const words = text.match(/\p{L}{3,}/gu) ?? [];
  const letters = words.join("");
  if (letters.length < MIN_LETTERS) return { code: "und", supported: true, detail: "too little text to tell the language" };
  const latin = letters.match(/\p{Script=Latin}/gu)?.length ?? 0;
  const ranked = loadFranc().francAll(words.join(" "), { minLength: 10 });
  const [top, topScore] = ranked[0] ?? ["und", 0];
  if (latin < 0.7 * letters.length) {
    return {
      code: top,
      supported: false,
      detail: `The text is mostly in a non-Latin script (${Math.round((100 * (letters.length - latin)) / letters.length)}% of its letters; franc reads it as "${top}"): the local extractors read English, French, German and Spanish only.`,
    };
  }
  const best = ranked.find(([code]) => (SUPPORTED_LANGUAGES as readonly string[]).includes(code));
  const lower = (text.toLowerCase().match(/\p{L}+/gu) ?? []) as string[];
  const neighbourWins = () => {
    const own = functionWordHits(lower, top);
    const supported = Math.max(...SUPPORTED_LANGUAGES.map((code) => functionWordHits(lower, code)));
    return FUNCTION_WORDS[top] !== undefined && own >= 3 && own >= 2 * supported;
  };
  if (
    (SUPPORTED_LANGUAGES as readonly string[]).includes(top) ||
    (best && best[1] >= SUPPORTED_SCORE * topScore && !neighbourWins())
  ) {
    return { code: best?.[0] ?? top, supported: true, detail: `reads as ${best?.[0] ?? top}` };
  }
  return {
    code: top,
    supported: false,
    detail: `The text reads as "${top}" (ISO 639-3), not as English, French, German or Spanish, which the local extractors read: check every field by hand.`,
  };
}

/** The `language` check for the result: only when the language is clearly not one the extractors read. */
export function languageChecks(text: string): CrossCheck[] {
  const guess = guessLanguage(text);
  return guess.supported ? [] : [{ name: "language", ok: false, detail: guess.detail }];
}
