"""The projects admin: office boundary, validation messages, inlines, search, autocomplete."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from projects.models import GalleryImage, Project
from tests.conftest import make_staff
from tests.factories import (
    GalleryImageFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def admin_url(model, action, *args):
    return reverse(f"admin:projects_{model}_{action}", args=args)


@pytest.fixture
def project_staff(office):
    return make_staff(office, "projects")


def png_upload(name="bild.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "#00594f").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def project_form(office, **changes):
    """POST data of the project add/change form, with empty inlines."""
    data = {
        "office": office.pk,
        "title_de": "Nordstadtstrand",
        "slug": "nordstadtstrand",
        "kind": "project",
        "status_override": "",
        "summary_de": "Sand und Liegestühle mitten im Stadtteil.",
        "description_de": "",
        "start_date": "2026-07-01",
        "end_date": "",
        "image_alt": "",
        "image_credit": "",
        "image_licence": "",
        "number": "",
        "actors": "",
        "goals": "",
        "first_steps": "",
        "costs": "",
        "financing": "",
        "priority": "",
        "start_year": "",
        "duration_years": "",
        "development_goals": "",
        "synergies": "",
        "is_published": "on",
    }
    for prefix in ("project_partners", "gallery"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(changes)
    return data


def test_changelist_shows_only_own_office(client, project_staff, office, other_office):
    own = ProjectFactory(office=office, themes=[ThemeFactory()])
    foreign = ProjectFactory(office=other_office)
    client.force_login(project_staff)
    response = client.get(admin_url("project", "changelist"))
    assert response.status_code == 200
    ids = {project.pk for project in response.context["cl"].result_list}
    assert ids == {own.pk}
    assert foreign.title not in response.content.decode()


def test_superuser_sees_all_offices(client, superuser, office, other_office):
    ProjectFactory(office=office)
    ProjectFactory(office=other_office)
    client.force_login(superuser)
    response = client.get(admin_url("project", "changelist"))
    assert response.context["cl"].result_count == 2


@pytest.mark.parametrize("action", ["change", "delete", "history"])
def test_foreign_project_pages_are_404(client, project_staff, other_office, action):
    foreign = ProjectFactory(office=other_office)
    client.force_login(project_staff)
    assert client.get(admin_url("project", action, foreign.pk)).status_code == 404
    assert client.get(admin_url("project", action, 987654)).status_code == 404


def test_foreign_project_cannot_be_deleted_by_post(client, project_staff, other_office):
    foreign = ProjectFactory(office=other_office)
    client.force_login(project_staff)
    response = client.post(admin_url("project", "delete", foreign.pk), {"post": "yes"})
    assert response.status_code == 404
    assert Project.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize(
    ("model", "factory"),
    [("galleryimage", GalleryImageFactory), ("projectpartner", ProjectPartnerFactory)],
)
def test_foreign_gallery_and_partner_rows_are_404(
    client, project_staff, other_office, model, factory
):
    foreign = factory(project__office=other_office)
    client.force_login(project_staff)
    assert client.get(admin_url(model, "change", foreign.pk)).status_code == 404
    ids = {row.pk for row in client.get(admin_url(model, "changelist")).context["cl"].result_list}
    assert foreign.pk not in ids


def test_office_choices_offer_only_own_offices(client, project_staff, office):
    client.force_login(project_staff)
    form = client.get(admin_url("project", "add")).context["adminform"].form
    assert list(form.fields["office"].queryset) == [office]
    assert form.fields["office"].required


def test_cannot_create_project_for_foreign_office(client, project_staff, other_office):
    client.force_login(project_staff)
    response = client.post(admin_url("project", "add"), project_form(other_office))
    assert response.status_code == 200
    assert "office" in response.context["adminform"].form.errors
    assert not Project.objects.exists()


def test_cannot_move_project_to_foreign_office(client, project_staff, office, other_office):
    project = ProjectFactory(office=office)
    client.force_login(project_staff)
    data = project_form(other_office, title_de=project.title, slug=project.slug)
    response = client.post(admin_url("project", "change", project.pk), data)
    assert response.status_code == 200
    assert "office" in response.context["adminform"].form.errors
    project.refresh_from_db()
    assert project.office == office


def test_gallery_project_choices_are_scoped(client, project_staff, office, other_office):
    own = ProjectFactory(office=office)
    ProjectFactory(office=other_office)
    client.force_login(project_staff)
    form = client.get(admin_url("galleryimage", "add")).context["adminform"].form
    assert list(form.fields["project"].queryset) == [own]


def test_staff_creates_project_with_partner_and_gallery(client, project_staff, office):
    theme = ThemeFactory(name="Nachbarschaft")
    partner = ProjectPartnerFactory().partner
    client.force_login(project_staff)
    data = project_form(
        office,
        themes=[theme.pk],
        **{
            "project_partners-TOTAL_FORMS": "1",
            "project_partners-0-partner": partner.pk,
            "project_partners-0-role": "Mitveranstalter",
            "project_partners-0-order": "0",
            "gallery-TOTAL_FORMS": "1",
            "gallery-0-image": png_upload(),
            "gallery-0-image_alt": "Liegestühle im Sand",
            "gallery-0-caption": "Strandtag",
            "gallery-0-order": "0",
        },
    )
    response = client.post(admin_url("project", "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    project = Project.objects.get(slug="nordstadtstrand")
    assert project.office == office
    assert project.created_by == project_staff
    assert list(project.themes.all()) == [theme]
    assert project.project_partners.get().role == "Mitveranstalter"
    assert project.gallery.get().image_alt == "Liegestühle im Sand"


def test_gallery_image_without_alt_text_is_refused(client, project_staff, office):
    client.force_login(project_staff)
    data = project_form(
        office,
        **{
            "gallery-TOTAL_FORMS": "1",
            "gallery-0-image": png_upload(),
            "gallery-0-image_alt": "",
            "gallery-0-order": "0",
        },
    )
    response = client.post(admin_url("project", "add"), data)
    assert response.status_code == 200
    formset = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "gallery"
    )
    assert formset.formset.forms[0].errors["image_alt"]
    assert 'id="id_gallery-0-image_alt_error"' in response.content.decode()
    assert not Project.objects.exists()
    assert not GalleryImage.objects.exists()


def test_measure_without_facts_shows_messages_next_to_fields(client, project_staff, office):
    client.force_login(project_staff)
    response = client.post(admin_url("project", "add"), project_form(office, kind="measure"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"number", "costs", "priority"}
    content = response.content.decode()
    assert "Bitte geben Sie die Nummer der Maßnahme an" in content
    assert "Bitte geben Sie die Kosten der Maßnahme in Euro an" in content


def test_measure_with_facts_is_saved_with_german_amount(client, project_staff, office):
    client.force_login(project_staff)
    data = project_form(
        office, kind="measure", number="O/N 1", costs="960000", priority="high", start_year="2023"
    )
    response = client.post(admin_url("project", "add"), data)
    assert response.status_code == 302
    assert Project.objects.get().costs == 960000


def test_plain_project_with_measure_facts_is_refused(client, project_staff, office):
    client.force_login(project_staff)
    response = client.post(
        admin_url("project", "add"), project_form(office, costs="5000", financing="Land")
    )
    assert response.status_code == 200
    assert set(response.context["adminform"].form.errors) == {"costs", "financing"}
    assert "Diese Angabe gibt es nur bei ISEK-Maßnahmen" in response.content.decode()


def test_search_by_title_and_number(client, project_staff, office):
    measure = ProjectFactory(office=office, measure=True, number="O/N 1", title="Management")
    other = ProjectFactory(office=office, title="Nordstadtliga")
    client.force_login(project_staff)
    for term, expected in [("O/N 1", measure), ("liga", other)]:
        response = client.get(admin_url("project", "changelist"), {"q": term})
        assert list(response.context["cl"].result_list) == [expected]


def test_change_page_has_view_on_site_and_collapsed_measure_fields(client, project_staff, office):
    project = ProjectFactory(office=office, is_published=False)
    client.force_login(project_staff)
    content = client.get(admin_url("project", "change", project.pk)).content.decode()
    view_on_site = re.search(r'href="(/admin/r/\d+/\d+/)"', content).group(1)
    redirect = client.get(view_on_site)
    assert redirect.status_code == 302
    assert redirect["Location"].endswith(project.get_absolute_url())
    preview = client.get(project.get_absolute_url())
    assert "Vorschau: Dieses Projekt ist nicht veröffentlicht." in preview.content.decode()
    collapsed = re.search(
        r'<fieldset class="module aligned collapse"[^>]*>\s*<details><summary>\s*'
        r"<h2[^>]*>ISEK-Maßnahme</h2>",
        content,
    )
    assert collapsed
    assert content.index('name="number"') > collapsed.end()
    assert content.index('name="costs"') > collapsed.end()


def test_theme_autocomplete(client, project_staff):
    ThemeFactory(name="Kultur")
    ThemeFactory(name="Jugend")
    client.force_login(project_staff)
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "projects", "model_name": "project", "field_name": "themes", "term": "Kul"},
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Kultur"]


def test_partner_autocomplete(client, project_staff):
    ProjectPartnerFactory(partner__name="Kulturfabrik Löseke")
    client.force_login(project_staff)
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "projects",
            "model_name": "projectpartner",
            "field_name": "partner",
            "term": "Löseke",
        },
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Kulturfabrik Löseke"]


def test_staff_edits_project_with_image(client, project_staff, office):
    project = ProjectFactory(office=office, image_alt="Ein Beet")
    project.image.save("beet.png", png_upload("beet.png"), save=True)
    client.force_login(project_staff)
    data = project_form(
        office, title_de="Neuer Titel", slug=project.slug, image_alt="Ein frisch bepflanztes Beet"
    )
    response = client.post(admin_url("project", "change", project.pk), data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title, project.image_alt) == ("Neuer Titel", "Ein frisch bepflanztes Beet")
    assert project.image


def test_new_upload_that_is_no_image_is_refused(client, project_staff, office):
    client.force_login(project_staff)
    fake = SimpleUploadedFile("bild.png", b"not an image", content_type="image/png")
    data = project_form(office, image=fake, image_alt="Ein Bild")
    response = client.post(admin_url("project", "add"), data)
    assert response.status_code == 200
    assert "image" in response.context["adminform"].form.errors
    assert not Project.objects.exists()
