import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from offices.models import Office
from stadtteilbuero.uploads import validate_download_file
from tests.factories import OfficeFactory


def test_pdf_download_is_checked_by_content():
    validate_download_file(SimpleUploadedFile("flyer.pdf", b"%PDF-1.7 ..."))
    with pytest.raises(ValidationError) as error:
        validate_download_file(SimpleUploadedFile("flyer.pdf", b"MZ\x90\x00 not a pdf"))
    assert error.value.code == "invalid_pdf"


def test_download_extension_allowlist():
    with pytest.raises(ValidationError) as error:
        validate_download_file(SimpleUploadedFile("tool.exe", b"MZ"))
    assert error.value.code == "invalid_extension"


def test_download_size_limit(settings):
    settings.DOWNLOAD_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError) as error:
        validate_download_file(SimpleUploadedFile("flyer.pdf", b"%PDF-" + b"x" * 20))
    assert error.value.code == "file_too_large"


def test_map_link_prefers_coordinates():
    office = Office(latitude="52.150000", longitude="9.950000", street="Hochkamp 25")
    assert office.map_url.startswith("https://www.openstreetmap.org/?mlat=52.150000&mlon=9.950000")


def test_phone_uri_keeps_digits_only():
    assert Office(phone="05121 / 281 63 11").phone_uri == "tel:051212816311"
    assert Office(phone="").phone_uri == ""


@pytest.mark.django_db
def test_office_code_format_is_validated():
    office = OfficeFactory.build(code="nord-1")
    with pytest.raises(ValidationError) as error:
        office.full_clean()
    assert "code" in error.value.message_dict
