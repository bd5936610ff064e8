/**
 * Legacy transport: XML-RPC (`/xmlrpc/2/common` and `/xmlrpc/2/object`) through odoo-await,
 * logging in as `ODOO_LOGIN` with the API key as password. Odoo 19 still serves it but logs
 * every call as deprecated; it is scheduled for removal in Odoo 20.
 */
import Odoo from "odoo-await";
import type { BridgeConfig } from "../config";
import { legacyError, type LegacyCallInfo } from "./legacy_errors";
import { withTimeout } from "./net";
import type { CallOptions, RpcParams, RpcTransport } from "./rpc";

/** Calls Odoo over XML-RPC; logs in once, on the first call. */
export class LegacyTransport implements RpcTransport {
  readonly name = "legacy" as const;
  private readonly client: Odoo;
  private uid: Promise<number> | undefined;

  constructor(private readonly config: Pick<BridgeConfig, "url" | "db" | "login" | "apiKey" | "timeoutMs">) {
    // odoo-await takes the port from the URL when none is given.
    this.client = new Odoo({
      baseUrl: config.url,
      db: config.db,
      username: config.login,
      password: config.apiKey,
    });
  }

  private info(model?: string, method?: string): LegacyCallInfo {
    const { url, db, login, timeoutMs } = this.config;
    return { url, db, login, timeoutMs, model, method };
  }

  /** Logs in (`common.authenticate`) once; a failed login is retried on the next call. */
  authenticate(): Promise<number> {
    this.uid ??= withTimeout(Promise.resolve(this.client.connect()), this.config.timeoutMs, this.config.url)
      .then((uid: unknown) => Number(uid))
      .catch((error: unknown) => {
        this.uid = undefined;
        throw legacyError(error, this.info());
      });
    return this.uid;
  }

  /**
   * `execute_kw(model, method, [args, kwargs])`: `ids` become the first positional argument.
   * `create` takes its values list positionally, because Odoo's call_kw reads `args[0]` to
   * decide between one id and a list of ids.
   */
  async call(model: string, method: string, params: RpcParams, options: CallOptions = {}): Promise<unknown> {
    await this.authenticate();
    const { ids, ...rest } = params;
    const kwargs = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    const args: unknown[] = ids === undefined ? [] : [ids];
    if (method === "create") {
      args.push(kwargs.vals_list);
      delete kwargs.vals_list;
    }
    try {
      // odoo-await prepends db, uid and password to this array in place: pass a fresh one.
      return await withTimeout(
        this.client.execute_kw(model, method, [args, kwargs]),
        options.timeoutMs ?? this.config.timeoutMs,
        this.config.url,
      );
    } catch (error) {
      throw legacyError(error, this.info(model, method));
    }
  }
}
