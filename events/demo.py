"""Demo events drawn from the seed documents (Nordstadtstrand, "Ins Licht gerückt",
Stadtteilkonferenzen, Stadtteilrundgänge, the Bürgersprechstunde in Westhagen, the
Nordstadtliga), placed in the weeks around the day the loader runs. Descriptions are in
our own words; times and places are illustrative where the documents give none.
"""

import datetime

from django.utils import timezone

from offices.models import Office
from projects.models import Project
from stadtteilbuero.demo import set_illustration

from .models import CancelledDate, Category, Event
from .services import event_sync_occurrences

CATEGORIES = [
    ("fest", "Fest"),
    ("stadtteilkonferenz", "Stadtteilkonferenz"),
    ("rundgang", "Rundgang"),
    ("sprechstunde", "Sprechstunde"),
    ("beratung", "Beratung"),
    ("workshop", "Workshop"),
    ("sport", "Sport"),
    ("kultur", "Kultur"),
]


def _at(day, hour, minute=0):
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


def _weekday_on_or_after(day, weekday):
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _first_weekday_of_month(day, weekday):
    return _weekday_on_or_after(day.replace(day=1), weekday)


def _events(today):
    d = datetime.timedelta
    saturday = _weekday_on_or_after(today + d(days=3), 5)
    tuesday_before = _weekday_on_or_after(today - d(days=27), 1)
    first_saturday = _first_weekday_of_month(today, 5)
    return [
        {
            "slug": "nordstadtstrand",
            "office": "hildesheim-nordstadt",
            "category": "fest",
            "title": "Nordstadtstrand",
            "summary": "Sand, Liegestühle und Musik mitten in der Nordstadt: ein Nachmittag "
            "für die ganze Nachbarschaft.",
            "description": "Beim **Nordstadtstrand** wird ein Platz in der Nordstadt für einen "
            "Tag zum Strand. Vereine, Initiativen und Nachbar:innen bieten Spiele für Kinder, "
            "Musik und Essen aus vielen Küchen an.\n\n"
            "Das Stadtteilbüro organisiert das Fest gemeinsam mit vielen Engagierten. "
            "Sie möchten mitmachen oder einen Stand anbieten? Melden Sie sich im Stadtteilbüro.",
            "start": _at(saturday, 14),
            "end": _at(saturday, 20),
            "location_name": "Platz vor dem Stadtteilbüro Nordstadt",
            "address": "Hochkamp 25, 31137 Hildesheim",
            "accessibility": "Ebenerdiger Platz, barrierefreie Toilette im Stadtteilbüro.",
            "languages": "Deutsch, Türkisch, Arabisch",
            "picture": "strand",
        },
        {
            "slug": "ins-licht-gerueckt",
            "office": "hildesheim-nordstadt",
            "category": "kultur",
            "title": "Ins Licht gerückt",
            "summary": "Ein Abend, an dem Orte und Menschen der Nordstadt mit Licht in Szene "
            "gesetzt werden.",
            "description": "Bei „Ins Licht gerückt“ beleuchten Künstler:innen und Bewohner:innen "
            "Gebäude, Höfe und Ecken der Nordstadt, die sonst kaum jemand beachtet. Ein "
            "Spaziergang führt von Station zu Station.\n\n"
            "Bitte denken Sie an warme Kleidung.",
            "start": _at(today + d(days=17), 19),
            "end": _at(today + d(days=17), 22),
            "location_name": "Treffpunkt: Stadtteilbüro Nordstadt",
            "address": "Hochkamp 25, 31137 Hildesheim",
            "picture": "lichtkunst",
        },
        {
            "slug": "stadtteilkonferenz-dortmund-nordstadt",
            "picture": "saal",
            "office": "dortmund-nordstadt",
            "category": "stadtteilkonferenz",
            "title": "Stadtteilkonferenz Nordstadt",
            "summary": "Bewohner:innen, Einrichtungen, Polizei und Politik sprechen über das, "
            "was die Nordstadt gerade bewegt.",
            "description": "Die Stadtteilkonferenz ist offen für alle, die in der Nordstadt "
            "leben oder arbeiten. Auf der Tagesordnung stehen Sicherheit und Sauberkeit, "
            "neue Projekte und Ihre Fragen.\n\n"
            "Eine Übersetzung ins Türkische und Bulgarische ist möglich, bitte geben Sie "
            "bei der Anmeldung Bescheid.",
            "start": _at(today + d(days=5), 18),
            "end": _at(today + d(days=5), 20, 30),
            "location_name": "Nachbarschaftszentrum",
            "address": "Nordstadt, 44145 Dortmund",
            "registration": Event.Registration.REQUIRED,
            "registration_info": "Bitte bis zwei Tage vorher beim Quartiersmanagement, "
            "telefonisch oder persönlich.",
            "accessibility": "Barrierefreier Zugang über den Seiteneingang.",
            "languages": "Deutsch, Türkisch, Bulgarisch",
        },
        {
            "slug": "stadtteilkonferenz-dortmund-nordstadt-rueckblick",
            "picture": "pinnwand",
            "office": "dortmund-nordstadt",
            "category": "stadtteilkonferenz",
            "title": "Stadtteilkonferenz Nordstadt: Spielplätze und Plätze",
            "summary": "Die letzte Stadtteilkonferenz ging um die Spielplätze und Plätze im "
            "Quartier.",
            "description": "Vorgestellt wurden Pläne für zwei Spielplätze; viele Anregungen "
            "der Anwohner:innen fließen in die Planung ein.",
            "start": _at(today - d(days=10), 18),
            "end": _at(today - d(days=10), 20),
            "location_name": "Nachbarschaftszentrum",
            "address": "Nordstadt, 44145 Dortmund",
        },
        {
            "slug": "stadtteilrundgang-westhagen",
            "picture": "rundgang",
            "office": "wolfsburg-westhagen",
            "category": "rundgang",
            "title": "Stadtteilrundgang durch Westhagen",
            "summary": "Unterwegs mit dem Stadtteilbüro: Was hat sich in Westhagen verändert, "
            "was ist geplant?",
            "description": "Der Rundgang führt zu neuen Spielflächen, umgebauten Wegen und "
            "Orten, an denen noch etwas passieren soll. Unterwegs können Sie Fragen stellen "
            "und Ideen loswerden.\n\nDauer etwa zwei Stunden, Strecke rund zwei Kilometer.",
            "start": _at(today + d(days=12), 15),
            "end": _at(today + d(days=12), 17),
            "location_name": "Treffpunkt: Stadtteilbüro Westhagen",
            "address": "Hallesche Straße 30, 38444 Wolfsburg",
            "registration": Event.Registration.REQUIRED,
            "registration_info": "Telefonisch unter 05361 / 779 559 oder per E-Mail an "
            "info@westhagen.net.",
            "accessibility": "Die Strecke ist stufenlos und für Rollstühle geeignet.",
        },
        {
            "slug": "buergersprechstunde-westhagen",
            "picture": "beratung",
            "office": "wolfsburg-westhagen",
            "category": "sprechstunde",
            "title": "Bürgersprechstunde im Stadtteilbüro Westhagen",
            "summary": "Jeden Dienstag: Fragen, Anregungen und Beschwerden rund um Westhagen.",
            "description": "In der Bürgersprechstunde nimmt sich das Team Zeit für Ihre "
            "Anliegen: vom kaputten Spielgerät bis zur Idee für ein Nachbarschaftsfest. "
            "Ein Termin ist nicht nötig.\n\n"
            "In den Ferien findet die Sprechstunde zu geänderten Zeiten statt.",
            "start": _at(tuesday_before, 10),
            "end": _at(tuesday_before, 12),
            "recurrence": Event.Recurrence.WEEKLY,
            "recurrence_weekdays": "1",
            "recurrence_until": today + d(days=120),
            "location_name": "Stadtteilbüro Westhagen",
            "address": "Hallesche Straße 30, 38444 Wolfsburg",
            "accessibility": "Ebenerdiger Eingang.",
            "cancelled": [(_weekday_on_or_after(today + d(days=28), 1), "Teamfortbildung")],
        },
        {
            "slug": "nordstadtliga-spieltag",
            "picture": "bolzplatz",
            "office": "dortmund-nordstadt",
            "category": "sport",
            "title": "Nordstadtliga: Spieltag",
            "summary": "Straßenfußball für Jugendliche: Teams aus der ganzen Nordstadt "
            "spielen gegeneinander, Fairness zählt mit.",
            "description": "In der **Nordstadtliga** treten Jugendteams aus der Nordstadt "
            "gegeneinander an. Gespielt wird ohne Schiedsrichter: Die Teams klären strittige "
            "Szenen selbst, Fair-Play-Punkte zählen für die Tabelle.\n\n"
            "Zuschauer:innen sind herzlich willkommen.",
            "start": _at(first_saturday, 14),
            "end": _at(first_saturday, 18),
            "recurrence": Event.Recurrence.MONTHLY,
            "recurrence_week": Event.WeekOfMonth.FIRST,
            "recurrence_until": today + d(days=180),
            "location_name": "Bolzplatz Nordmarkt",
            "address": "Nordmarkt, 44145 Dortmund",
            "languages": "Deutsch, Türkisch, Rumänisch, Arabisch",
        },
        {
            "slug": "nordstadtliga-hallenturnier",
            "office": "dortmund-nordstadt",
            "category": "sport",
            "title": "Nordstadtliga: Hallenturnier",
            "summary": "Das Hallenturnier der Nordstadtliga.",
            "description": "Die besten Teams der Saison spielen in der Halle um den Pokal.",
            "start": _at(today + d(days=8), 10),
            "end": _at(today + d(days=8), 16),
            "location_name": "Sporthalle Nordstadt",
            "address": "Nordstadt, 44145 Dortmund",
            "status": Event.Status.CANCELLED,
            "status_note": "Die Halle wird saniert. Das Turnier wird im nächsten Jahr nachgeholt.",
        },
        {
            "slug": "schreibwerkstatt-nordstadt",
            "picture": "bibliothek",
            "office": "dortmund-nordstadt",
            "category": "workshop",
            "title": "Schreibwerkstatt: Geschichten aus der Nordstadt",
            "summary": "An drei Nachmittagen schreiben Sie Ihre eigene Geschichte über die "
            "Nordstadt.",
            "description": "Eine Autorin begleitet die Werkstatt. Vorkenntnisse sind nicht "
            "nötig; die Texte erscheinen am Ende in einem kleinen Heft.",
            "start": _at(today + d(days=2), 16),
            "end": _at(today + d(days=2), 18),
            "location_name": "Stadtteilbibliothek",
            "address": "Nordstadt, 44145 Dortmund",
            "is_free": False,
            "price": "3 € pro Nachmittag, ermäßigt kostenlos",
            "registration": Event.Registration.REQUIRED,
            "registration_info": "Beim Quartiersmanagement, höchstens 12 Plätze.",
        },
        {
            "slug": "familienfruehstueck-oberilp",
            "picture": "cafe",
            "office": "heiligenhaus-oberilp",
            "category": "beratung",
            "title": "Familienfrühstück mit Sozialberatung",
            "summary": "Gemeinsam frühstücken und nebenbei Fragen zu Anträgen und Ämtern klären.",
            "description": "Im Stadtteil- und Familienzentrum gibt es jeden ersten Mittwoch "
            "im Monat ein Frühstück für Familien. Die Sozialberatung ist dabei.",
            "start": _at(_first_weekday_of_month(today, 2), 9),
            "end": _at(_first_weekday_of_month(today, 2), 11),
            "recurrence": Event.Recurrence.MONTHLY,
            "recurrence_week": Event.WeekOfMonth.FIRST,
            "recurrence_until": today + d(days=150),
            "location_name": "Stadtteil- und Familienzentrum Oberilp",
            "address": "Oberilp, 42579 Heiligenhaus",
            "is_free": False,
            "price": "2 € für Erwachsene, Kinder frei",
        },
        {
            "slug": "stadtteilspaziergang-sahlkamp",
            "picture": "strasse",
            "office": "hannover-sahlkamp-mitte",
            "category": "rundgang",
            "title": "Stadtteilspaziergang Sahlkamp",
            "summary": "Wo soll es grüner werden? Ein Spaziergang mit dem Quartiersmanagement.",
            "description": "Wir sammeln unterwegs Ihre Ideen für mehr Grün im Sahlkamp.",
            "start": _at(today + d(days=20), 16),
            "end": _at(today + d(days=20), 18),
            "location_name": "Treffpunkt am Einkaufszentrum",
            "address": "Sahlkamp, 30179 Hannover",
            "status": Event.Status.POSTPONED,
            "status_note": "Ein neuer Termin wird hier bekannt gegeben.",
        },
        {
            "slug": "stadtteilfest-hainholz",
            "picture": "stadtteilfest",
            "office": "hannover-hainholz",
            "category": "fest",
            "title": "Stadtteilfest Hainholz",
            "summary": "Zwei Tage Musik, Essen und Mitmachaktionen für alle in Hainholz.",
            "description": "Das Fest wird von Vereinen und Einrichtungen aus Hainholz gestaltet.",
            "start": _at(saturday + d(days=14), 0),
            "end": _at(saturday + d(days=15), 0),
            "all_day": True,
            "location_name": "Hainholzer Markt",
            "address": "Hainholz, 30165 Hannover",
        },
    ]


