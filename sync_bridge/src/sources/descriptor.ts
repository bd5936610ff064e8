/**
 * What a connector is to the rest of the bridge: one descriptor, exported by its folder and listed
 * in `registry.ts`. It names the source and its streams, validates its block of the config file
 * (`sources.<name>`), declares its secrets, and builds its client and streams. Nothing outside
 * the connector's folder knows more about it than this.
 */
import type { z } from "zod";
import type { RetryHooks, RetryPolicy } from "../retry";
import type { StreamDefinition } from "./source";

/** Environment variables, from the process and the `--env-file`. */
export type Env = Readonly<Record<string, string | undefined>>;

/** A connector's secrets: read from the environment only when it runs, never from the config file. */
export interface SourceSecrets<Secrets = unknown> {
  /** The variables it reads, e.g. ["HUBSPOT_ACCESS_TOKEN"]. */
  readonly names: readonly string[];
  /**
   * Its lines of `--help`'s Environment section (indented there), e.g.
   * "HUBSPOT_ACCESS_TOKEN   private app token (sync hubspot)".
   */
  readonly help: readonly string[];
  /** Placeholders that let it be built offline (replays), when its client is never called. */
  readonly offline: Readonly<Record<string, string>>;
  /** Validates them in `env`; throws `ConfigValidationError` naming the variables to set. */
  read(env: Env): Secrets;
}

/** What `create` gets besides the connector's own settings. */
export interface SourceBuildContext {
  /** The environment, with the offline placeholders laid over it when `offline`. */
  env: Env;
  /** The clock; tests pin it. */
  now: () => Date;
  /**
   * For replays, which only need schemas and mappers: every stream (even one whose input is
   * missing), and no secret or address, since nothing is called.
   */
  offline: boolean;
  /** The vendor client's HTTP settings: `httpTimeoutMs` and `retry` of the config file. */
  http: { timeoutMs: number; retry: RetryPolicy; retryHooks?: RetryHooks };
  /** Records per `ingest` call (`batchSize`); a page larger than this gains nothing. */
  batchSize: number;
}

/** What `create` builds; `createSource` adds the name. */
export interface SourceParts {
  /** In dependency order: a stream comes after the streams its records refer to. */
  readonly streams: readonly StreamDefinition[];
  /**
   * Override to say why streams asked for with `--stream` are not there, e.g.
   * "no orders.csv in exports"; the default just names them.
   */
  missing?(streams: readonly string[]): string;
}

/** Where the config file is, for settings that depend on it. */
export interface SettingsFile {
  /** The config file's folder (the working directory without one). */
  baseDir: string;
}

/** One connector. `Settings` is the zod schema of its config block. */
export interface SourceDescriptor<
  Name extends string = string,
  Streams extends readonly string[] = readonly string[],
  Settings extends z.ZodType = z.ZodType,
> {
  /** `sync <name>`, the config key `sources.<name>` and the `source` Odoo stores, e.g. "hubspot". */
  readonly name: Name;
  /** For messages, e.g. "HubSpot". */
  readonly label: string;
  /** What `--help` adds after the name, e.g. "the offline default: …"; nothing when unset. */
  readonly help?: string;
  /** The stream kinds it reads, in run order; each is a kind of the Odoo contract. */
  readonly streams: Streams;
  /**
   * The schema of `sources.<name>`: every key optional or defaulted (an absent block is `{}`),
   * unknown keys refused. Its error messages are the config file's.
   */
  readonly settings: Settings;
  /** Override to finish the parsed block with what depends on the file, e.g. relative paths. */
  resolveSettings?(settings: z.output<Settings>, file: SettingsFile): z.output<Settings>;
  /** Its secrets; unset for a source that needs none. */
  readonly secrets?: SourceSecrets;
  /** Builds its client and streams. Throws `ConfigValidationError` for missing settings or secrets. */
  create(settings: z.output<Settings>, context: SourceBuildContext): SourceParts;
}

/** Checks a descriptor and keeps its literal name and streams (for `SourceName` and `StreamKind`). */
export function defineSource<const Name extends string, const Streams extends readonly string[], Settings extends z.ZodType>(
  descriptor: SourceDescriptor<Name, Streams, Settings>,
): SourceDescriptor<Name, Streams, Settings> {
  return descriptor;
}
