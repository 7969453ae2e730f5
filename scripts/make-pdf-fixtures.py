#!/usr/bin/env python3
"""Make the PDF twins of the corpus texts: corpus/pdf/<stem>.pdf.

Each PDF renders its text twin (corpus/<stem>.txt) as a report: A4, body text
at 10 pt, a page number at the foot of every page. The values of indicator
blocks and numeric tables are drawn as tables (a label cell that may wrap, one
right-aligned cell per number), laid out from the verified dataset record
(expected/<stem>.json); every other line is a paragraph. Two documents use the
built-in Helvetica (WinAnsi), two embed a TrueType subset (Bitstream Vera,
shipped with reportlab), so both font paths of a reader are exercised.

Reproducible: reportlab's invariant mode fixes dates and document IDs, so the
same inputs give the same bytes.

It also makes two encrypted copies of the smallest twin for the tests, with
AES-128 (its key follows from the password and the ID, which qpdf's test
flags fix, as they fix the IVs): tests/fixtures/pdf/
encrypted-empty-password.pdf (opens without a password, must be read) and
encrypted-user-password.pdf (needs one).

Tools: Python 3.11, reportlab 4.2.5 (`pip install reportlab==4.2.5`), qpdf
11.3.0 (Debian bookworm: `apt-get install qpdf`).
Run from the repository root: python3 scripts/make-pdf-fixtures.py
"""

import json
import os
import subprocess
import sys
from xml.sax.saxutils import escape

import reportlab
from reportlab import rl_config
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

rl_config.invariant = 1

FONTS = {
    # stem -> (regular, bold)
    "zoetermeer-begroting-2023-programma-2": ("Helvetica", "Helvetica-Bold"),
    "zoetermeer-rapportage-sociaal-domein-2019-2": ("Helvetica", "Helvetica-Bold"),
    "zoetermeer-jaarverslag-2024-programma-2": ("Vera", "VeraBd"),
    "zoetermeer-begroting-2026-programma-2": ("Vera", "VeraBd"),
}
# Bullet glyphs the fonts lack; the reader's clean stage maps them to • as well.
GLYPHS = {"\uf0b7": "•", "❖": "•", "▪": "•", "\u00a0": " "}
WIDTH = A4[0] - 4 * cm


def register_fonts():
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    pdfmetrics.registerFont(TTFont("Vera", os.path.join(folder, "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("VeraBd", os.path.join(folder, "VeraBd.ttf")))


def clean(text):
    for glyph, replacement in GLYPHS.items():
        text = text.replace(glyph, replacement)
    return text.strip()


def styles(regular, bold):
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=12.5, spaceAfter=0)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=bold),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10),
        "number": ParagraphStyle("number", parent=body, fontSize=8, leading=10, alignment=TA_RIGHT),
    }


