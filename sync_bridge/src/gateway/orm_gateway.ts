/**
 * The generic ORM calls of `OrmGateway` on top of a transport: the server version, the
 * credentials, the addon's self-check, and search/read/create/write on any model, with payload
 * validation and the wire conversions of `wire.ts`.
 */
import { z } from "zod";
import type { BridgeConfig, TransportName } from "../config";
import { selfCheckSchema, type OrmGateway, type SearchReadOptions, type SelfCheck, type ServerVersion } from "./gateway";
import { fetchServerVersion } from "./net";
import { expectAnswer, type RpcParams, type RpcTransport } from "./rpc";
import { readRecord, toOdooDomain, toOdooValues, type Domain, type FieldSpec, type RecordOf, type WriteValues } from "./wire";

const ids = z.array(z.number().int());

/** The ORM part of the gateway both transports share. */
export class OdooOrmGateway implements OrmGateway {
  constructor(
    private readonly rpc: RpcTransport,
    private readonly config: Pick<BridgeConfig, "url" | "timeoutMs">,
  ) {}

  get transport(): TransportName {
    return this.rpc.name;
  }

  serverVersion(): Promise<ServerVersion> {
    return fetchServerVersion(this.config.url, this.config.timeoutMs);
  }

  async authenticate(): Promise<{ uid: number }> {
    return { uid: await this.rpc.authenticate() };
  }

  async selfCheck(): Promise<SelfCheck> {
    const raw = await this.rpc.call("res.users", "ops_bridge_self_check", {});
    return expectAnswer(selfCheckSchema, raw, "res.users.ops_bridge_self_check");
  }

  async searchCount(model: string, domain: Domain): Promise<number> {
    const raw = await this.rpc.call(model, "search_count", { domain: toOdooDomain(domain) });
    return expectAnswer(z.number().int().nonnegative(), raw, `${model}.search_count`);
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
    const rows = expectAnswer(z.array(z.unknown()), await this.rpc.call(model, "search_read", params), `${model}.search_read`);
    return rows.map((row) => readRecord(row, fields));
  }

  async create(model: string, values: readonly WriteValues[]): Promise<number[]> {
    if (values.length === 0) return [];
    const raw = await this.rpc.call(model, "create", { vals_list: values.map(toOdooValues) });
    return expectAnswer(ids, raw, `${model}.create`);
  }

  async write(model: string, recordIds: readonly number[], values: WriteValues): Promise<void> {
    if (recordIds.length === 0) return;
    const raw = await this.rpc.call(model, "write", { ids: recordIds, vals: toOdooValues(values) });
    expectAnswer(z.literal(true), raw, `${model}.write`);
  }
}
