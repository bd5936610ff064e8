"""A one-page PDF with a real text layer, written by hand (no PDF library), and where each text sits.

For tests that show a document: pdf.js renders it as any other PDF, and `boxes` gives each text's
box in PDF points with the origin top-left, as the worker's evidence is measured.
"""

# Helvetica's average advance is about half its size; boxes are for highlighting, not typesetting
CHAR_WIDTH = 0.55


def _escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(texts, width=595, height=842, size=11):
    """Return (pdf bytes, {text: [x0, y0, x1, y1]}) for `texts` = [(x, top, text)] in points from the top-left."""
    stream = "\n".join(f"BT /F1 {size} Tf {x} {height - top - size} Td ({_escape(text)}) Tj ET" for x, top, text in texts).encode(
        "latin-1"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
        f"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    boxes = {text: [x - 2, top - 2, round(x + CHAR_WIDTH * size * len(text) + 2, 1), top + size + 3] for x, top, text in texts}
    return bytes(pdf), boxes
