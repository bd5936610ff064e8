// Minimal typing of Odoo 19 "@web/core/utils/pdfjs" (addons/web/static/src/core/utils/pdfjs.js) and
// of the pdf.js build it loads (addons/web/static/lib/pdfjs/build/pdf.js, 4.8), which defines the
// global `pdfjsLib`. Only what the AI review screen uses.

/** Loads Odoo's own pdf.js (and its worker script) once; afterwards globalThis.pdfjsLib is set. */
export declare function loadPDFJSAssets(): Promise<unknown>;

export interface PdfViewport {
  width: number;
  height: number;
}

export interface PdfPage {
  getViewport(options: { scale: number }): PdfViewport;
  render(options: { canvasContext: CanvasRenderingContext2D; viewport: PdfViewport }): { promise: Promise<void> };
}

export interface PdfDocument {
  numPages: number;
  getPage(number: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}

export interface PdfJsLib {
  GlobalWorkerOptions: { workerSrc: string | false };
  getDocument(source: string | { url: string }): { promise: Promise<PdfDocument> };
}
