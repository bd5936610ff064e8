/**
 * Export files' bytes → text. Vendors' buttons write different encodings: HubSpot and
 * WooCommerce UTF-8 (WooCommerce's server export with a byte order mark), Google Ads' plain
 * ".csv" UTF-8 and its "Excel .csv" UTF-16LE with a BOM; a file saved again by a spreadsheet may
 * be Windows-1252. A BOM decides; otherwise `chardet` guesses, and valid UTF-8 always wins over
 * its guess, since a short UTF-8 file with few accents is often guessed as a Latin encoding.
 */
import chardet from "chardet";
import { FatalAPIError } from "../../errors";

/** The text of a file, and the encoding it was read with (for notes and messages). */
export interface DecodedFile {
  text: string;
  encoding: string;
}

const BOMS: readonly { bytes: readonly number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { bytes: [0xff, 0xfe], encoding: "utf-16le" },
  { bytes: [0xfe, 0xff], encoding: "utf-16be" },
];

/** chardet's names → the labels TextDecoder knows. */
const DECODER_LABELS: Readonly<Record<string, string>> = {
  "UTF-8": "utf-8",
  "UTF-16LE": "utf-16le",
  "UTF-16BE": "utf-16be",
  "ISO-8859-1": "windows-1252",
  "windows-1252": "windows-1252",
  "ISO-8859-2": "iso-8859-2",
  "windows-1250": "windows-1250",
  "ISO-8859-15": "iso-8859-15",
};

function startsWith(content: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((byte, index) => content[index] === byte);
}

function decode(content: Uint8Array, encoding: string, fatal: boolean): string {
  return new TextDecoder(encoding, { fatal, ignoreBOM: false }).decode(content);
}

/** UTF-16 without a BOM: every other byte of ASCII text is zero. */
function utf16WithoutBom(content: Uint8Array): string | null {
  const sample = content.subarray(0, Math.min(content.length, 400));
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  sample.forEach((byte, index) => {
    if (byte === 0) {
      if (index % 2 === 0) evenZeros += 1;
      else oddZeros += 1;
    }
  });
  const half = sample.length / 2;
  if (oddZeros > half * 0.6 && evenZeros === 0) return "utf-16le";
  if (evenZeros > half * 0.6 && oddZeros === 0) return "utf-16be";
  return null;
}

// C0 controls other than tab, line feed and carriage return: binary content, not text.
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** Decodes an export file. Throws `FatalAPIError` for a workbook, binary content or an unknown encoding. */
export function decodeExport(content: Uint8Array, fileName: string): DecodedFile {
  if (startsWith(content, [0x50, 0x4b, 0x03, 0x04])) {
    throw new FatalAPIError(
      `${fileName} is an Excel workbook (.xlsx), not CSV: download the export as CSV (or "Excel .csv") instead`,
    );
  }
  const decoded = decodeText(content, fileName);
  if (BINARY.test(decoded.text.slice(0, 4096))) {
    throw new FatalAPIError(`${fileName} holds binary content, not CSV text: download the export as CSV again`);
  }
  return decoded;
}

function decodeText(content: Uint8Array, fileName: string): DecodedFile {
  const bom = BOMS.find(({ bytes }) => startsWith(content, bytes));
  if (bom) return { text: decode(content, bom.encoding, false), encoding: `${bom.encoding} (byte order mark)` };
  const utf16 = utf16WithoutBom(content);
  if (utf16) return { text: decode(content, utf16, false), encoding: utf16 };
  try {
    return { text: decode(content, "utf-8", true), encoding: "utf-8" };
  } catch {
    // not UTF-8: ask chardet below
  }
  const guess = chardet.detect(content);
  const label = guess === null ? undefined : DECODER_LABELS[guess];
  if (label === undefined) {
    throw new FatalAPIError(
      `${fileName}: its encoding is not one an export uses (detected: ${guess ?? "unknown"}); save it again as UTF-8 CSV`,
    );
  }
  return { text: decode(content, label, false), encoding: label };
}
