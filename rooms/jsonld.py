"""schema.org data for a room page: a MeetingRoom inside its office."""


def room_jsonld(room, request):
    office = room.office
    data = {
        "@context": "https://schema.org",
        "@type": ["Place", "MeetingRoom"],
        "name": room.name,
        "url": request.build_absolute_uri(room.get_absolute_url()),
        "maximumAttendeeCapacity": room.capacity,
        "isAccessibleForFree": room.is_free_of_charge,
        "publicAccess": True,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": office.street,
            "postalCode": office.postal_code,
            "addressLocality": office.locality or office.city,
            "addressCountry": "DE",
        },
        "containedInPlace": {
            "@type": "GovernmentOffice",
            "name": office.name,
            "url": request.build_absolute_uri(office.get_absolute_url()),
        },
        "amenityFeature": [
            {"@type": "LocationFeatureSpecification", "name": str(label), "value": True}
            for label in [*room.accessibility_labels, *room.equipment_labels]
        ],
    }
    if room.summary:
        data["description"] = room.summary
    if room.size_sqm:
        data["floorSize"] = {
            "@type": "QuantitativeValue",
            "value": room.size_sqm,
            "unitCode": "MTK",
        }
    if office.latitude is not None and office.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(office.latitude),
            "longitude": float(office.longitude),
        }
    return data
