/**
 * The classifier's cross-language cues: the same thing said in English, French, German or Spanish
 * gives the same cue, matched at word starts on folded text, and the cues reach the model as
 * features of their own (scaled like the keyword rules' hits, outside the n-grams' unit length).
 */
import { requestCues } from "../../../../sync_bridge/src/intake/learn/concepts";
import { buildVocabulary, requestFeatures, vectorize } from "../../../../sync_bridge/src/intake/learn/features";

describe("cross-language cues", () => {
  test("asking a price is one cue in four languages, accents and case aside", () => {
    const asks = [
      ["pricing?", "How much does the module cost for 40 trucks?"],
      ["Étiqueteuses", "Combien COÛTE une étiqueteuse ?"],
      ["Tourenplaner", "Was kostet Ihr Tourenplaner im Jahr?"],
      ["básculas", "¿Cuánto cuestan sus básculas?"],
    ] as const;
    for (const [subject, body] of asks) expect(requestCues(subject, body).get("price")).toBeGreaterThanOrEqual(1);
  });

  test("auto-replies, unsubscribe footers and scams give their cues; a plain note gives none of them", () => {
    expect(requestCues("Respuesta automática", "Estoy fuera de la oficina hasta el 8 de enero.").has("away")).toBe(true);
    expect(requestCues("Newsletter", "Die Themen dieser Ausgabe … Newsletter abbestellen").has("bulletin")).toBe(true);
    expect(requestCues("Gagnant", "Félicitations ! Cliquez ici.").get("scam")).toBe(2);
    const note = requestCues("lunch?", "anyone up for lunch at 1? Dan");
    for (const cue of ["away", "bulletin", "scam", "price", "broken"]) expect(note.has(cue)).toBe(false);
  });

  test("cues match at word starts only, and references and amounts are recognised", () => {
    // "reprice" holds "price" but not at a word start; "Prices" starts with it
    expect(requestCues("", "We reprice nothing.").has("price")).toBe(false);
    expect(requestCues("", "Prices rise.").has("price")).toBe(true);
    const billing = requestCues("Charged twice", "Invoice INV/2026/01922 was charged twice: £1,240.00 each.");
    expect(billing.get("reference")).toBe(1);
    expect(billing.get("amount")).toBe(1);
    expect(billing.has("billing_error")).toBe(true);
    expect(requestCues("hello", "see you at 3").has("reference")).toBe(false);
  });

  test("cues are features of their own, weighed like keyword hits, apart from the unit-length n-grams", () => {
    const counts = requestFeatures("Was kostet das?", "Was kostet der Tourenplaner?");
    expect(counts.get("x:price")).toBe(1);
    const { features, idf } = buildVocabulary([counts], { minDf: 1, maxFeatures: 10_000 });
    const vocabulary = new Map(features.map((feature, index) => [feature, index]));
    const vector = vectorize(counts, vocabulary, idf, 0.5);
    const value = (feature: string) => vector.value[vector.index.indexOf(vocabulary.get(feature) as number)] as number;
    expect(value("x:price")).toBe(0.5);
    const ngrams = vector.index
      .map((index, k) => [features[index] as string, vector.value[k] as number] as const)
      .filter(([feature]) => !feature.startsWith("x:") && !feature.startsWith("k:"));
    expect(ngrams.reduce((sum, [, v]) => sum + v * v, 0)).toBeCloseTo(1, 10);
  });
});
