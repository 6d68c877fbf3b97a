#!/bin/sh
# How the fonts here were made: DejaVu Sans 2.37 from Debian's fonts-dejavu-core, cut to
# the scripts residents' names and German text are written in (Latin with its extensions
# and combining marks, Greek, Cyrillic, Armenian, Georgian; punctuation, €, arrows, maths).
# A third of the size: each PDF parses and subsets the font again, three times faster.
# Scripts that fpdf2 cannot shape (Arabic, Hebrew) would print garbled anyway; their
# letters print as "?" (fonds/pdf.py: Document.printable).
# Usage, from the project root: sh fonds/fonts/subset.sh /usr/share/fonts/truetype/dejavu
set -e
SOURCE=${1:-/usr/share/fonts/truetype/dejavu}
HERE=$(dirname "$0")
RANGES="U+0000-024F,U+0250-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+0530-058F,\
U+10A0-10FF,U+1E00-1EFF,U+1F00-1FFF,U+2000-206F,U+2070-209F,U+20A0-20CF,U+2100-214F,\
U+2150-218F,U+2190-21FF,U+2200-22FF,U+25A0-25FF,U+FB00-FB06,U+FFFD"
for NAME in DejaVuSans DejaVuSans-Bold; do
    .venv/bin/pyftsubset "$SOURCE/$NAME.ttf" --unicodes="$RANGES" --layout-features='*' --glyph-names \
        --notdef-outline --name-IDs='*' --name-languages='*' \
        --drop-tables+=FFTM --output-file="$HERE/$NAME.ttf"
done
