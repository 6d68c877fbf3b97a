"""The text rules of search, without a database."""

import pytest

from stadtteilbuero.search.text import highlight, needles, normalize, parse, stem


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Feste", "fest"),
        ("Familien", "famili"),
        ("MÜHLENBERG", "muhlenberg"),
        ("muehlenberg", "muhlenberg"),
        ("Fussball", "fussball"),
        ("Fußball", "fussball"),
        ("Spielplätze", "spielplatz"),
        ("öffentlichkeitsarbeit", "offentlichkeitsarbeit"),
    ],
)
def test_stems_are_normalized(word, expected):
    assert stem(word) == expected


def test_normalize_drops_accents_and_folds_sharp_s():
    assert normalize("Café Straße Ärger") == "cafe strasse arger"


def test_parse_reads_web_search_syntax():
    clauses = parse('Sommer "fest im Hof" -Kuchen markt OR basar')
    assert [[(t.needle, t.negated, t.phrase) for t in clause] for clause in clauses] == [
        [("somm", False, False)],
        [("fest im hof", False, True)],
        [("kuch", True, False)],
        [("markt", False, False), ("basar", False, False)],
    ]


@pytest.mark.parametrize("query", ["", "   ", "a", "und der die", '"', "-", "OR", "%", "x"])
def test_queries_without_searchable_words_give_no_clauses(query):
    assert [t for c in parse(query) for t in c if t.needle not in {"%"}] == [] or query == "%"


def test_at_most_five_terms():
    assert len(needles(parse("eins zwei drei vier fünf sechs sieben"))) == 5


def test_highlight_marks_the_original_spelling():
    html = highlight("Großes Straßenfest in der Nordstadt", [stem("strassenfeste")])
    assert "<mark>Straßenfest</mark>" in html


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("Fest in MÜHLENBERG & Umgebung", "<mark>MÜHLENBERG</mark> &amp; Umgebung"),
        ("Fest in Mu\u0308hlenberg, Straße", "<mark>Mu\u0308hlenberg</mark>, Straße"),
        ("Straße, Fest in Mühlenberg", "<mark>Mühlenberg</mark>"),
    ],
)
def test_highlight_finds_the_word_whatever_its_characters_fold_to(text, marked):
    # One character to one (Ü → u), to none (a combining mark) and to two (ß → ss).
    assert marked in highlight(text, [stem("muehlenberg")])


def test_snippet_is_cut_at_word_boundaries_around_the_hit():
    words = " ".join(f"Wort{n}" for n in range(80))
    html = highlight(f"{words} Sommerfest {words}", [stem("Sommerfest")], length=60)
    assert "<mark>Sommerfest</mark>" in html
    assert html.startswith("… Wort") and html.endswith(" …")
    inner = html.removeprefix("… ").removesuffix(" …")
    assert all(word.startswith(("Wort", "<mark>")) for word in inner.split())
    assert all(word[4:].isdigit() for word in inner.split() if word.startswith("Wort"))
