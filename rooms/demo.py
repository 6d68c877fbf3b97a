"""Demo rooms of four offices, with a weekly language café, a self-help group and
requests in every state. Requests go through the same services as real ones.
Idempotent: rooms are found by slug, requests by room and purpose."""

import datetime

from django.utils import timezone

from offices.models import Office
from stadtteilbuero.demo import illustration

from . import services
from .availability import aware
from .models import BookingRequest, Room, RoomClosure, RoomHours

HOUSE_RULES = (
    "Bitte hinterlassen Sie den Raum so, wie Sie ihn vorgefunden haben: Tische und Stühle "
    "zurückstellen, Geschirr spülen, Müll trennen und mitnehmen.\n\n"
    "Im ganzen Haus wird nicht geraucht. Ab 22 Uhr ist Ruhe im Haus.\n\n"
    "Die Nutzung ist kostenlos, aber nicht für kommerzielle Zwecke (kein Verkauf, keine "
    "bezahlten Kurse)."
)

WEEKDAYS = [0, 1, 2, 3, 4]

# The drawn picture of each room (stadtteilbuero/illustrations).
ROOM_PICTURES = {
    "nordstadt-besprechungsraum": "pinnwand",
    "oberilp-saal": "saal",
    "oberilp-kuechenraum": "cafe",
    "westhagen-gruppenraum": "beratung",
}

ROOMS = [
    {
        "office": "hildesheim-nordstadt",
        "slug": "nordstadt-besprechungsraum",
        "name": "Besprechungsraum im Stadtteilbüro",
        "summary": "Heller Raum im Erdgeschoss für Gruppen bis 14 Personen, mit Teeküche.",
        "location": "Erdgeschoss, Eingang vom Hof",
        "capacity": 14,
        "size_sqm": 35,
        "step_free": True,
        "accessible_toilet": True,
        "has_kitchen": True,
        "has_wifi": True,
        "key_handover": "Den Schlüssel holen Sie am Tag vorher zu den Öffnungszeiten ab.",
        "hours": [(day, datetime.time(9), datetime.time(21)) for day in WEEKDAYS],
    },
    {
        "office": "heiligenhaus-oberilp",
        "slug": "oberilp-saal",
        "name": "Saal im Stadtteil- und Familienzentrum",
        "summary": "Der große Saal für Feste, Versammlungen und Sport, mit Küche und Beamer.",
        "location": "Erdgeschoss, barrierefreier Zugang über die Rampe",
        "capacity": 80,
        "size_sqm": 140,
        "step_free": True,
        "accessible_toilet": True,
        "hearing_loop": True,
        "has_kitchen": True,
        "has_projector": True,
        "has_wifi": True,
        "max_hours": 8,
        "lead_days": 7,
        "price": 25,
        "price_note": "Für Initiativen aus dem Stadtteil kostenlos.",
        "hours": [(day, datetime.time(10), datetime.time(22)) for day in WEEKDAYS]
        + [(5, datetime.time(10), datetime.time(20))],
    },
    {
        "office": "heiligenhaus-oberilp",
        "slug": "oberilp-kuechenraum",
        "name": "Küchenraum",
        "summary": "Gemeinschaftsküche für Kochgruppen und das Sprachcafé.",
        "location": "1. Obergeschoss, kein Aufzug",
        "capacity": 12,
        "size_sqm": 30,
        "has_kitchen": True,
        "hours": [(day, datetime.time(9), datetime.time(18)) for day in WEEKDAYS],
    },
    {
        "office": "wolfsburg-westhagen",
        "slug": "westhagen-gruppenraum",
        "name": "Gruppenraum im Stadtteilbüro Westhagen",
        "summary": "Ruhiger Raum für Selbsthilfegruppen, Beratung und kleine Treffen.",
        "location": "Erdgeschoss",
        "capacity": 10,
        "size_sqm": 25,
        "step_free": True,
        "has_wifi": True,
        "hours": [(day, datetime.time(14), datetime.time(21)) for day in WEEKDAYS],
    },
]


def next_weekday(today, weekday, weeks_ahead=1):
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks_ahead)


