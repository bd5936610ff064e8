/**
 * The PDF text layer: lines and boxes of a PDF the test wrote, and each unreadable document ending
 * in its failure category (corrupt, encrypted, empty, too large) instead of an exception.
 */
import { PDFDocument, PDFHexString, PDFName, PDFNumber, StandardFonts } from "pdf-lib";
import { readPdf } from "../../../sync_bridge/src/intake/pdf_text";
import { IntakeFailure } from "../../../sync_bridge/src/intake/result";

async function pdfWith(pages: number, draw = true): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let index = 0; index < pages; index++) {
    const page = doc.addPage([595, 842]);
    if (draw) page.drawText(`Page ${index + 1}`, { x: 50, y: 800, size: 12, font });
    else page.drawRectangle({ x: 50, y: 700, width: 200, height: 100 });
  }
  return doc.save();
}

/**
 * A PDF whose Standard security handler (RC4, revision 2) needs a user password: the /U entry does
 * not match the empty password, so a reader must ask for one. pdf-lib cannot encrypt content; the
 * encryption dictionary is what makes readers refuse it, and that is what the worker must report.
 */
async function passwordProtectedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  const bytes32 = (seed: number) =>
    PDFHexString.of(Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, "0")).join(""));
  const encrypt = doc.context.obj({
    Filter: PDFName.of("Standard"),
    V: PDFNumber.of(1),
    R: PDFNumber.of(2),
    O: bytes32(11),
    U: bytes32(97),
    P: PDFNumber.of(-44),
  });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  const id = PDFHexString.of("0123456789abcdef0123456789abcdef");
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  return doc.save({ useObjectStreams: false });
}

async function failureOf(data: Uint8Array, maxPages?: number): Promise<IntakeFailure> {
  try {
    await readPdf(data, maxPages);
  } catch (error) {
    if (error instanceof IntakeFailure) return error;
    throw error;
  }
  throw new Error("readPdf accepted the document");
}

describe("readPdf", () => {
  it("reads each page's text with its size and the boxes of its items", async () => {
    const document = await readPdf(await pdfWith(2));
    expect(document.text).toBe("Page 1\n\nPage 2");
    expect(document.pages).toEqual([
      { number: 1, width: 595, height: 842 },
      { number: 2, width: 595, height: 842 },
    ]);
    const second = document.segments[1];
    expect(second).toMatchObject({ start: 8, end: 14, page: 2 });
    // Drawn at x 50 with its baseline 42 points under the top, 12 points high.
    expect(second?.box[0]).toBeCloseTo(50, 0);
    expect(second?.box[3]).toBeCloseTo(42, 0);
    expect(second?.box[1]).toBeCloseTo(30, 0);
  });

  it("fails a file that is not a PDF as corrupt", async () => {
    const failure = await failureOf(new TextEncoder().encode("%PDF-1.7\nthis is not a PDF at all"));
    expect(failure.category).toBe("corrupt");
    expect(failure.message).toMatch(/not a readable PDF|could not read/);
  });

  it("fails a truncated PDF as corrupt", async () => {
    const whole = await pdfWith(1);
    const failure = await failureOf(whole.slice(0, 200));
    expect(failure.category).toBe("corrupt");
  });

  it("fails a password-protected PDF as encrypted", async () => {
    const failure = await failureOf(await passwordProtectedPdf());
    expect(failure.category).toBe("encrypted");
    expect(failure.message).toContain("password");
  });

  it("fails a PDF without text (a scan, for now) as empty", async () => {
    const failure = await failureOf(await pdfWith(1, false));
    expect(failure.category).toBe("empty");
    expect(failure.message).toContain("no text layer");
  });

  it("fails a 201-page document as too large, naming its page count", async () => {
    const failure = await failureOf(await pdfWith(201));
    expect(failure.category).toBe("too_large");
    expect(failure.message).toContain("201 pages");
  });

  it("fails a 200-page document as too large under the default limit, and reads it under a higher one", async () => {
    const data = await pdfWith(200);
    expect((await failureOf(data)).category).toBe("too_large");
    const document = await readPdf(data, 200);
    expect(document.pages).toHaveLength(200);
    expect(document.text.endsWith("Page 200")).toBe(true);
  });
});
