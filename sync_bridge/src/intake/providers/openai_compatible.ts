/**
 * The optional OpenAI-compatible provider: one `POST {base}/v1/chat/completions` per document, with
 * a strict JSON schema (Structured Outputs) asking, for each field, a `value` and the
 * `evidence_quote` it was read from. This file only talks to the endpoint and validates its answer
 * with zod; every failure (timeout, 429, 5xx, an unreadable answer, a refusal) is a
 * `ProviderFailure` saying why, so the worker falls back to its local reading.
 */
import { z } from "zod";
import { errorMessage } from "../../errors";
import { parseRetryAfter } from "../../retry";
import { answerJsonSchema, type FieldSpec } from "./field_specs";
import type { ProviderConfig } from "./provider_config";

export const OPENAI_COMPATIBLE = "openai_compatible";
/** A 429 whose Retry-After is at most this long is retried once; longer, the worker reads locally. */
export const MAX_RETRY_WAIT_MS = 2_000;

export type FailureReason =
  "timeout" | "rate_limited" | "server_error" | "refused_request" | "network" | "malformed" | "refusal" | "truncated";

export class ProviderFailure extends Error {
  override readonly name = "ProviderFailure";

  constructor(
    readonly reason: FailureReason,
    message: string,
  ) {
    super(message);
  }
}

/** What the provider read for one field. */
export interface FieldAnswer {
  value: string | null;
  evidence_quote: string | null;
}

export interface ProviderAnswer {
  /** The model the endpoint says answered. */
  model: string;
  fields: Record<string, FieldAnswer>;
}

export interface ExtractionRequest {
  documentType: string;
  prompt: string;
  /** Already minimized (`minimize.ts`). */
  text: string;
  specs: readonly FieldSpec[];
}

const completionSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        finish_reason: z.string().nullable().optional(),
        message: z.object({
          content: z.string().nullable().optional(),
          refusal: z.string().nullable().optional(),
        }),
      }),
    )
    .min(1),
});

const fieldAnswerSchema = z.object({ value: z.string().nullable(), evidence_quote: z.string().nullable() });

/** The request body: the prompt template as the system message, the document text as data, the strict schema. */
export function completionRequest(config: Pick<ProviderConfig, "model">, request: ExtractionRequest): Record<string, unknown> {
  return {
    model: config.model,
    temperature: 0,
    messages: [
      { role: "system", content: request.prompt },
      { role: "user", content: `<document>\n${request.text}\n</document>` },
    ],
    response_format: {
      type: "json_schema",
      json_schema: { name: `ops_${request.documentType}`, strict: true, schema: answerJsonSchema(request.specs) },
    },
  };
}

export interface ClientDeps {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** Sends one request; a short 429 is retried once after its Retry-After. */
async function post(config: ProviderConfig, body: Record<string, unknown>, deps: ClientDeps): Promise<unknown> {
  const doFetch = deps.fetch ?? fetch;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await doFetch(`${config.baseUrl}/v1/chat/completions`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${config.apiKey}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === "TimeoutError" || name === "AbortError")
        throw new ProviderFailure("timeout", `no answer within ${config.timeoutMs} ms`);
      throw new ProviderFailure("network", `cannot reach the provider: ${errorMessage(error)}`);
    }
    if (response.status === 429) {
      const wait = parseRetryAfter(response.headers.get("retry-after"));
      if (attempt === 1 && wait !== undefined && wait <= MAX_RETRY_WAIT_MS) {
        await sleep(wait);
        continue;
      }
      const after = wait === undefined ? "no Retry-After" : `Retry-After ${Math.ceil(wait / 1000)} s`;
      throw new ProviderFailure("rate_limited", `rate limited (HTTP 429, ${after})`);
    }
    if (response.status >= 500) throw new ProviderFailure("server_error", `the provider failed (HTTP ${response.status})`);
    if (!response.ok) throw new ProviderFailure("refused_request", `the provider refused the request (HTTP ${response.status})`);
    try {
      return await response.json();
    } catch {
      throw new ProviderFailure("malformed", "the provider's answer is not JSON");
    }
  }
}

/** Asks the provider for the fields of `request`; throws `ProviderFailure` for anything but a complete answer. */
export async function extractWithProvider(
  config: ProviderConfig,
  request: ExtractionRequest,
  deps: ClientDeps = {},
): Promise<ProviderAnswer> {
  const raw = await post(config, completionRequest(config, request), deps);
  const completion = completionSchema.safeParse(raw);
  if (!completion.success) throw new ProviderFailure("malformed", "the answer is not a chat completion");
  const choice = completion.data.choices[0] as z.output<typeof completionSchema>["choices"][number];
  if (choice.message.refusal) throw new ProviderFailure("refusal", `the model refused: ${choice.message.refusal.slice(0, 200)}`);
  if (choice.finish_reason === "length") throw new ProviderFailure("truncated", "the answer was cut off (finish_reason length)");
  let content: unknown;
  try {
    content = JSON.parse(choice.message.content ?? "");
  } catch {
    throw new ProviderFailure("malformed", "the message content is not JSON");
  }
  const shape = z.object(Object.fromEntries(request.specs.map((spec) => [spec.name, fieldAnswerSchema])));
  const fields = shape.safeParse(content);
  if (!fields.success) {
    const where = [...new Set(fields.error.issues.map((issue) => String(issue.path[0] ?? "answer")))].slice(0, 5);
    throw new ProviderFailure("malformed", `the answer does not follow the schema (${where.join(", ")})`);
  }
  return { model: completion.data.model ?? config.model, fields: fields.data as Record<string, FieldAnswer> };
}