# Events that belong to a demo project (projects.demo loads first).
EVENT_PROJECTS = {
    "nordstadtstrand": "nordstadtstrand",
    "ins-licht-gerueckt": "ins-licht-gerueckt",
    "nordstadtliga-spieltag": "nordstadtliga",
    "nordstadtliga-hallenturnier": "nordstadtliga",
    "schreibwerkstatt-nordstadt": "nordstadt-schreibwerkstatt",
}


def load():
    categories = {}
    for order, (slug, name) in enumerate(CATEGORIES):
        categories[slug], _created = Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )
    offices = {office.slug: office for office in Office.objects.all()}
    projects = Project.objects.in_bulk(set(EVENT_PROJECTS.values()), field_name="slug")
    today = timezone.localdate()
    for data in _events(today):
        data = dict(data)
        cancelled = data.pop("cancelled", [])
        picture = data.pop("picture", None)
        data["office"] = offices[data["office"]]
        data["category"] = categories[data["category"]]
        data["project"] = projects.get(EVENT_PROJECTS.get(data["slug"]))
        event, _created = Event.objects.get_or_create(slug=data.pop("slug"), defaults=data)
        for name, value in data.items():
            setattr(event, name, value)
        if picture:
            set_illustration(event, picture)
        event.full_clean()
        event.save()
        event.cancelled_dates.all().delete()
        CancelledDate.objects.bulk_create(
            [CancelledDate(event=event, date=day, note=note) for day, note in cancelled]
        )
        event_sync_occurrences(event=event)
    return f"{Event.objects.count()} events"
