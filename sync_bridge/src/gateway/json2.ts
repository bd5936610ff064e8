/**
 * JSON-2 transport (Odoo 19's `addons/rpc/controllers/json2.py`):
 * `POST {url}/json/2/{model}/{method}` with a bearer API key and the database in
 * `X-Odoo-Database`; the body is a JSON object of named arguments (`ids`, `context`, and the
 * method's own keyword arguments); the answer is the method's result as JSON.
 */
import type { BridgeConfig } from "../config";
import { asUnreachable } from "./net";
import { json2Error } from "./json2_errors";
import type { CallOptions, RpcParams, RpcTransport } from "./rpc";
import { z } from "zod";
import { FatalOdooError } from "../errors";

const contextSchema = z.looseObject({ uid: z.number().int() });

/** Calls Odoo over JSON-2 with Node's fetch. */
export class Json2Transport implements RpcTransport {
  readonly name = "json2" as const;

  constructor(private readonly config: Pick<BridgeConfig, "url" | "db" | "apiKey" | "timeoutMs">) {}

  /** Override to add headers (e.g. a proxy's); the default sends the key, db and JSON type. */
  protected headers(): Record<string, string> {
    return {
      Authorization: `bearer ${this.config.apiKey}`,
      "Content-Type": "application/json",
      Accept: "application/json",
      "X-Odoo-Database": this.config.db,
    };
  }

  /**
   * JSON-2 checks the key on every call, so this calls `res.users.context_get()`, which any
   * user may call, and returns the `uid` it reports.
   */
  async authenticate(): Promise<number> {
    const context = contextSchema.safeParse(await this.call("res.users", "context_get", {}));
    if (!context.success) throw new FatalOdooError("res.users.context_get returned no uid");
    return context.data.uid;
  }

  /** POSTs the named arguments; rejects with the error classes of `json2_errors.ts`. */
  async call(model: string, method: string, params: RpcParams, options: CallOptions = {}): Promise<unknown> {
    const { url, db } = this.config;
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    const endpoint = `${url}/json/2/${encodeURIComponent(model)}/${encodeURIComponent(method)}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: this.headers(),
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw asUnreachable(error, url, timeoutMs) ?? error;
    }
    if (!response.ok) throw json2Error(response.status, text, { model, method, db });
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new FatalOdooError(`${model}.${method} did not answer JSON`, {
        status: response.status,
        response: text.slice(0, 500),
      });
    }
  }
}
