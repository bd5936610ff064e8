/**
 * `OdooGateway` on top of a transport that can call `model.method(**params)`. Everything
 * transport-independent lives here: payload validation and the wire conversions of `wire.ts`.
 */
import { z } from "zod";
import type { BridgeConfig, TransportName } from "../config";
import { FatalOdooError } from "../errors";
import {
  selfCheckSchema,
  type OdooGateway,
  type SearchReadOptions,
  type SelfCheck,
  type ServerVersion,
} from "./gateway";
import { fetchServerVersion } from "./net";
import {
  readRecord,
  toOdooDomain,
  toOdooValues,
  type Domain,
  type FieldSpec,
  type RecordOf,
  type WriteValues,
} from "./wire";

/** Named arguments of a call: `ids` for record methods, `context`, then the method's kwargs. */
export interface RpcParams {
  ids?: readonly number[];
  context?: Readonly<Record<string, unknown>>;
  [kwarg: string]: unknown;
}

/** What a transport must provide. Implementations reject with the classes of `../errors`. */
export interface RpcTransport {
  readonly name: TransportName;
  /** Override to check the database and credentials the transport's way; resolves to the uid. */
  authenticate(): Promise<number>;
  /** Override to call `model.method` with named arguments and resolve to the raw result. */
  call(model: string, method: string, params: RpcParams): Promise<unknown>;
}

/** Validates an Odoo answer; a mismatch is fatal (the server and bridge disagree). */
function expect<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new FatalOdooError(`unexpected answer from ${what}:\n${z.prettifyError(parsed.error)}`, {
      response: value,
    });
  }
  return parsed.data;
}

const ids = z.array(z.number().int());

/** The gateway both transports share. */
export class RpcGateway implements OdooGateway {
  readonly transport: TransportName;

  constructor(
    private readonly rpc: RpcTransport,
    private readonly config: Pick<BridgeConfig, "url" | "timeoutMs">,
  ) {
    this.transport = rpc.name;
  }

  serverVersion(): Promise<ServerVersion> {
    return fetchServerVersion(this.config.url, this.config.timeoutMs);
  }

  async authenticate(): Promise<{ uid: number }> {
    return { uid: await this.rpc.authenticate() };
  }

  async selfCheck(): Promise<SelfCheck> {
    const raw = await this.rpc.call("res.users", "ops_bridge_self_check", {});
    return expect(selfCheckSchema, raw, "res.users.ops_bridge_self_check");
  }

  async searchCount(model: string, domain: Domain): Promise<number> {
    const raw = await this.rpc.call(model, "search_count", { domain: toOdooDomain(domain) });
    return expect(z.number().int().nonnegative(), raw, `${model}.search_count`);
  }

  async searchRead<S extends FieldSpec>(
    model: string,
    domain: Domain,
    fields: S,
    opts: SearchReadOptions = {},
  ): Promise<RecordOf<S>[]> {
    const params: RpcParams = { domain: toOdooDomain(domain), fields: Object.keys(fields) };
    for (const [key, value] of Object.entries(opts)) {
      if (value !== undefined) params[key] = value;
    }
    const rows = expect(z.array(z.unknown()), await this.rpc.call(model, "search_read", params), `${model}.search_read`);
    return rows.map((row) => readRecord(row, fields));
  }

  async create(model: string, values: readonly WriteValues[]): Promise<number[]> {
    if (values.length === 0) return [];
    const raw = await this.rpc.call(model, "create", { vals_list: values.map(toOdooValues) });
    return expect(ids, raw, `${model}.create`);
  }

  async write(model: string, recordIds: readonly number[], values: WriteValues): Promise<void> {
    if (recordIds.length === 0) return;
    const raw = await this.rpc.call(model, "write", { ids: recordIds, vals: toOdooValues(values) });
    expect(z.literal(true), raw, `${model}.write`);
  }
}
