"""How search reads text: the same rules for what is indexed and what is asked.

Both sides are normalized alike (lower case, accents and umlauts dropped, ß → ss), and
each word of the query is cut to its German stem (Snowball, the algorithm PostgreSQL's
`german` configuration uses). A stem is then looked for *inside* the indexed text, so
"Feste" (stem "fest") finds "Stadtteilfest" and "Familien" ("famili") finds "Familie":
German compounds would escape a whole-word match. The stemmer also folds "ue" into "u",
so "muehlenberg" and "MÜHLENBERG" both become "muhlenberg".
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 100
MAX_TERMS = 5
MIN_STEM_LENGTH = 3
SNIPPET_LENGTH = 180

# Words that would match nearly every text as a substring.
STOP_WORDS = frozenset({
    "aber", "als", "am", "an", "auf", "aus", "bei", "das", "dem", "den", "der", "des", "die",
    "ein", "eine", "einem", "einen", "einer", "es", "fur", "im", "in", "ist", "mit", "oder",
    "sie", "und", "vom", "von", "vor", "zu", "zum", "zur",
    "and", "for", "of", "on", "or", "the", "to", "with",
})  # fmt: skip

TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("german")


def normalize_char(char: str) -> str:
    if char == "ß":
        return "ss"
    decomposed = unicodedata.normalize("NFKD", char.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _FoldTable(dict):
    """A str.translate table filled as characters come: each to its folded form.
    Remembers the characters that fold to other than one character (ß → ss)."""

    def __init__(self):
        super().__init__()
        self.uneven = set()

    def __missing__(self, code):
        folded = self[code] = normalize_char(chr(code))
        if len(folded) != 1:
            self.uneven.add(chr(code))
        return folded


_FOLD = _FoldTable()


def normalize(text: str) -> str:
    """Lower case without accents: 'Mühlenberg' → 'muhlenberg', 'Fußball' → 'fussball'.
    One translate() through the table of folded characters (every entry's whole text)."""
    return text.translate(_FOLD)


def stem(word: str) -> str:
    return normalize(_stemmer().stemWord(word.lower()))


@dataclass(frozen=True)
class Term:
    """One word or "quoted phrase" of a query; `needle` is what the index must contain."""

    text: str
    needle: str
    negated: bool = False
    phrase: bool = False


def parse(text: str) -> list[list[Term]]:
    """The query in web-search syntax, as PostgreSQL's websearch_to_tsquery reads it:
    words must all occur, "a phrase" occurs as written, -word must not occur, and
    `a OR b` takes either. Returns clauses that must all hold, each a list of
    alternatives. Stop words, one- and two-letter words and terms past MAX_TERMS are
    left out."""
    clauses: list[list[Term]] = []
    pending_or = False
    count = 0
    for sign, phrase, word in TOKEN.findall((text or "")[:MAX_QUERY_LENGTH]):
        if word == "OR":
            pending_or = bool(clauses)
            continue
        term = _term(sign, phrase, word)
        if term is None or count >= MAX_TERMS:
            continue
        count += 1
        if pending_or and not term.negated and not clauses[-1][0].negated:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        pending_or = False
    return clauses


def _term(sign: str, phrase: str, word: str) -> Term | None:
    if phrase:
        needle = " ".join(normalize(phrase).split())
        return Term(phrase, needle, negated=bool(sign), phrase=True) if len(needle) >= 3 else None
    negated = word.startswith("-") and len(word) > 1
    word = word.lstrip("-").strip(".,;:!?()[]{}'\"")
    if normalize(word) in STOP_WORDS:
        return None
    needle = stem(word)
    if len(needle) < MIN_STEM_LENGTH:
        return None
    return Term(word, needle, negated=negated)


def needles(clauses: list[list[Term]]) -> list[str]:
    """What to highlight: the needles of the terms that are looked for."""
    return [term.needle for clause in clauses for term in clause if not term.negated]


def _fold(text: str):
    """`text` folded as normalize() does, and for each folded character the index of the
    character of `text` it comes from. One translate() for the usual text, where every
    character folds to one (a loop per character took most of a snippet's time)."""
    folded = text.translate(_FOLD)
    if _FOLD.uneven.isdisjoint(text):
        return folded, range(len(text))
    pieces, origin = [], []
    for index, char in enumerate(text):
        for piece in _FOLD[ord(char)]:
            pieces.append(piece)
            origin.append(index)
    return "".join(pieces), origin


def highlight(text: str, wanted: list[str], length: int = SNIPPET_LENGTH):
    """A snippet of `text` around the first hit, hits wrapped in <mark>; HTML-safe."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    folded_text, origin = _fold(text)
    spans = []
    for needle in wanted:
        for match in re.finditer(re.escape(needle), folded_text):
            end = origin[match.end() - 1] + 1
            while end < len(text) and text[end].isalnum():  # mark the whole word
                end += 1
            spans.append((origin[match.start()], end))
    spans.sort()
    start = max(0, spans[0][0] - length // 3) if spans else 0
    end = min(len(text), start + length)
    if start:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    parts, cursor = [], start
    for span_start, span_end in spans:
        if span_start < cursor or span_end > end:
            continue
        marked = escape(text[span_start:span_end])
        parts += [escape(text[cursor:span_start]), f"<mark>{marked}</mark>"]
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 (every part escaped)
