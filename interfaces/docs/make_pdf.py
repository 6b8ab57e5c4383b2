#!/usr/bin/env python3
"""Renders a tab-separated catalogue document (docs/<service>.txt) as a PDF
laid out like the gateway's interface PDFs: a title, numbered headings,
ruled tables with a shaded header, group rows spanning all columns, cells
wrapping inside narrow columns, tables continued over page breaks with a
repeated header, a running header and footer.

The PDF holds the same facts as the text document it is made from, so the
declaration read from it (`doc = "docs/<service>.pdf"`, feature `pdf`) must
equal the one read from the text (interfaces/tests/pdf_doc.rs).

    python3 interfaces/docs/make_pdf.py refund_fastpay_by_platform_pwd

Needs reportlab (its built-in CID font STSong-Light: nothing to install).
`invariant=1` makes the output byte-stable, so the committed PDF only
changes when its text document does.
"""
import os
import sys

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))


def blocks(text):
    """(kind, payload): ("h1"|"h2"|"p", text) or ("table", rows)."""
    out, table = [], []
    for line in text.splitlines():
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        if table:
            out.append(("table", table))
            table = []
        line = line.strip()
        if not line:
            continue
        if line.startswith("## "):
            out.append(("h2", line[3:]))
        elif line.startswith("# "):
            out.append(("h1", line[2:]))
        else:
            out.append(("p", line.replace("**", "").replace("`", "")))
    if table:
        out.append(("table", table))
    return out


def strip_tags(cell):
    return cell.replace("<b>", "").replace("</b>", "")


def main(service):
    src = os.path.join(HERE, f"{service}.txt")
    with open(src, encoding="utf-8") as f:
        text = f.read()
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=8, leading=11, wordWrap="CJK")
    h1 = ParagraphStyle("h1", fontName="STSong-Light", fontSize=15, leading=21, spaceAfter=8)
    h2 = ParagraphStyle("h2", fontName="STSong-Light", fontSize=11, leading=15, spaceBefore=8, spaceAfter=5)
    story = []
    for kind, payload in blocks(text):
        if kind == "table":
            width = max(len(r) for r in payload)
            widths = [70, 62, 48, 170, 36, 110] if width == 6 else [150, 345]
            data, style = [], [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.85, 0.85, 0.85)),
            ]
            for i, row in enumerate(payload):
                cells = [strip_tags(c) for c in row] + [""] * (width - len(row))
                if i > 0 and sum(1 for c in cells if c) == 1:
                    data.append([Paragraph(escape(cells[0]), body)] + [""] * (width - 1))
                    style.append(("SPAN", (0, i), (-1, i)))
                else:
                    data.append([Paragraph(escape(c), body) for c in cells])
            story.append(Table(data, colWidths=widths, repeatRows=1, style=TableStyle(style)))
            story.append(Spacer(1, 6))
        else:
            style = {"h1": h1, "h2": h2, "p": body}[kind]
            story.append(Paragraph(escape(payload), style))

    def running(canvas, doc):
        canvas.saveState()
        canvas.setFont("STSong-Light", 8)
        canvas.drawString(60, A4[1] - 40, service)
        canvas.drawRightString(A4[0] - 60, 30, f"第 {doc.page} 页")
        canvas.restoreState()

    out = os.path.join(HERE, f"{service}.pdf")
    doc = SimpleDocTemplate(out, pagesize=A4, topMargin=60, bottomMargin=50,
                            leftMargin=50, rightMargin=50, invariant=1, title=service)
    doc.build(story, onFirstPage=running, onLaterPages=running)
    print(out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "refund_fastpay_by_platform_pwd")
