/**
 * Which request classifier the worker runs: Odoo's active version when there is one and its
 * artifact holds together, else the shipped default. Checked once per batch of claimed jobs by name
 * and SHA-256 (the artifact travels only when it changed); an artifact that fails validation is
 * reported once and the worker keeps to the default.
 */
import type { AiModelGateway } from "../../gateway/ai_model_gateway";
import { ArtifactRejected, parseClassifierArtifact } from "./artifact";
import { defaultRequestClassifier, requestClassifier, type RequestClassifier } from "./classifier";

export class ActiveClassifier {
  private loaded: { sha256: string; classifier: RequestClassifier } | undefined;
  private refused: string | undefined;

  /** `warn` hears of an artifact refused (once per version). */
  constructor(
    private readonly gateway: Pick<AiModelGateway, "activeModel">,
    private readonly warn: (message: string) => void = () => undefined,
    private readonly fallback: () => RequestClassifier = defaultRequestClassifier,
  ) {}

  /** The classifier to run now. Odoo being unreachable throws, as claiming would. */
  async current(): Promise<RequestClassifier> {
    const active = await this.gateway.activeModel("classifier", { withArtifact: false });
    if (active === null) return this.fallback();
    if (this.loaded?.sha256 === active.sha256) return this.loaded.classifier;
    if (this.refused === active.sha256) return this.fallback();
    const full = await this.gateway.activeModel("classifier", { withArtifact: true });
    if (full === null) return this.fallback();
    try {
      const artifact = parseClassifierArtifact(full.artifact, `Odoo's active version ${full.name}`);
      // Results name the version as Odoo knows it.
      this.loaded = { sha256: full.sha256, classifier: requestClassifier({ ...artifact, name: full.name }) };
      return this.loaded.classifier;
    } catch (error) {
      if (!(error instanceof ArtifactRejected)) throw error;
      this.refused = full.sha256;
      const fallback = this.fallback();
      this.warn(
        `${error.message}\n  → running the shipped default ${fallback.name}; activate another version in Odoo (AI model versions)`,
      );
      return fallback;
    }
  }
}
