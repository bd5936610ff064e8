/**
 * The optional OpenAI-compatible provider's settings, from the environment (or `--env-file`) like
 * the connectors' secrets. Unset `OPS_AI_PROVIDER_URL` means no provider: the worker reads every
 * document locally. When it is set, the model and the API key must be too.
 */
import { z } from "zod";
import type { Env } from "../../sources/descriptor";
import { isSet, readSecrets } from "../../sources/secrets";

export const providerSecretsSchema = z.object({
  /**
   * Base URL of the OpenAI-compatible API, without /v1 (the worker posts to {base}/v1/chat/completions).
   * e.g. https://api.openai.com
   */
  OPS_AI_PROVIDER_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .transform((url) => url.replace(/\/+$/, "").replace(/\/v1$/, "")),
  /** The model to ask, e.g. gpt-4o-2024-08-06 */
  OPS_AI_PROVIDER_MODEL: z.string(isSet).min(1),
  /** The API key, sent as a bearer token. e.g. sk-… */
  OPS_AI_PROVIDER_API_KEY: z.string(isSet).min(1),
  /** How long one request may take, in milliseconds (default 60000). */
  OPS_AI_PROVIDER_TIMEOUT_MS: z.coerce
    .number({ error: "must be a number of milliseconds" })
    .int()
    .min(1000)
    .max(600_000)
    .default(60_000),
});

export interface ProviderConfig {
  baseUrl: string;
  model: string;
  apiKey: string;
  timeoutMs: number;
}

/** The provider's settings, or null when `OPS_AI_PROVIDER_URL` is not set; throws `ConfigValidationError` when incomplete. */
export function providerConfig(env: Env): ProviderConfig | null {
  if (!env.OPS_AI_PROVIDER_URL?.trim()) return null;
  const secrets = readSecrets(providerSecretsSchema, env, "OpenAI-compatible provider");
  return {
    baseUrl: secrets.OPS_AI_PROVIDER_URL,
    model: secrets.OPS_AI_PROVIDER_MODEL,
    apiKey: secrets.OPS_AI_PROVIDER_API_KEY,
    timeoutMs: secrets.OPS_AI_PROVIDER_TIMEOUT_MS,
  };
}
