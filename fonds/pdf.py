"""PDF documents of the fund (letters, minutes, year report) with fpdf2: pure Python, so
`make install` needs no system libraries. The font is DejaVu Sans, shipped in `fonts/` with
its licence and embedded in each PDF: it holds German text, „quotes“, – and €, and the
Turkish, Polish and other Latin, Greek and Cyrillic letters of residents' names."""

import unicodedata
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT = "dejavu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONT_DIR = Path(__file__).resolve().parent / "fonts"
NEXT_LINE = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}


class Document(FPDF):
    """An A4 page in the office's style: a title, paragraphs, tables, page numbers."""

    def __init__(self, *, title: str, footer: str = ""):
        super().__init__(format="A4")
        for style, name in FONT_FILES.items():
            self.add_font(FONT, style, FONT_DIR / name)
        # The characters both styles can draw (self.fonts holds just these two).
        self.glyphs = set.intersection(*(set(font.cmap) for font in self.fonts.values()))
        self.footer_text = self.printable(footer)
        self.set_title(str(title))  # metadata, not drawn with the font
        self.set_creator("Stadtteilportal")
        self.set_margins(25, 20, 20)
        self.set_auto_page_break(auto=True, margin=20)
        self.add_page()
        self.set_font(FONT, size=11)

    def printable(self, text) -> str:
        """`text` with each character the font lacks (Chinese, say) replaced by its base
        letter or "?": fpdf2 would print nothing there and only log a warning."""
        text = str(text or "")
        result = []
        for char in text:
            if char != "\n" and ord(char) not in self.glyphs:
                base = unicodedata.normalize("NFKD", char)
                char = " " if char.isspace() else "".join(c for c in base if ord(c) in self.glyphs)
            result.append(char or "?")
        return "".join(result)

    def footer(self):
        self.set_y(-14)
        self.set_font(FONT, size=8)
        self.cell(0, 5, f"{self.footer_text}   {self.page_no()}/{{nb}}", align="R")
        self.set_font(FONT, size=11)

    def lines(self, lines, *, size=11, align="L"):
        """One line each (an address block, a date), no gap between them."""
        self.set_font(FONT, size=size)
        for line in lines:
            self.cell(0, size * 0.5, self.printable(line), align=align, **NEXT_LINE)
        self.set_font(FONT, size=11)

    def heading(self, text, *, size=13):
        self.ln(2)
        self.set_font(FONT, style="B", size=size)
        self.multi_cell(0, size * 0.5, self.printable(text), **NEXT_LINE)
        self.set_font(FONT, size=11)
        self.ln(2)

    def paragraph(self, text, *, bold=False, size=11):
        if not text:
            return
        self.set_font(FONT, style="B" if bold else "", size=size)
        self.multi_cell(0, size * 0.5, self.printable(text), **NEXT_LINE)
        self.set_font(FONT, size=11)
        self.ln(2.5)

    def table(self, rows, *, header=None, widths=None, align_right=()):
        """Rows of cells; `align_right` names the columns of amounts."""
        count = len(rows[0]) if rows else len(header or [])
        widths = widths or [self.epw / count] * count
        self.set_font(FONT, size=10)
        with super().table(
            col_widths=widths,
            text_align=tuple("RIGHT" if i in align_right else "LEFT" for i in range(count)),
            first_row_as_headings=header is not None,
            line_height=5.5,
        ) as table:
            for cells in ([header] if header else []) + list(rows):
                row = table.row()
                for value in cells:
                    row.cell(self.printable(value))
        self.set_font(FONT, size=11)
        self.ln(3)

    def to_bytes(self) -> bytes:
        return bytes(self.output())
