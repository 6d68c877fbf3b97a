from django.conf import settings
from django.conf.locale import LANG_INFO
from django.templatetags.static import static
from django.utils.translation import get_language

from .links import public_url, translated_path
from .navigation import MAIN_NAVIGATION


def portal_logo():
    """URL of the header logo: PORTAL_LOGO as a static file, or as it is if it is a path
    on this site (/media/...); never another host (no third-party requests)."""
    logo = settings.PORTAL_LOGO
    if logo.startswith("/") and not logo.startswith("//"):
        return logo
    return static(logo)


def portal(request):
    """Portal name, main navigation and this page in each language (no queries)."""
    current = get_language()
    path = request.get_full_path()
    languages = [
        {
            "code": code,
            "name": LANG_INFO[code]["name_local"],
            "url": translated_path(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    navigation = []
    for url_name, label in MAIN_NAVIGATION:
        url = public_url(url_name)
        navigation.append({"url": url, "label": label, "current": request.path.startswith(url)})
    return {
        "portal_name": settings.PORTAL_NAME,
        "portal_logo": portal_logo(),
        "language_links": languages,
        "main_navigation": navigation,
    }
