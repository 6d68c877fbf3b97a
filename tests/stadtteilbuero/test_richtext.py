from html import unescape

import markdown
import nh3
import pytest

from stadtteilbuero.richtext import plain_text, render_markdown


def test_markdown_formats_headings_lists_links_and_bold():
    html = render_markdown(
        "# Titel\n\n## Abschnitt\n\n### Unterabschnitt\n\n- eins\n- **zwei**\n\n"
        "[Link](https://example.org)"
    )
    assert "<h1" not in html  # a page has one h1: staff headings start at h2
    assert "<h2>Titel</h2>" in html
    assert "<h2>Abschnitt</h2>" in html
    assert "<h3>Unterabschnitt</h3>" in html
    assert "<li><strong>zwei</strong></li>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">Link</a>' in html


def test_script_tags_are_removed():
    html = render_markdown("Hallo <script>alert('x')</script> Welt")
    assert "<script" not in html
    assert "alert" not in html


def test_event_handlers_and_javascript_urls_are_removed():
    html = render_markdown(
        '<img src="x" onerror="alert(1)"> <a href="javascript:alert(1)">klick</a> '
        "[klick](javascript:alert(2))"
    )
    assert "onerror" not in html
    assert "<img" not in html
    assert "javascript:" not in html


def test_style_and_iframe_are_removed():
    html = render_markdown(
        '<p style="color:red">rot</p><iframe src="https://evil.example"></iframe>'
    )
    assert "style=" not in html
    assert "iframe" not in html


def test_plain_text_has_no_markup():
    assert (
        plain_text("## Titel\n\nEin **fetter** & <b>bunter</b> Text")
        == "Titel Ein fetter & bunter Text"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Stadtteilbüro Nordstadt",
        "Ein Büro für den Stadtteil. Offen: Mo–Fr, 9–13 Uhr (außer Ferien)!",
        'Street-Art-Aktionen 2026 mit 1.500 € und 50 % Zuschuss; Tom\'s "Café"',
        "Erste Zeile\nzweite Zeile\n\n    eingerückt\tmit Tab",
        "1. Mai\n2. Juni",
        "- eins\n+ zwei\n\nTitel\n===\n\nUnter\n---",
        "> Zitat mit *Stern*, _Strich_, `Code`, [Link](https://example.org) & <b>HTML</b>",
        "# Überschrift\\ mit Rückstrich &amp; Entität",
    ],
)
def test_plain_text_is_what_markdown_without_markup_gives(text):
    """Texts without markup skip the Markdown converter: the result is the same."""
    converted = markdown.markdown(text, output_format="html")
    assert plain_text(text) == " ".join(unescape(nh3.clean(converted, tags=set())).split())