def load_room(data):
    data = dict(data)
    office = Office.objects.get(slug=data.pop("office"))
    hours = data.pop("hours")
    defaults = {"house_rules": HOUSE_RULES, **data, "office": office}
    defaults.update(illustration(ROOM_PICTURES[data["slug"]]))
    room, _created = Room.objects.update_or_create(slug=data["slug"], defaults=defaults)
    if not room.hours.exists():
        RoomHours.objects.bulk_create(
            RoomHours(room=room, weekday=day, opens=opens, closes=closes)
            for day, opens, closes in hours
        )
    return room


def request(room, purpose, *, day, start, end, name, people, organisation="", weeks=0):
    """A request found by room and purpose, or a new one through the service."""
    existing = BookingRequest.objects.filter(room=room, purpose=purpose).first()
    if existing:
        return existing, False
    booking_request = BookingRequest(
        room=room,
        purpose=purpose,
        start=aware(day, start),
        end=aware(day, end),
        repeat_until=day + datetime.timedelta(weeks=weeks) if weeks else None,
        people=people,
        name=name,
        organisation=organisation,
        email=f"{name.split()[0].lower()}@example.org",
        accepted_rules=True,
        accepted_privacy=True,
    )
    return services.request_submit(request=booking_request), True


def load():
    today = timezone.localdate()
    rooms = {data["slug"]: load_room(data) for data in ROOMS}
    nordstadt, saal = rooms["nordstadt-besprechungsraum"], rooms["oberilp-saal"]
    kitchen, westhagen = rooms["oberilp-kuechenraum"], rooms["westhagen-gruppenraum"]
    T = datetime.time

    cafe, new = request(
        kitchen,
        "Sprachcafé: Deutsch üben bei Kaffee und Tee, offen für alle",
        day=next_weekday(today, 1),
        start=T(10),
        end=T(12),
        name="Amina Yılmaz",
        organisation="Sprachcafé Oberilp",
        people=12,
        weeks=20,
    )
    if new:
        services.request_confirm(request=cafe)
    group, new = request(
        westhagen,
        "Treffen der Selbsthilfegruppe",
        day=next_weekday(today, 3),
        start=T(18),
        end=T(20),
        name="Klaus Berger",
        organisation="Selbsthilfegruppe Westhagen",
        people=8,
        weeks=20,
    )
    if new:
        services.request_confirm(request=group)
    booked, new = request(
        nordstadt,
        "Elternabend der Kita-Initiative",
        day=next_weekday(today, 2),
        start=T(17),
        end=T(19),
        name="Maria Schulz",
        people=12,
    )
    if new:
        services.request_confirm(request=booked, message="Der Schlüssel liegt im Büro bereit.")
    request(
        nordstadt,
        "Planungstreffen für das Hoffest",
        day=next_weekday(today, 3, 2),
        start=T(18),
        end=T(20),
        name="Jonas Richter",
        organisation="Nachbarschaftsinitiative Nordstadt",
        people=10,
    )
    proposed, new = request(
        saal,
        "Geburtstagsfeier mit der Familie",
        day=next_weekday(today, 5, 2),
        start=T(12),
        end=T(20),
        name="Fatma Demir",
        people=40,
    )
    if new:
        services.request_propose(
            request=proposed,
            actor=None,
            start=aware(next_weekday(today, 5, 3), T(12)),
            end=aware(next_weekday(today, 5, 3), T(20)),
            message=(
                "Am gewünschten Tag findet das Stadtteilfest statt. Passt Ihnen eine Woche später?"
            ),
        )
    declined, new = request(
        saal,
        "Verkaufsveranstaltung für Haushaltswaren",
        day=next_weekday(today, 4, 2),
        start=T(15),
        end=T(18),
        name="Peter Krause",
        people=30,
    )
    if new:
        services.request_decline(
            request=declined,
            actor=None,
            message="Der Saal ist nur für nicht-kommerzielle Nutzung da.",
        )
    cancelled, new = request(
        westhagen,
        "Spieleabend der Hausgemeinschaft",
        day=next_weekday(today, 1, 2),
        start=T(18),
        end=T(21),
        name="Lena Wagner",
        people=9,
    )
    if new:
        services.request_cancel(request=cancelled)
    closure_start = next_weekday(today, 0, 6)
    RoomClosure.objects.get_or_create(
        room=saal,
        note="Renovierung: neuer Fußboden",
        defaults={
            "start_date": closure_start,
            "end_date": closure_start + datetime.timedelta(days=4),
        },
    )
    return f"{len(rooms)} rooms, {BookingRequest.objects.count()} requests"
