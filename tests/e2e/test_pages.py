"""Every public page, at desktop and phone width: WCAG 2.1 A/AA (axe-core), no request to
another host, no console or script error, no broken resource, one h1, no sideways scrolling.
"""

import pytest

from tests.e2e.browser import assert_accessible_and_self_contained
from tests.e2e.conftest import DESKTOP, PHONE

# The public pages under test, with the demo data loaded. A new app appends its pages
# here (a list page and one detail page of the demo data are enough).
PAGES = [
    "/",
    "/bueros/",
    "/bueros/wolfsburg-westhagen/",
    "/bueros/?ort=38444",
    "/aktuelles/",
    "/aktuelles/corona-infos-zum-stadtteilbuero/",
    "/impressum/",
    "/suche/?q=Westhagen",
    "/suche/?q=Feste",
    "/suche/?q=Sprechstunde&typ=events",
    "/leichte-sprache/",
    "/en/leichte-sprache/",
    "/en/projekte/nordstadtliga/",
    "/projekte/",
    "/projekte/?thema=nachbarschaft&status=unbekannt",
    "/projekte/nord-pol/",
    "/projekte/stadtteilmanagement-oberilp-nonnenbruch/",
    "/veranstaltungen/",
    "/veranstaltungen/?kostenlos=1&wann=unsinn",
    "/veranstaltungen/kalender/",
    "/veranstaltungen/buergersprechstunde-westhagen/",
    "/veranstaltungen/nordstadtliga-hallenturnier/",
    "/verfuegungsfonds/",
    "/verfuegungsfonds/hildesheim-nordstadt/",
    "/verfuegungsfonds/heiligenhaus-oberilp/",
    "/verfuegungsfonds/hildesheim-nordstadt/antrag/",
]

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
@pytest.mark.parametrize("path", PAGES, ids=PAGES)
def test_page_is_accessible_and_self_contained(open_page, path, viewport):
    page, watcher = open_page(path, viewport)
    assert_accessible_and_self_contained(page, watcher, f"{path} at {viewport['width']}px")


def test_site_icon_is_served(open_page):
    """Browsers ask for the icon on their own; a 404 there is a console error on every
    first visit."""
    page, _watcher = open_page("/")
    icon = page.evaluate(
        "document.querySelector('link[rel~=icon]')?.href ?? new URL('/favicon.ico', location).href"
    )
    if icon.startswith("data:"):
        return  # an inline icon needs no request
    response = page.request.get(icon)
    assert response.ok, f"The site icon {icon} answers {response.status}"
