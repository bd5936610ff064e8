/** The provider's settings: none without a URL; with one, the model and the API key are required and never echoed. */
import { ConfigValidationError } from "../../../../sync_bridge/src/errors";
import { providerConfig } from "../../../../sync_bridge/src/intake/providers/provider_config";

describe("providerConfig", () => {
  it("is null when no provider URL is set: the worker stays local", () => {
    expect(providerConfig({})).toBeNull();
    expect(providerConfig({ OPS_AI_PROVIDER_URL: "  ", OPS_AI_PROVIDER_API_KEY: "sk-x" })).toBeNull();
  });

  it("reads the base URL (a trailing /v1 dropped), the model, the key and the timeout", () => {
    expect(
      providerConfig({
        OPS_AI_PROVIDER_URL: "https://api.openai.com/v1/",
        OPS_AI_PROVIDER_MODEL: "gpt-4o-2024-08-06",
        OPS_AI_PROVIDER_API_KEY: "sk-secret",
        OPS_AI_PROVIDER_TIMEOUT_MS: "20000",
      }),
    ).toEqual({ baseUrl: "https://api.openai.com", model: "gpt-4o-2024-08-06", apiKey: "sk-secret", timeoutMs: 20_000 });
  });

  it("refuses a URL without its model and key, naming the variables to set", () => {
    let error: unknown;
    try {
      providerConfig({ OPS_AI_PROVIDER_URL: "ftp://llm.example" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const { message, hint } = error as ConfigValidationError;
    expect(message).toContain("OPS_AI_PROVIDER_URL");
    expect(hint).toBe(
      "Set OPS_AI_PROVIDER_URL, OPS_AI_PROVIDER_MODEL, OPS_AI_PROVIDER_API_KEY in the environment or in the file passed with --env-file.",
    );
  });

  it("never puts the API key in its error", () => {
    expect(() =>
      providerConfig({
        OPS_AI_PROVIDER_URL: "https://llm.example",
        OPS_AI_PROVIDER_MODEL: "m",
        OPS_AI_PROVIDER_API_KEY: "sk-very-secret",
        OPS_AI_PROVIDER_TIMEOUT_MS: "soon",
      }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining("sk-very-secret") }));
  });
});
