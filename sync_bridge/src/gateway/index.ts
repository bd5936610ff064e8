/**
 * Entry point of the gateway: `createGateway(config)` picks the transport and joins the parts
 * that call through it: the generic ORM calls, the sync RPCs, the stream leases, the reconciliation
 * and the AI intake calls.
 */
import type { BridgeConfig, TransportName } from "../config";
import { AiRpc, type AiGateway } from "./ai_gateway";
import { AiModelRpc, type AiModelGateway } from "./ai_model_gateway";
import type { OdooGateway } from "./gateway";
import { joinParts } from "./join_parts";
import { Json2Transport } from "./json2";
import { LeaseRpc } from "./lease_gateway";
import { LegacyTransport } from "./legacy";
import { OdooOrmGateway } from "./orm_gateway";
import { ReconcileRpc, type ReconcileGateway } from "./reconcile_gateway";
import { SyncRpc } from "./sync_gateway";

export type * from "./gateway";
export { OPERATIONS, selfCheckSchema } from "./gateway";
export { SYNC_MODEL } from "./sync_contract";

/**
 * Returns a gateway speaking `transport` (default: `config.transport`, i.e. ODOO_TRANSPORT).
 * Nothing is sent until a method is called.
 */
export function createGateway(
  config: BridgeConfig,
  transport: TransportName = config.transport,
): OdooGateway & ReconcileGateway & AiGateway & AiModelGateway {
  const rpc = transport === "json2" ? new Json2Transport(config) : new LegacyTransport(config);
  return joinParts<OdooGateway & ReconcileGateway & AiGateway & AiModelGateway>(
    new OdooOrmGateway(rpc, config),
    new SyncRpc(rpc, config),
    new LeaseRpc(rpc),
    new ReconcileRpc(rpc, config),
    new AiRpc(rpc, config),
    new AiModelRpc(rpc, config),
  );
}
