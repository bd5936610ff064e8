/**
 * Bad input through the worker's `processJob`: a really encrypted PDF (AES-256, made with qpdf), a
 * 200-page document, a long scan, an e-mail without a body and documents in another language each
 * end in a failure category with a readable reason, or in a result flagged for the reviewer.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { guessLanguage, languageChecks } from "../../../sync_bridge/src/intake/language";
import { closeOcr } from "../../../sync_bridge/src/intake/ocr_engine";
import { processJob } from "../../../sync_bridge/src/intake/process_job";
import { readPdf } from "../../../sync_bridge/src/intake/pdf_text";
import { BILL_LAYOUTS, loadRequests } from "../../support/ai/corpus";
import { generateBills } from "../../support/ai/bill_corpus";
import { b64, documentJob as job, failureOf } from "../support/intake_jobs";

jest.setTimeout(120_000);

const DOCUMENTS = join(__dirname, "..", "..", "fixtures", "ai", "documents");

const failureOfJob = (values: Parameters<typeof job>[0]) => failureOf(processJob(job(values)));

async function pages(count: number, text: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let index = 0; index < count; index++) {
    const page = doc.addPage([595, 842]);
    if (text) page.drawText(`Statement page ${index + 1}`, { x: 50, y: 800, size: 12, font });
    else page.drawRectangle({ x: 50, y: 700, width: 200, height: 100 });
  }
  return doc.save();
}

afterAll(async () => {
  await closeOcr();
});

describe("documents the worker cannot read", () => {
  it("fails a PDF encrypted with a user password (AES-256) as encrypted, asking for an open copy", async () => {
    const failure = await failureOfJob({ data_b64: b64(readFileSync(join(DOCUMENTS, "encrypted_bill.pdf"))) });
    expect([failure.category, failure.message]).toEqual([
      "encrypted",
      "The PDF is protected by a password: ask the sender for an open copy.",
    ]);
  });

  it("fails a 200-page text PDF as too large, naming its page count and the limit", async () => {
    const failure = await failureOfJob({ data_b64: b64(await pages(200, true)) });
    expect([failure.category, failure.message]).toEqual([
      "too_large",
      "The PDF has 200 pages; the worker reads at most 100 pages of a text PDF. Split it or enter the data by hand.",
    ]);
  });

  it("fails an 11-page scan as too large before any page goes through the OCR", async () => {
    const failure = await failureOfJob({ data_b64: b64(await pages(11, false)) });
    expect([failure.category, failure.message]).toEqual([
      "too_large",
      "The PDF has 11 pages; the worker reads at most 10 pages of a scanned PDF (each page goes through OCR). Split it or enter the data by hand.",
    ]);
  });

  it("fails an e-mail without a body as empty", async () => {
    const failure = await failureOfJob({
      document_type: "inbound_request",
      kind: "email",
      filename: null,
      mimetype: null,
      text: "\n \u0000 ",
      subject: "Fwd:",
    });
    expect([failure.category, failure.message]).toEqual(["empty", "The message has no body text to read."]);
  });
});

describe("documents in another language", () => {
  it("flags an Italian request for review with a failed language check, and keeps its class and fields", async () => {
    const body =
      "Buongiorno, vorremmo ricevere un preventivo per cinquanta sedie da ufficio ergonomiche con consegna entro la fine del mese. " +
      "Potete indicarci anche i tempi di consegna e le condizioni di pagamento? Cordiali saluti, Giulia Bianchi, Ufficio acquisti";
    const result = await processJob(
      job({
        document_type: "inbound_request",
        kind: "email",
        filename: null,
        mimetype: null,
        text: body,
        subject: "Richiesta di preventivo",
        sender: "giulia@example.it",
      }),
    );
    expect(result.class).not.toBeNull();
    expect(result.checks.find((check) => check.name === "language")).toEqual({
      name: "language",
      ok: false,
      detail:
        'The text reads as "ita" (ISO 639-3), not as English, French, German or Spanish, which the local extractors read: check every field by hand.',
    });
  });

  it("flags a Russian text as another script", () => {
    const guess = guessLanguage(
      "Счёт на оплату № 42 от 12 марта 2026 года. Поставщик: ООО Ромашка, ИНН 7701234567. Итого к оплате: 12 500,00 руб. Срок оплаты до 30 марта.",
    );
    expect(guess.supported).toBe(false);
    expect(guess.detail).toContain("non-Latin script");
  });

  it("passes every generated bill layout and every labelled request of the corpus (no false alarm)", async () => {
    const count = (split: string) => BILL_LAYOUTS.filter((layout) => layout.split === split).length;
    const bills = [
      ...(await generateBills(3, count("train"), "train")),
      ...(await generateBills(3, count("heldout"), "heldout")),
    ];
    // Calibration layouts stay out: nothing but the calibration fit reads the intake's results on them.
    expect(new Set(bills.map((bill) => bill.layout)).size).toBe(
      BILL_LAYOUTS.filter((layout) => layout.split !== "calibration").length,
    );
    for (const bill of bills)
      expect({ id: bill.id, checks: languageChecks((await readPdf(bill.pdf)).text) }).toEqual({ id: bill.id, checks: [] });
    const flagged = (["train", "heldout"] as const)
      .flatMap((split) => loadRequests(split))
      .filter((request) => languageChecks(`${request.subject}\n${request.body}`).length > 0)
      .map((request) => request.id);
    expect(flagged).toEqual([]);
  });

  it("gives a short text the benefit of the doubt", () => {
    expect(guessLanguage("Grazie mille")).toMatchObject({ code: "und", supported: true });
  });
});
