"""schema.org Event data for an event page, so search engines show date, place and status."""

from django.utils import timezone

from stadtteilbuero.metadata import absolute_url
from stadtteilbuero.richtext import plain_text

EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}


def event_jsonld(event, occurrence, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": absolute_url(event.get_absolute_url()),
        "eventStatus": EVENT_STATUS[event.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": event.is_free,
        "organizer": {
            "@type": "Organization",
            "name": event.office.name,
            "url": absolute_url(event.office.get_absolute_url()),
        },
    }
    if occurrence is not None:
        if event.all_day:
            data["startDate"] = occurrence.day.isoformat()
            data["endDate"] = occurrence.last_day.isoformat()
        else:
            data["startDate"] = timezone.localtime(occurrence.start).isoformat()
            if event.end:
                data["endDate"] = timezone.localtime(occurrence.end).isoformat()
        if occurrence.cancelled:
            data["eventStatus"] = EVENT_STATUS["cancelled"]
    description = event.summary or plain_text(event.description)
    if description:
        data["description"] = description[:500]
    if event.location_name or event.address:
        data["location"] = {
            "@type": "Place",
            "name": event.location_name or event.address,
            "address": event.address or event.location_name,
        }
    if not event.is_free and event.price:
        data["offers"] = {"@type": "Offer", "description": event.price, "url": data["url"]}
    if event.image:
        image = event.rendition_url("large")
        if image:
            data["image"] = absolute_url(image)
    return data
