/**
 * A thin drawing surface over pdf-lib for the bill layouts: text (left or right aligned, regular or
 * bold), rules and boxes, a table that continues on new pages, and the list of every string printed,
 * which the corpus tests compare with the PDF's own text layer.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 50;

export interface TextStyle {
  size?: number;
  bold?: boolean;
  align?: "left" | "right" | "center";
  grey?: boolean;
}

export interface Column {
  label: string;
  width: number;
  align?: "left" | "right";
}

export interface TableOptions {
  x: number;
  borders: "grid" | "rules" | "none" | "stripes";
  size?: number;
  /** Called on each new page before the table resumes; draws the page's header and returns the y to resume at. */
  onNewPage?: (canvas: BillCanvas) => number;
}

export class BillCanvas {
  /** Every string drawn, in order. */
  readonly printed: string[] = [];
  page: PDFPage;

  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = doc.addPage(A4);
  }

  static async create(): Promise<BillCanvas> {
    const doc = await PDFDocument.create();
    // Fixed dates keep the bytes of a seed's PDF the same from run to run.
    doc.setCreationDate(new Date("2026-01-01T00:00:00Z"));
    doc.setModificationDate(new Date("2026-01-01T00:00:00Z"));
    doc.setProducer("ops-harmony bill corpus");
    return new BillCanvas(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  }

  width(text: string, style: TextStyle = {}): number {
    return (style.bold ? this.bold : this.regular).widthOfTextAtSize(text, style.size ?? 9);
  }

  text(text: string, x: number, y: number, style: TextStyle = {}): void {
    if (!text) return;
    const size = style.size ?? 9;
    const w = this.width(text, style);
    const left = style.align === "right" ? x - w : style.align === "center" ? x - w / 2 : x;
    const color = style.grey ? rgb(0.4, 0.4, 0.4) : rgb(0, 0, 0);
    this.page.drawText(text, { x: left, y, size, font: style.bold ? this.bold : this.regular, color });
    this.printed.push(text);
  }

  /** Label and value on one line, the value right-aligned at `right`. */
  pair(label: string, value: string, x: number, right: number, y: number, style: TextStyle = {}): void {
    this.text(label, x, y, style);
    this.text(value, right, y, { ...style, align: "right" });
  }

  rule(x0: number, y: number, x1: number, thickness = 0.5): void {
    this.page.drawLine({ start: { x: x0, y }, end: { x: x1, y }, thickness, color: rgb(0.3, 0.3, 0.3) });
  }

  box(x: number, y: number, width: number, height: number, fill = false): void {
    this.page.drawRectangle({
      x,
      y,
      width,
      height,
      borderColor: rgb(0.3, 0.3, 0.3),
      borderWidth: fill ? 0 : 0.7,
      color: fill ? rgb(0.92, 0.92, 0.92) : undefined,
    });
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
  }

  /** Draws a table from `y` down, continuing on new pages; returns the y below its last row. */
  table(columns: Column[], rows: string[][], y: number, options: TableOptions): number {
    const size = options.size ?? 9;
    const rowHeight = size + 7;
    const totalWidth = columns.reduce((sum, column) => sum + column.width, 0);
    const drawRow = (cells: string[], top: number, header: boolean, index: number) => {
      if (options.borders === "stripes" && !header && index % 2 === 0)
        this.box(options.x, top - rowHeight, totalWidth, rowHeight, true);
      if (options.borders === "grid") this.box(options.x, top - rowHeight, totalWidth, rowHeight);
      let x = options.x;
      columns.forEach((column, i) => {
        const cell = cells[i] ?? "";
        const right = column.align === "right";
        this.text(cell, right ? x + column.width - 4 : x + 4, top - rowHeight + 5, {
          size,
          bold: header,
          align: right ? "right" : "left",
        });
        if (options.borders === "grid" && i > 0) {
          this.page.drawLine({ start: { x, y: top }, end: { x, y: top - rowHeight }, thickness: 0.5 });
        }
        x += column.width;
      });
      if (header && options.borders !== "none") this.rule(options.x, top - rowHeight, options.x + totalWidth, 1);
      if (options.borders === "rules" && !header) this.rule(options.x, top - rowHeight, options.x + totalWidth, 0.3);
    };
    const labels = columns.map((column) => column.label);
    drawRow(labels, y, true, -1);
    let top = y - rowHeight;
    rows.forEach((cells, index) => {
      if (top - rowHeight < MARGIN + 40) {
        this.newPage();
        top = options.onNewPage ? options.onNewPage(this) : A4[1] - MARGIN;
        drawRow(labels, top, true, -1);
        top -= rowHeight;
      }
      drawRow(cells, top, false, index);
      top -= rowHeight;
    });
    return top;
  }

  async save(): Promise<Uint8Array> {
    return this.doc.save();
  }
}
