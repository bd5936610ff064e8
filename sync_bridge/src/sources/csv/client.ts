/**
 * The CSV source's adapter: the export files of one directory, `<stream>.csv` each, read whole
 * (exports are snapshots of at most a few hundred thousand rows) with a hash of their content,
 * which the streams use to tell a file already synced from a new export.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { StreamKind } from "../source";

/** One export file's bytes (decoded by `decode.ts`: vendors' encodings differ) and the start of its SHA-256. */
export interface CsvExport {
  fileName: string;
  content: Uint8Array;
  hash: string;
}

export class CsvExportFiles {
  constructor(readonly directory: string) {}

  /** Override to name files differently; the default is "<stream>.csv", e.g. "campaign_spend.csv". */
  fileName(stream: StreamKind): string {
    return `${stream}.csv`;
  }

  /** Whether the directory holds the stream's file. */
  has(stream: StreamKind): boolean {
    return existsSync(join(this.directory, this.fileName(stream)));
  }

  /** Reads the stream's file as it is on disk. */
  load(stream: StreamKind): CsvExport {
    const fileName = this.fileName(stream);
    const content = readFileSync(join(this.directory, fileName));
    return {
      fileName,
      content,
      hash: createHash("sha256").update(content).digest("hex").slice(0, 16),
    };
  }
}
