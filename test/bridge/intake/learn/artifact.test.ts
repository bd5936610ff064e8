/**
 * The classifier artifact: JSON that reads back to the same predictions, and refused whole, with
 * the problem named, when it does not hold together. The worker then runs the shipped default.
 */
import { ArtifactRejected, parseClassifierArtifact } from "../../../../sync_bridge/src/intake/learn/artifact";
import { defaultRequestClassifier, requestClassifier } from "../../../../sync_bridge/src/intake/learn/classifier";
import { ActiveClassifier } from "../../../../sync_bridge/src/intake/learn/active_classifier";
import type { ActiveModel, AiModelGateway } from "../../../../sync_bridge/src/gateway/ai_model_gateway";

const shipped = defaultRequestClassifier();

describe("classifier artifacts", () => {
  test("an artifact survives JSON and gives the same classes and confidences", () => {
    const copy = requestClassifier(parseClassifierArtifact(JSON.parse(JSON.stringify(shipped.artifact)), "test"));
    const mails = [
      ["Quote for 40 licences", "Hello, could you send a price list for 40 seats? Thanks, Ann"],
      ["Commande urgente", "Bonjour, merci de commander 12 cartouches d'encre pour le bureau."],
      ["Out of office", "I am away until Monday."],
    ] as const;
    for (const [subject, body] of mails) expect(copy.classify(subject, body)).toEqual(shipped.classify(subject, body));
    const answer = shipped.classify(mails[0][0], mails[0][1]);
    expect(answer.candidates.reduce((sum, candidate) => sum + candidate.confidence, 0)).toBeCloseTo(1, 2);
    expect(answer.evidence.length).toBeGreaterThan(0);
  });

  test("junk is refused with the part named", () => {
    const short = { ...shipped.artifact, weights: shipped.artifact.weights.slice(1) };
    expect(() => parseClassifierArtifact(short, "Odoo")).toThrow(ArtifactRejected);
    expect(() => parseClassifierArtifact(short, "Odoo")).toThrow(/weights has 4 rows for 5 labels/);
    expect(() => parseClassifierArtifact({ ...shipped.artifact, temperature: -1 }, "Odoo")).toThrow(/temperature/);
    expect(() => parseClassifierArtifact({ ...shipped.artifact, labels: ["spam", "ham"] }, "Odoo")).toThrow(/labels/);
    expect(() => parseClassifierArtifact("weights", "Odoo")).toThrow(/from Odoo is not usable/);
  });
});

/** Odoo's active version as the gateway hands it, counting how often the artifact travelled. */
class ActiveModels implements Pick<AiModelGateway, "activeModel"> {
  fullReads = 0;
  constructor(public active: ActiveModel | null) {}
  async activeModel(_kind: string, options: { withArtifact?: boolean } = {}): Promise<ActiveModel | null> {
    if (this.active === null) return null;
    if (options.withArtifact === false) return { ...this.active, artifact: null };
    this.fullReads++;
    return this.active;
  }
}

describe("the worker's classifier", () => {
  test("Odoo's active version runs under Odoo's name, fetched again only when its SHA-256 changes", async () => {
    const gateway = new ActiveModels({ name: "request-classifier-odoo-1", sha256: "1".repeat(64), artifact: shipped.artifact });
    const source = new ActiveClassifier(gateway);
    expect((await source.current()).name).toBe("request-classifier-odoo-1");
    expect((await source.current()).name).toBe("request-classifier-odoo-1");
    expect(gateway.fullReads).toBe(1);
    gateway.active = { name: "request-classifier-odoo-2", sha256: "2".repeat(64), artifact: shipped.artifact };
    expect((await source.current()).name).toBe("request-classifier-odoo-2");
    expect(gateway.fullReads).toBe(2);
  });

  test("a junk artifact from Odoo is refused with a clear warning, once, and the shipped default runs", async () => {
    const gateway = new ActiveModels({
      name: "junk-1",
      sha256: "3".repeat(64),
      artifact: { format: "ops-request-classifier/1" },
    });
    const warnings: string[] = [];
    const source = new ActiveClassifier(gateway, (message) => warnings.push(message));
    expect((await source.current()).name).toBe(shipped.name);
    expect((await source.current()).name).toBe(shipped.name);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Odoo's active version junk-1 is not usable/);
    expect(warnings[0]).toMatch(/running the shipped default/);
    expect(gateway.fullReads).toBe(1);
  });

  test("with no active version in Odoo the shipped default runs", async () => {
    expect((await new ActiveClassifier(new ActiveModels(null)).current()).name).toBe(shipped.name);
  });
});
