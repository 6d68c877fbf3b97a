import io
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from fonds.models import Application, Attachment
from stadtteilbuero.uploads import document_kind as attachment_kind
from tests.fonds.conftest import form_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def image_bytes(image_format="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#00594f").save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def submit(client, fund, material, files):
    data = form_data(fund, material)
    data["attachments"] = files
    return client.post(fund.get_apply_url(), data)


def test_pdf_jpeg_and_png_are_stored_privately_under_random_names(client, fund, material, settings):
    files = [
        upload("Kostenvoranschlag.pdf", PDF),
        upload("foto.jpg", image_bytes("JPEG")),
        upload("plan.png", image_bytes("PNG")),
    ]
    response = submit(client, fund, material, files)
    assert response.status_code == 302
    attachments = list(Application.objects.get().attachments.order_by("pk"))
    assert [a.kind for a in attachments] == ["pdf", "jpeg", "png"]
    assert [a.original_name for a in attachments] == [
        "Kostenvoranschlag.pdf",
        "foto.jpg",
        "plan.png",
    ]
    private_root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    for attachment in attachments:
        path = Path(attachment.file.path).resolve()
        assert path.is_file()
        assert path.is_relative_to(private_root)
        assert not path.is_relative_to(media_root)
        assert "Kostenvoranschlag" not in path.name and "foto" not in path.name
        assert attachment.file.name.startswith("fonds/attachments/")
        assert len(path.stem) == 32  # uuid4 hex
        assert path.stat().st_mode & 0o077 == 0  # not readable by other accounts


def test_traversal_file_name_cannot_escape(client, fund, material, settings, tmp_path):
    response = submit(client, fund, material, [upload("../../../etc/evil.pdf", PDF)])
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "evil.pdf"
    assert (
        Path(attachment.file.path)
        .resolve()
        .is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    )
    assert not (tmp_path.parent / "etc" / "evil.pdf").exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("foto.jpg", b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 20, "keine echte JPEG-Datei"),
        ("foto.jpg", b"plain text pretending to be a photo", "keine echte JPEG-Datei"),
        ("foto.jpg", image_bytes("PNG"), "keine echte JPEG-Datei"),
        ("bild.png", image_bytes("JPEG"), "keine echte PNG-Datei"),
        ("antrag.pdf", b"<html>not a pdf</html>", "keine echte PDF-Datei"),
        ("antrag.pdf", b"%PDF-1.4\ncut off in the middle", "keine echte PDF-Datei"),
        ("script.exe", PDF, "nur PDF-, JPEG- oder PNG-Dateien"),
        ("grafik.svg", b"<svg></svg>", "nur PDF-, JPEG- oder PNG-Dateien"),
    ],
)
def test_files_are_checked_by_content(client, fund, material, name, data, message):
    response = submit(client, fund, material, [upload(name, data)])
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'href="#id_attachments"' in page
    assert "Bitte wählen Sie Ihre Dateien noch einmal aus" in page
    assert not Application.objects.exists()
    assert not Attachment.objects.exists()


def test_oversized_file_is_refused(client, fund, material):
    big = upload("gross.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = submit(client, fund, material, [big])
    assert response.status_code == 400
    assert "ist zu groß: höchstens 10 MB pro Datei" in response.content.decode()


def test_decompression_bomb_is_refused(client, fund, material, monkeypatch):
    # A small limit stands in for a real bomb (a tiny file that claims a huge size).
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 500)
    response = submit(client, fund, material, [upload("bombe.png", image_bytes("PNG", (40, 30)))])
    assert response.status_code == 400
    assert "zu viele Pixel" in response.content.decode()


def test_real_decompression_bomb_header():
    """A PNG header that claims 100000 × 100000 pixels is refused before decoding."""
    buffer = io.BytesIO()
    Image.new("1", (1, 1)).save(buffer, format="PNG")
    data = bytearray(buffer.getvalue())
    data[16:24] = (100000).to_bytes(4, "big") * 2  # width and height in the IHDR chunk
    data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")  # a valid chunk checksum
    with pytest.raises(ValidationError) as error:
        attachment_kind(upload("bombe.png", bytes(data)))
    assert error.value.error_list[0].code == "decompression_bomb"


def test_at_most_five_files(client, fund, material):
    files = [upload(f"angebot-{n}.pdf", PDF) for n in range(6)]
    response = submit(client, fund, material, files)
    assert response.status_code == 400
    assert "höchstens 5 Dateien" in response.content.decode()


def test_attachment_has_no_public_url(client, fund, material):
    submit(client, fund, material, [upload("angebot.pdf", PDF)])
    attachment = Attachment.objects.get()
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018
    for url in [
        f"/media/{attachment.file.name}",
        f"/media/../private/{attachment.file.name}",
        f"/static/{attachment.file.name}",
        f"/{attachment.file.name}",
    ]:
        assert client.get(url).status_code == 404
