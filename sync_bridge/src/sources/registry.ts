/**
 * The connectors the bridge knows, one descriptor each (see `descriptor.ts`), in the order
 * `--help` lists them. Everything generic derives from this list: the source names `sync` accepts,
 * their streams, the config file's `sources` block, `--help`'s sources and secrets. Adding a
 * connector is adding its folder and one line here.
 */
import { z } from "zod";
import { csvSource } from "./csv/descriptor";
import type { SettingsFile, SourceDescriptor, SourceParts } from "./descriptor";
import type { StreamKind } from "./stream_kinds";
import { googleAdsSource } from "./google_ads/descriptor";
import { hubspotSource } from "./hubspot/descriptor";
import { linkedInAdsSource } from "./linkedin_ads/descriptor";
import { salesforceSource } from "./salesforce/descriptor";
import { shopifySource } from "./shopify/descriptor";
import { wooCommerceSource } from "./woocommerce/descriptor";

export const SOURCES = [
  csvSource,
  hubspotSource,
  googleAdsSource,
  wooCommerceSource,
  linkedInAdsSource,
  salesforceSource,
  shopifySource,
] as const;

type Registered = (typeof SOURCES)[number];
export type SourceName = Registered["name"];
export type { StreamKind } from "./stream_kinds";

/** A configured source, ready to read: its descriptor's `create` output, named. */
export interface Source extends SourceParts {
  readonly name: SourceName;
}

export const SOURCE_NAMES: readonly SourceName[] = SOURCES.map((source) => source.name);

/** Every stream kind a source reads, in run order (a kind comes after those it refers to). */
export const STREAM_KINDS: readonly StreamKind[] = [
  ...new Set(SOURCES.flatMap((source): readonly StreamKind[] => source.streams)),
];

/** Each source's streams; `sync <source>` runs them in this order. */
export const SOURCE_STREAMS = Object.fromEntries(SOURCES.map((source) => [source.name, source.streams])) as unknown as Readonly<
  Record<SourceName, readonly StreamKind[]>
>;

/** Human names for messages. */
export const SOURCE_LABELS = Object.fromEntries(SOURCES.map((source) => [source.name, source.label])) as unknown as Readonly<
  Record<SourceName, string>
>;

/** Whether `name` is a registered source. */
export function isSourceName(name: string): name is SourceName {
  return (SOURCE_NAMES as readonly string[]).includes(name);
}

/** The descriptor of `name`, with its settings type erased for generic callers. */
export function sourceDescriptor(name: SourceName): SourceDescriptor {
  return SOURCES.find((source) => source.name === name) as SourceDescriptor;
}

/** The config file's `sources` block: one block per source, each `{}` when absent. */
type SourcesShape = { [D in Registered as D["name"]]: z.ZodPrefault<D["settings"]> };
export const sourcesSettingsSchema = z
  .strictObject(
    Object.fromEntries(SOURCES.map((source) => [source.name, (source.settings as z.ZodType).prefault({})])) as SourcesShape,
  )
  .prefault({});

/** Each source's parsed block, finished by its descriptor's `resolveSettings` (e.g. paths made absolute). */
export function resolveSourceSettings<T extends Readonly<Record<SourceName, unknown>>>(sources: T, file: SettingsFile): T {
  const resolved: Record<string, unknown> = { ...sources };
  for (const source of SOURCES as readonly SourceDescriptor[]) {
    if (source.resolveSettings) resolved[source.name] = source.resolveSettings(resolved[source.name], file);
  }
  return resolved as T;
}
