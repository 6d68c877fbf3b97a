"""/leichte-sprache/: built-in text in German and English, staff's own page, the video."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from stadtteilbuero.models import EasyReadPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "heading", "link"),
    [
        ("/leichte-sprache/", "<h1>Leichte Sprache</h1>", "Leichte Sprache"),
        ("/en/leichte-sprache/", "<h1>Easy Read</h1>", "Easy Read"),
    ],
)
def test_easy_read_page_exists_in_both_languages(client, path, heading, link):
    response = client.get(path)
    assert response.status_code == 200
    assert heading in response.content.decode()
    prefix = "/en" if path.startswith("/en/") else ""
    for other in ["/", "/bueros/", "/suche/", "/verfuegungsfonds/"]:
        page = client.get(prefix + other).content.decode()
        assert f'href="{path}" class="easy-read-link">{link}</a>' in page


def test_staff_page_replaces_the_builtin_text_with_video_and_captions(client, settings):
    EasyReadPage.objects.create(
        language="de",
        title="Das Stadtteil-Büro",
        body="## Wer wir sind\n\nWir helfen Ihnen.",
        video=SimpleUploadedFile("dgs.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 20),
        captions=SimpleUploadedFile("dgs.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nHallo"),
    )
    content = client.get("/leichte-sprache/").content.decode()
    assert "<h1>Das Stadtteil-Büro</h1>" in content
    assert "<h2>Wer wir sind</h2>" in content
    assert '<track kind="captions"' in content and 'srclang="de"' in content
    assert "<video controls" in content
    # the English page keeps its built-in text
    assert "<h1>Easy Read</h1>" in client.get("/en/leichte-sprache/").content.decode()


@pytest.mark.parametrize(
    ("video", "captions", "field"),
    [
        (("film.mp4", b"<html>not a video</html>"), ("c.vtt", b"WEBVTT\n"), "video"),
        (("film.exe", b"\x00\x00\x00\x18ftyp"), ("c.vtt", b"WEBVTT\n"), "video"),
        (("film.webm", b"\x1a\x45\xdf\xa3abc"), ("c.srt", b"1\n00:00"), "captions"),
        (("film.webm", b"\x1a\x45\xdf\xa3abc"), None, "captions"),
    ],
)
def test_bad_video_or_captions_are_refused_with_a_message(video, captions, field):
    page = EasyReadPage(
        language="de",
        title="Leichte Sprache",
        body="Text.",
        video=SimpleUploadedFile(*video),
        captions=SimpleUploadedFile(*captions) if captions else None,
    )
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert field in error.value.message_dict


def test_no_english_page_shows_o_clock(client):
    import datetime

    from django.utils import timezone

    from tests.factories import EventFactory

    start = timezone.now() + datetime.timedelta(days=2)
    event = EventFactory(start=start.replace(hour=18, minute=0), end=None)
    detail = event.get_absolute_url()
    for path in [detail, "/veranstaltungen/", "/"]:
        english = client.get("/en" + path).content.decode()
        assert "o'clock" not in english and "o&#x27;clock" not in english, path
        assert "p.m." in english or "a.m." in english, path
    assert "Uhr" in client.get(detail).content.decode()
