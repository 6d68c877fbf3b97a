"""PDF documents of the fund (letters, minutes, year report) with fpdf2: pure Python, so
`make install` needs no system libraries. The PDF core font Helvetica is used with the
Windows-1252 encoding, which holds German text, „quotes“, – and €; any other character
(a Turkish or Polish name) is printed as its nearest Latin letter rather than failing."""

import unicodedata

from fpdf import FPDF
from fpdf.enums import XPos, YPos

ENCODING = "windows-1252"
FONT = "helvetica"
NEXT_LINE = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}
# Letters that Unicode does not decompose into a base letter and a mark.
BASE_LETTERS = str.maketrans("ŁłıĐđĦħ", "LliDdHh")


def printable(text) -> str:
    """`text` with every character the core font cannot print replaced by its base letter."""
    text = str(text or "")
    try:
        text.encode(ENCODING)
        return text
    except UnicodeEncodeError:
        pass
    result = []
    for char in text.translate(BASE_LETTERS):
        try:
            char.encode(ENCODING)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode(ENCODING, "ignore").decode(ENCODING)
            char = base or "?"
        result.append(char)
    return "".join(result)


class Document(FPDF):
    """An A4 page in the office's style: a title, paragraphs, tables, page numbers."""

    def __init__(self, *, title: str, footer: str = ""):
        super().__init__(format="A4")
        self.core_fonts_encoding = ENCODING
        self.footer_text = printable(footer)
        self.set_title(printable(title))
        self.set_creator("Stadtteilportal")
        self.set_margins(25, 20, 20)
        self.set_auto_page_break(auto=True, margin=20)
        self.add_page()
        self.set_font(FONT, size=11)

    def footer(self):
        self.set_y(-14)
        self.set_font(FONT, size=8)
        self.cell(0, 5, f"{self.footer_text}   {self.page_no()}/{{nb}}", align="R")
        self.set_font(FONT, size=11)

    def lines(self, lines, *, size=11, align="L"):
        """One line each (an address block, a date), no gap between them."""
        self.set_font(FONT, size=size)
        for line in lines:
            self.cell(0, size * 0.5, printable(line), align=align, **NEXT_LINE)
        self.set_font(FONT, size=11)

    def heading(self, text, *, size=13):
        self.ln(2)
        self.set_font(FONT, style="B", size=size)
        self.multi_cell(0, size * 0.5, printable(text), **NEXT_LINE)
        self.set_font(FONT, size=11)
        self.ln(2)

    def paragraph(self, text, *, bold=False, size=11):
        if not text:
            return
        self.set_font(FONT, style="B" if bold else "", size=size)
        self.multi_cell(0, size * 0.5, printable(text), **NEXT_LINE)
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
                    row.cell(printable(value))
        self.set_font(FONT, size=11)
        self.ln(3)

    def to_bytes(self) -> bytes:
        return bytes(self.output())
