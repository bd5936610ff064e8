// The document side of the review screen: a PDF's pages drawn with Odoo's own pdf.js, an image
// attachment, or the e-mail's text, with the focused field's evidence highlighted (a box on its
// page, or the characters of its span). Template in review_screen.xml.
import { Component, markRaw, onMounted, onPatched, onWillUnmount, status, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { loadPDFJSAssets, type PdfDocument, type PdfJsLib, type PdfPage } from "@web/core/utils/pdfjs";
import { boxOnPage, splitAtSpan, type BoxStyle } from "./review_rows";
import type { DocumentKind, Evidence, PageSize } from "./review_rpc";

/** pages drawn at most; a longer document says so (its text stays searchable on the job) */
export const MAX_PAGES = 30;
const WORKER_SRC = "/web/static/lib/pdfjs/build/pdf.worker.js";

export interface DocumentViewProps {
  kind: DocumentKind;
  attachmentId: number | null;
  text: string;
  pages: PageSize[];
  evidence: Evidence | null;
}

interface DocumentState {
  /** the PDF's pages as pdf.js measures them (points), in order */
  pdfPages: PageSize[];
  pageCount: number;
  imageSize: PageSize | null;
  error: string;
  loading: boolean;
}

export class DocumentView extends Component<DocumentViewProps> {
  static override template = "addon_ops_harmony.AiReviewDocument";
  static override props = {
    kind: { type: String },
    attachmentId: { type: [Number, { value: null }] },
    text: { type: String },
    pages: { type: Array },
    evidence: { type: [Object, { value: null }] },
  };

  declare state: DocumentState;
  declare root: { el: HTMLElement | null };
  declare pdf: PdfDocument | null;
  declare pdfPageObjects: Map<number, PdfPage>;
  declare drawn: Set<number>;
  declare shownEvidence: string;

  override setup(): void {
    this.state = useState<DocumentState>({ pdfPages: [], pageCount: 0, imageSize: null, error: "", loading: false });
    this.root = useRef("root");
    this.pdf = null;
    this.pdfPageObjects = new Map();
    this.drawn = new Set();
    this.shownEvidence = "";
    onMounted(() => {
      // the fields are reviewable at once; the pages follow as pdf.js reads them
      if (this.props.kind === "pdf") {
        void this.loadPdf();
      }
      this.afterRender();
    });
    onPatched(() => this.afterRender());
    onWillUnmount(() => {
      void this.pdf?.destroy();
    });
  }

  get url(): string {
    return this.props.kind === "image" ? `/web/image/${this.props.attachmentId}` : `/web/content/${this.props.attachmentId}`;
  }

  async loadPdf(): Promise<void> {
    if (!this.props.attachmentId) {
      return;
    }
    this.state.loading = true;
    try {
      await loadPDFJSAssets();
      const lib = (globalThis as { pdfjsLib?: PdfJsLib }).pdfjsLib;
      if (!lib) {
        throw new Error(_t("Odoo's PDF reader did not load."));
      }
      lib.GlobalWorkerOptions.workerSrc ||= WORKER_SRC;
      const pdf = await lib.getDocument(this.url).promise;
      if (status(this) === "destroyed") {
        // the reviewer left before pdf.js had read it
        await pdf.destroy();
        return;
      }
      this.pdf = markRaw(pdf);
      const pages: PageSize[] = [];
      for (let number = 1; number <= Math.min(pdf.numPages, MAX_PAGES); number++) {
        const page = await pdf.getPage(number);
        const { width, height } = page.getViewport({ scale: 1 });
        this.pdfPageObjects.set(number, markRaw(page));
        pages.push({ number, width, height, unit: "pt" });
      }
      this.state.pageCount = pdf.numPages;
      this.state.pdfPages = pages;
    } catch (error) {
      this.state.error = _t("The PDF could not be shown: %(reason)s", {
        reason: error instanceof Error ? error.message : String(error),
      });
    } finally {
      this.state.loading = false;
    }
  }

  /** Draws the pages not drawn yet, and brings a new evidence into view. */
  afterRender(): void {
    const el = this.root.el;
    if (!el) {
      return;
    }
    for (const canvas of el.querySelectorAll<HTMLCanvasElement>("canvas[data-page]")) {
      const number = Number(canvas.dataset.page);
      if (!this.drawn.has(number)) {
        this.drawn.add(number);
        void this.drawPage(canvas, number);
      }
    }
    const key = JSON.stringify(this.props.evidence);
    if (key !== this.shownEvidence) {
      this.shownEvidence = key;
      el.querySelector<HTMLElement>(".o_ops_ai_review_evidence")?.scrollIntoView?.({ block: "center", behavior: "smooth" });
    }
  }

  async drawPage(canvas: HTMLCanvasElement, number: number): Promise<void> {
    const page = this.pdfPageObjects.get(number);
    const context = canvas.getContext("2d");
    if (!page || !context) {
      return;
    }
    const natural = page.getViewport({ scale: 1 });
    // sharp at the size the page is shown, on high-density screens too
    const scale = ((canvas.clientWidth || natural.width) / natural.width) * (globalThis.devicePixelRatio || 1);
    const viewport = page.getViewport({ scale });
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    await page.render({ canvasContext: context, viewport }).promise;
  }

  onImageLoad(ev: Event): void {
    const image = ev.target as HTMLImageElement;
    this.state.imageSize = { number: 1, width: image.naturalWidth, height: image.naturalHeight, unit: "px" };
  }

  // --- what the template reads

  /** The focused evidence's box on `page` (in percentages of the page), or null. */
  boxOn(page: PageSize): BoxStyle | null {
    const box = boxOnPage(this.props.evidence, this.props.pages, page);
    return box && box.page === page.number ? box : null;
  }

  boxStyle(box: BoxStyle): string {
    return `left: ${box.left}%; top: ${box.top}%; width: ${box.width}%; height: ${box.height}%;`;
  }

  pageStyle(page: PageSize): string {
    return `aspect-ratio: ${page.width} / ${page.height};`;
  }

  get imagePage(): PageSize {
    return this.props.pages[0] ?? this.state.imageSize ?? { number: 1, width: 1, height: 1 };
  }

  get textParts(): [string, string, string] | null {
    return splitAtSpan(this.props.text, this.props.evidence);
  }

  get morePages(): string {
    return this.state.pageCount > MAX_PAGES
      ? _t("The first %(shown)s of %(count)s pages are shown.", { shown: MAX_PAGES, count: this.state.pageCount })
      : "";
  }
}
