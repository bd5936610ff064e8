/**
 * Where the bridge's own files are. This module sits one level under sync_bridge/ both as source
 * (src/) and bundled (dist/cli.js), so `__dirname/..` is sync_bridge/ either way; modules deeper
 * in src/ must not use their own `__dirname`, which the bundle flattens.
 */
import { resolve } from "node:path";

/** The bridge's folder, sync_bridge/. */
export const BRIDGE_DIR = resolve(__dirname, "..");
