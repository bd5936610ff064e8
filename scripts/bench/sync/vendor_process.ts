/**
 * The benches' vendor: a generated HubSpot data set served from a child process of its own (the
 * bench's bundle run with `serve <file>`), so that its work is not counted as the bridge's (a
 * real vendor does not run on the bridge's CPU either). Shared by the sync and reconcile drivers.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { hubspotFake, type HubSpotData } from "../../../test/bridge/fixtures/hubspot/hubspot_fake";
import { startFixtureServer } from "../../../test/bridge/support/fixture_server";

/** A vendor served by `serve` in a child process. */
export interface Vendor {
  url: string;
  close: () => void;
}

/** Serves `data` from a child process running this bundle's `serve`; resolves once it listens. */
export async function serveElsewhere(data: HubSpotData, dir: string, label: string): Promise<Vendor> {
  const file = join(dir, `vendor-${label}.json`);
  writeFileSync(file, JSON.stringify({ ...data, dealCompanies: [...data.dealCompanies], dealContacts: [...data.dealContacts] }));
  const child = spawn(process.execPath, [__filename, "serve", file], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((done, fail) => {
    lines.once("line", done);
    child.once("exit", (code) => fail(new Error(`the vendor process exited (${code}) before serving`)));
  });
  return { url, close: () => child.kill() };
}

/** `serve <file>`: the vendor process. Prints its URL, serves until killed. */
export async function serve(file: string): Promise<void> {
  const raw = JSON.parse(readFileSync(file, "utf8")) as Omit<HubSpotData, "dealCompanies" | "dealContacts"> & {
    dealCompanies: [string, string[]][];
    dealContacts: [string, string[]][];
  };
  const data: HubSpotData = { ...raw, dealCompanies: new Map(raw.dealCompanies), dealContacts: new Map(raw.dealContacts) };
  const fake = hubspotFake(data);
  // OPS_BENCH_VENDOR_LATENCY_MS: how long each answer takes, as a vendor across the internet (0: at once)
  const latency = Number(process.env.OPS_BENCH_VENDOR_LATENCY_MS ?? 0);
  const server = await startFixtureServer(latency > 0 ? (call) => ({ ...fake(call), hangMs: latency }) : fake);
  console.log(server.url);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