def grid(rows, style, number_columns):
    """A table: the label column takes what the number columns leave; the
    font shrinks until the table fits the page."""
    font = style["cell"].fontName
    for size in (8, 7.5, 7, 6.5, 6):
        widths = []
        for column in range(1, number_columns + 1):
            texts = [row[column] for row in rows if column < len(row)]
            widths.append(max(pdfmetrics.stringWidth(t, font, size) for t in texts) + 16)
        if WIDTH - sum(widths) >= 3.5 * cm:
            break
    label = WIDTH - sum(widths)
    cell = ParagraphStyle("c", parent=style["cell"], fontSize=size, leading=size * 1.25)
    number = ParagraphStyle("n", parent=style["number"], fontSize=size, leading=size * 1.25)
    data = []
    for row in rows:
        cells = [Paragraph(escape(row[0]), cell)]
        cells += [Paragraph(escape(value), number) for value in row[1:]]
        data.append(cells)
    table = Table(data, colWidths=[label] + widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, "#888888"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def indicator_tables(lines, record):
    """Line index -> (table rows, lines the table replaces) for indicator values."""
    found = {}
    for indicator in record["indicators"]:
        observations = indicator["observations"]
        if not observations:
            continue
        years, labels, cells = [], [], {}
        for o in observations:
            if o["year"] not in years:
                years.append(o["year"])
            if o["label"] not in labels:
                labels.append(o["label"])
            cells[(o["label"], o["year"])] = o["raw"]
        years.sort()
        first_value = min(o["line"] for o in observations) - 1
        last_value = max(o["line"] for o in observations) - 1
        start = first_value
        for index in range(first_value, indicator["location"]["line_start"] - 1, -1):
            if lines[index].strip().split(" ")[0] in ("Type", "Jaar"):
                start = index
                break
        keyword = lines[start].strip().split(" ")[0]
        rows = [[keyword] + [str(y) for y in years]]
        rows += [[label] + [cells.get((label, y), "") for y in years] for label in labels]
        replaced = set()
        for index in range(start, last_value + 1):
            text = lines[index].strip()
            head = text.split(" ")[0] if text else ""
            is_value_line = head in ("Type", "Jaar", "Begroting", "Realisatie") or all(
                c in "0123456789.,%€- " for c in text
            )
            if is_value_line:
                replaced.add(index)
        found[start] = (rows, replaced)
    return found


def numeric_tables(lines, record):
    """Line index -> (title, rows, caption after, notes, lines replaced) for tables."""
    found = {}
    for table in record["tables"]:
        if table["columns"] in (["Bedrag"], ["Aandeel"]):
            continue  # a web export's summary: one value per line, kept as text
        start = table["location"]["line_start"] - 1
        end = table["location"]["line_end"] - 1
        first_row = min(row["line"] for row in table["rows"]) - 1
        title = table["title"]
        caption = title if title.startswith("Tabel") else None
        heading = None if caption else (title if lines[start].strip() == title else None)
        kept_above = [
            lines[i].strip()
            for i in range(start, first_row)
            if lines[i].strip() and lines[i].strip() != heading and lines[i].strip().startswith("Bedragen")
        ]
        header = [table["label_header"] or ""] + table["columns"]
        rows = [header] + [[row["label"]] + row["raw"] for row in table["rows"]]
        footnotes = [n for n in table["notes"] if n.startswith("*")]
        notes = [n for n in table["notes"] if not n.startswith("*")]
        found[start] = (heading, kept_above, notes, rows, caption, footnotes, set(range(start, end + 1)))
    return found


def story(stem, style):
    lines = open(os.path.join("corpus", stem + ".txt"), encoding="utf-8").read().split("\n")
    record = json.load(open(os.path.join("expected", stem + ".json"), encoding="utf-8"))
    titles = {i["location"]["line_start"] - 1 for i in record["indicators"]}
    values = indicator_tables(lines, record)
    tables = numeric_tables(lines, record)
    flow, skip, blank = [], set(), False
    for index, line in enumerate(lines):
        if index in tables:
            heading, above, notes, rows, caption, footnotes, replaced = tables[index]
            if heading:
                flow.append(Paragraph(escape(clean(heading)), style["title"]))
            for text in above + notes:
                flow.append(Paragraph(escape(clean(text)), style["body"]))
            flow.append(grid([[clean(c) for c in row] for row in rows], style, len(rows[0]) - 1))
            for text in ([caption] if caption else []) + footnotes:
                flow.append(Paragraph(escape(clean(text)), style["body"]))
            skip |= replaced
        if index in values:
            rows, replaced = values[index]
            flow.append(grid(rows, style, len(rows[0]) - 1))
            skip |= replaced
        if index in skip:
            continue
        text = clean(line)
        if not text:
            if not blank:
                flow.append(Spacer(1, 8))
            blank = True
            continue
        blank = False
        kind = "title" if index in titles else "body"
        flow.append(Paragraph(escape(text), style[kind]))
    return flow


def footer(regular):
    def draw(canvas, document):
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, str(document.page))
        canvas.restoreState()

    return draw


def main():
    register_fonts()
    os.makedirs(os.path.join("corpus", "pdf"), exist_ok=True)
    for stem, (regular, bold) in sorted(FONTS.items()):
        target = os.path.join("corpus", "pdf", stem + ".pdf")
        document = SimpleDocTemplate(
            target,
            pagesize=A4,
            leftMargin=2 * cm,
            rightMargin=2 * cm,
            topMargin=2 * cm,
            bottomMargin=2 * cm,
            title=stem,
            author="kengetal fixtures",
            invariant=1,
        )
        draw = footer(regular)
        document.build(story(stem, styles(regular, bold)), onFirstPage=draw, onLaterPages=draw)
        print(target, file=sys.stderr)
    encrypted_fixtures()


def encrypted_fixtures():
    source = os.path.join("corpus", "pdf", "zoetermeer-begroting-2023-programma-2.pdf")
    folder = os.path.join("tests", "fixtures", "pdf")
    os.makedirs(folder, exist_ok=True)
    for name, user_password in (("encrypted-empty-password.pdf", ""), ("encrypted-user-password.pdf", "user-secret")):
        target = os.path.join(folder, name)
        subprocess.run(
            ["qpdf", "--static-id", "--static-aes-iv", "--encrypt", user_password, "owner-secret", "128", "--use-aes=y", "--", source, target],
            check=True,
        )
        print(target, file=sys.stderr)


if __name__ == "__main__":
    main()
