/**
 * Builds a configured source from the sync settings and the environment's secrets, through its
 * descriptor in `registry.ts`; the synchronizer only sees `Source` and `StreamDefinition`.
 */
import type { RetryHooks } from "../retry";
import type { SyncSettings } from "../sync_config";
import type { Env } from "./descriptor";
import { sourceDescriptor, type Source, type SourceName } from "./registry";

export {
  SOURCE_LABELS,
  SOURCE_NAMES,
  SOURCE_STREAMS,
  STREAM_KINDS,
  isSourceName,
  type SourceName,
  type StreamKind,
} from "./registry";
export type { SourceDescriptor } from "./descriptor";
export type { Source } from "./registry";
export type { MappedRecord, SourcePage, StreamDefinition } from "./source";

/** What a source needs besides its settings. */
export interface SourceContext {
  env: Env;
  /** The clock; tests pin it. */
  now?: () => Date;
  /** Retry hooks for the vendor clients (e.g. a progress line's "retrying in 2 s"). */
  retryHooks?: RetryHooks;
  /**
   * For replays, which only need schemas and mappers: every stream (even one whose input is
   * missing), and no vendor secret or address, since nothing is called.
   */
  offline?: boolean;
}

/** Builds `name` from `settings`. Throws `ConfigValidationError` for missing settings or secrets. */
export function createSource(name: SourceName, settings: SyncSettings, context: SourceContext): Source {
  const descriptor = sourceDescriptor(name);
  const offline = context.offline ?? false;
  const parts = descriptor.create(settings.sources[name], {
    // Offline, the placeholders stand in for secrets nothing will use.
    env: offline ? { ...context.env, ...descriptor.secrets?.offline } : context.env,
    now: context.now ?? (() => new Date()),
    offline,
    http: { timeoutMs: settings.httpTimeoutMs, retry: settings.retryPolicy, retryHooks: context.retryHooks },
    batchSize: settings.batchSize,
  });
  return { name, ...parts };
}
