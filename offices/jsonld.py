"""schema.org data for an office page, so search engines show address and hours.

Only filled values are written (an empty street is left out, not sent as ""), and the
weekly hours come with their dated exceptions and the public holidays of the coming
weeks as specialOpeningHoursSpecification."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from stadtteilbuero.metadata import absolute_url
from stadtteilbuero.richtext import plain_text

from .holidays import office_holidays
from .models import HoursException, Weekday

SCHEMA_DAYS = {day.value: f"https://schema.org/{day.name.title()}" for day in Weekday}
# How far ahead closures and changed hours are announced.
SPECIAL_HOURS_DAYS = 60
CLOSED = {"opens": "00:00", "closes": "00:00"}  # schema.org's way to say "closed all day"


def _filled(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def special_hours(office, exceptions, today):
    """Closures and changed hours from `today` on: the office's own exceptions (those
    that concern all its hours, or its opening hours) and the public holidays."""
    horizon = today + datetime.timedelta(days=SPECIAL_HOURS_DAYS)
    specs = []
    for exception in exceptions:
        if exception.end_date < today or exception.start_date > horizon:
            continue
        if exception.applies_to not in ("", "opening"):
            continue
        closed = exception.kind == HoursException.Kind.CLOSED or not exception.opens
        times = (
            CLOSED
            if closed
            else {
                "opens": exception.opens.strftime("%H:%M"),
                "closes": exception.closes.strftime("%H:%M"),
            }
        )
        specs.append(
            _filled(
                {
                    "@type": "OpeningHoursSpecification",
                    "name": exception.note,
                    "validFrom": exception.start_date.isoformat(),
                    "validThrough": exception.end_date.isoformat(),
                    **times,
                }
            )
        )
    for day, name in office_holidays(office, today, horizon).items():
        if any(e.kind == HoursException.Kind.CHANGED and e.covers(day) for e in exceptions):
            continue  # staff entered hours for that day: they apply (offices.hours)
        specs.append(
            {
                "@type": "OpeningHoursSpecification",
                "name": name,
                "validFrom": day.isoformat(),
                "validThrough": day.isoformat(),
                **CLOSED,
            }
        )
    return sorted(specs, key=lambda spec: spec["validFrom"])


def office_jsonld(office, hours, request, exceptions=(), today=None):
    today = today or timezone.localdate()
    address = _filled(
        {
            "@type": "PostalAddress",
            "streetAddress": office.street,
            "postalCode": office.postal_code,
            "addressLocality": office.locality or office.city,
            "addressRegion": office.get_federal_state_display(),
            "addressCountry": "DE",
        }
    )
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": office.name,
        "url": absolute_url(office.get_absolute_url()),
        "address": address,
        "areaServed": office.district,
        "description": office.summary,
        "telephone": office.phone,
        "email": office.email,
    }
    if office.latitude is not None and office.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(office.latitude),
            "longitude": float(office.longitude),
        }
    if office.image:
        data["image"] = absolute_url(office.rendition_url("large") or "")
    data["openingHoursSpecification"] = [
        {
            "@type": "OpeningHoursSpecification",
            "name": slot.title,
            "dayOfWeek": SCHEMA_DAYS[slot.weekday],
            "opens": slot.opens.strftime("%H:%M"),
            "closes": slot.closes.strftime("%H:%M"),
        }
        for slot in hours
    ]
    if hours:
        data["specialOpeningHoursSpecification"] = special_hours(office, exceptions, today)
    return _filled(data)


def notice_jsonld(notice):
    """schema.org NewsArticle of a news item."""
    author = (
        {
            "@type": "GovernmentOffice",
            "name": notice.office.name,
            "url": absolute_url(notice.office.get_absolute_url()),
        }
        if notice.office
        else {"@type": "Organization", "name": settings.PORTAL_NAME}
    )
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": notice.title[:110],
        "url": absolute_url(notice.get_absolute_url()),
        "mainEntityOfPage": absolute_url(notice.get_absolute_url()),
        "datePublished": timezone.localtime(notice.published_at).isoformat(),
        "dateModified": timezone.localtime(notice.updated_at).isoformat(),
        "author": author,
        "publisher": {
            "@type": "Organization",
            "name": settings.PORTAL_NAME,
            "url": absolute_url(reverse("home")),
        },
        "description": (notice.summary or plain_text(notice.body))[:500],
        "inLanguage": settings.LANGUAGE_CODE,
    }
    if notice.image:
        image = notice.rendition_url("large")
        if image:
            data["image"] = absolute_url(image)
    return _filled(data)
