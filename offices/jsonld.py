"""schema.org data for an office page, so search engines show address and hours."""

from .models import Weekday

SCHEMA_DAYS = {day.value: f"https://schema.org/{day.name.title()}" for day in Weekday}


def office_jsonld(office, hours, request):
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": office.name,
        "url": request.build_absolute_uri(office.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": office.street,
            "postalCode": office.postal_code,
            "addressLocality": office.locality or office.city,
            "addressCountry": "DE",
        },
    }
    if office.summary:
        data["description"] = office.summary
    if office.phone:
        data["telephone"] = office.phone
    if office.email:
        data["email"] = office.email
    if office.latitude is not None and office.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(office.latitude),
            "longitude": float(office.longitude),
        }
    if hours:
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
    return data
