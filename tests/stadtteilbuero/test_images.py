import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from stadtteilbuero.images import validate_image_file
from tests.factories import TeamMemberFactory


def png_bytes(size=(20, 10), image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#00594f").save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_real_png_is_accepted():
    validate_image_file(upload("foto.png", png_bytes()))


def test_fake_jpeg_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_image_file(upload("foto.jpg", b"<?php echo 'hallo'; ?>"))
    assert error.value.code == "invalid_image"


def test_extension_must_match_content():
    with pytest.raises(ValidationError) as error:
        validate_image_file(upload("foto.jpg", png_bytes()))
    assert error.value.code == "invalid_format"


def test_other_extensions_are_refused():
    with pytest.raises(ValidationError) as error:
        validate_image_file(upload("foto.svg", b"<svg></svg>"))
    assert error.value.code == "invalid_extension"


def test_oversized_file_is_refused(settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError) as error:
        validate_image_file(upload("foto.png", png_bytes((200, 200))))
    assert error.value.code == "file_too_large"


def test_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(ValidationError) as error:
        validate_image_file(upload("bombe.png", png_bytes((100, 100))))
    assert error.value.code == "decompression_bomb"


@pytest.mark.django_db
def test_alt_text_is_required_for_an_image():
    member = TeamMemberFactory.build(image=upload("foto.png", png_bytes()), image_alt="  ")
    with pytest.raises(ValidationError) as error:
        member.full_clean(exclude=["office"])
    assert "image_alt" in error.value.message_dict


@pytest.mark.django_db
def test_alt_text_required_by_the_database_too():
    from django.db import IntegrityError, transaction

    member = TeamMemberFactory()
    member.image.save("foto.png", upload("foto.png", png_bytes()), save=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        member.save()


@pytest.mark.django_db
def test_image_is_shown_as_rendition_with_alt_and_credit(client):
    member = TeamMemberFactory(image_alt="Porträt von Jana", image_credit="© LHH")
    member.image.save("foto.png", upload("foto.png", png_bytes((800, 600))))
    content = client.get(member.office.get_absolute_url()).content.decode()
    assert 'alt="Porträt von Jana"' in content
    assert "© LHH" in content
    assert "/media/renditions/" in content or "renditions/" in content


@pytest.mark.django_db
def test_missing_source_file_does_not_break_the_page(client):
    member = TeamMemberFactory(image="offices/images/2026/01/gibt-es-nicht.png", image_alt="Foto")
    response = client.get(member.office.get_absolute_url())
    assert response.status_code == 200
    assert "gibt-es-nicht" not in response.content.decode()


@pytest.mark.django_db
def test_stored_image_is_not_reopened_on_a_later_save(monkeypatch):
    member = TeamMemberFactory(image_alt="Foto")
    member.image.save("foto.png", upload("foto.png", png_bytes()))
    member.refresh_from_db()

    def fail(*args, **kwargs):
        raise AssertionError("the stored image was opened again")

    monkeypatch.setattr(Image, "open", fail)
    member.full_clean()


@pytest.mark.django_db
def test_card_image_has_its_size_and_a_smaller_rendition_for_phones(client):
    from tests.factories import ProjectFactory

    project = ProjectFactory(image_alt="Hochbeete im Hof")
    project.image.save("hof.png", upload("hof.png", png_bytes((1200, 800))))
    content = client.get("/projekte/").content.decode()
    img = content[content.index('alt="Hochbeete im Hof"') - 300 :]
    img = img[img.index("<img") : img.index(">", img.index("<img"))]
    assert 'width="800" height="500"' in img
    assert " 400w, " in img and " 800w" in img and "sizes=" in img


@pytest.mark.parametrize(
    ("source", "box", "expected"),
    [
        ((3200, 2000), 1600, (1600, 1000)),  # shrunk into the box
        ((1000, 3000), 1600, (533, 1600)),  # portrait: the height is the limit
        ((1200, 800), 1600, (1200, 800)),  # never enlarged
        ((1610, 10), 1600, (1610, 10)),  # imagekit leaves it when one side would stay
    ],
)
def test_fitted_size_is_what_the_rendition_gets(source, box, expected):
    from imagekit.processors import ResizeToFit

    from stadtteilbuero.images import fitted_size

    assert fitted_size(*source, box) == expected
    processed = ResizeToFit(box, box, upscale=False).process(Image.new("RGB", source))
    assert processed.size == expected


def large_img(content, alt):
    start = content.index(f'alt="{alt}"')
    return content[content.rindex("<img", 0, start) : content.index(">", start)]


@pytest.mark.django_db
def test_large_picture_has_its_size_and_a_smaller_rendition_for_phones(client):
    from tests.factories import ProjectFactory

    project = ProjectFactory(image_alt="Der Platz")
    project.image.save("platz.png", upload("platz.png", png_bytes((2000, 1000))))
    assert (project.image_width, project.image_height) == (2000, 1000)
    content = client.get(project.get_absolute_url()).content.decode()
    img = large_img(content, "Der Platz")
    assert 'width="1600" height="800"' in img
    assert " 800w, " in img and " 1600w" in img and "sizes=" in img
    assert "loading=" not in img  # the main picture loads at once
    assert '<meta property="og:image:width" content="1600">' in content


@pytest.mark.django_db
def test_small_picture_keeps_its_size_without_srcset(client):
    from tests.factories import ProjectFactory

    project = ProjectFactory(image_alt="Ein Plakat")
    project.image.save("plakat.png", upload("plakat.png", png_bytes((600, 400))))
    img = large_img(client.get(project.get_absolute_url()).content.decode(), "Ein Plakat")
    assert 'width="600" height="400"' in img
    assert "srcset" not in img


@pytest.mark.django_db
def test_size_follows_a_new_image_and_a_removed_one():
    member = TeamMemberFactory(image_alt="Foto")
    member.image.save("foto.png", upload("foto.png", png_bytes((300, 200))))
    member.image.save("neu.png", upload("neu.png", png_bytes((640, 480))))
    member.refresh_from_db()
    assert (member.image_width, member.image_height) == (640, 480)
    member.image = ""
    member.save()
    assert (member.image_width, member.image_height) == (None, None)


@pytest.mark.django_db
def test_a_new_image_gets_new_renditions_without_imagekit_hashing_every_object():
    member = TeamMemberFactory(image_alt="Foto")
    member.image.save("foto.png", upload("foto.png", png_bytes((300, 200))))
    first = member.rendition_url("square")
    member.image.save("foto.png", upload("foto.png", png_bytes((640, 480))))  # same name
    member = type(member).objects.get(pk=member.pk)
    second = member.rendition_url("square")
    assert first and second and first != second
    with member.image_square.storage.open(member.image_square.name) as rendition:
        assert Image.open(rendition).size == (400, 400)
    assert not hasattr(member, "_ik")  # no hashes of the source on each object made
