"""The applicant's own pages, reached by the secret link: the status page in each state
and the proof-of-use form, checked like every public page, and the withdraw button."""

import pytest
from playwright.sync_api import expect

from fonds.models import Application
from tests.e2e.browser import assert_accessible_and_self_contained
from tests.e2e.conftest import DESKTOP, PHONE

S = Application.Status


@pytest.fixture(scope="module")
def status_paths(demo_snapshot, django_db_blocker):
    """One status page per state of the demo applications (read once per module)."""
    with django_db_blocker.unblock():
        tokens = dict(Application.objects.order_by("status", "pk").values_list("status", "token"))
    return {status: f"/verfuegungsfonds/antrag/{token}/" for status, token in tokens.items()}


@pytest.mark.parametrize("status", [S.SUBMITTED, S.APPROVED, S.PAID, S.COMPLETED, S.REJECTED])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_status_page_is_accessible(open_page, status_paths, status, viewport):
    page, watcher = open_page(status_paths[status], viewport)
    assert_accessible_and_self_contained(page, watcher, f"status page ({status})")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_proof_form_is_accessible(open_page, status_paths, viewport):
    page, watcher = open_page(status_paths[S.PAID])
    page.get_by_role("link", name="Verwendungsnachweis").first.click()
    page.set_viewport_size(viewport)
    expect(page.locator("h1")).to_contain_text("Verwendungsnachweis")
    assert_accessible_and_self_contained(page, watcher, "proof-of-use form")


def test_applicant_withdraws_without_javascript(open_page, status_paths):
    page, watcher = open_page(status_paths[S.SUBMITTED], java_script_enabled=False)
    page.get_by_role("button", name="zurückziehen").click()
    expect(page.get_by_role("status")).to_contain_text("Ihr Antrag wurde zurückgezogen.")
    expect(page.locator("main")).to_contain_text("Zurückgezogen")
    watcher.assert_clean()
