"""Demo offices drawn from the seed documents: the facts they give (addresses, phone
numbers, e-mail, carriers, work areas, history), descriptions in our own words, invented
staff names. Where a document gives no hours, the demo hours are illustrative.
"""

import datetime

from django.utils import timezone

from stadtteilbuero.demo import illustration

from .models import HoursException, HoursKind, Notice, Office, OfficeHours, TeamMember, WorkArea

T = datetime.time

OFFICES = [
    {
        "slug": "hildesheim-nordstadt",
        "code": "NORD",
        "name": "Stadtteilbüro Nordstadt",
        "kind": Office.Kind.STADTTEILBUERO,
        "city": "Hildesheim",
        "district": "Nordstadt",
        "summary": (
            "Anlaufstelle für alle in der Hildesheimer Nordstadt: Gemeinwesenarbeit, "
            "Prävention nach CTC und Quartiersmanagement unter einem Dach."
        ),
        "description": (
            "Das Stadtteilbüro hilft Nordstädter:innen, selbst etwas für ihren Stadtteil "
            "zu bewegen. Es bringt Einrichtungen, Initiativen und Nachbar:innen zusammen "
            "und begleitet Ehren- und Hauptamtliche bei ihren Vorhaben.\n\n"
            "Sie haben eine Idee für die Nachbarschaft und brauchen Geld dafür? Das Büro "
            "berät Sie gern beim Antrag an den **Verfügungsfonds**."
        ),
        "history": "Das Stadtteilbüro Nordstadt wird von der Lebenshilfe Hildesheim getragen.",
        "carrier": "Lebenshilfe Hildesheim",
        "street": "Hochkamp 25",
        "postal_code": "31137",
        "locality": "Hildesheim",
        "phone": "05121 / 281 63 11",
        "email": "stadtteilbuero.nord@lhhi.de",
        "work_areas": [
            (
                "Gemeinwesenarbeit",
                "Wir unterstützen Bewohner:innen, Initiativen und Vereine dabei, gemeinsam "
                "Projekte für die Nordstadt zu entwickeln, zum Beispiel **Nord.Pol** mit der "
                "Kulturfabrik Löseke, „Ins Licht gerückt“ oder den Nordstadtstrand.",
            ),
            (
                "Prävention (CTC)",
                "Mit der Strategie *Communities That Care* arbeiten wir langfristig an den "
                "Risiko- und Schutzfaktoren, die eine Befragung von Schüler:innen gezeigt "
                "hat. Grundlage ist ein Gebietsprofil mit einem gezielten Aktionsplan.",
            ),
            (
                "Sozialplanerisches Quartiersmanagement",
                "Im Programm „Sozialer Zusammenhalt“ der Städtebauförderung verbinden wir "
                "Bauvorhaben mit Beteiligung, Teilhabe und besserer sozialer Infrastruktur.",
            ),
        ],
        "hours": [
            (HoursKind.OPENING, "", 0, T(9), T(13)),
            (HoursKind.OPENING, "", 1, T(9), T(13)),
            (HoursKind.OPENING, "", 2, T(13), T(17)),
            (HoursKind.OPENING, "", 3, T(9), T(13)),
            (HoursKind.CONSULTATION, "", 3, T(15), T(17)),
        ],
        "team": [
            ("Jana Wiegand", "Gemeinwesenarbeit"),
            ("Serkan Aydın", "Prävention / CTC-Koordination"),
            ("Friederike Holm", "Quartiersmanagement"),
        ],
    },
    *[
        {
            "slug": f"hannover-{slug}",
            "code": code,
            "name": f"Quartiersmanagement {name}",
            "kind": Office.Kind.QUARTIERSMANAGEMENT,
            "city": "Hannover",
            "district": name,
            "summary": (
                f"Ansprechpartner vor Ort in {name} für das Programm „Soziale Stadt“: "
                "Beteiligung, Vernetzung und Projekte im Stadtteil."
            ),
            "description": (
                "Die Landeshauptstadt Hannover hat das Quartiersmanagement als "
                "Ansprechpartner für Bewohnerinnen und Bewohner eingerichtet. Es "
                "koordiniert das Programm im Stadtteil, organisiert Beteiligung, "
                "stärkt die Zusammenarbeit von Einrichtungen, Vereinen, Initiativen, "
                "Politik und Wirtschaft, stößt Projekte an und moderiert die "
                "Entwicklung des Stadtteils.\n\n"
                "Sie haben Fragen, Anregungen oder möchten sich ehrenamtlich engagieren? "
                "Rufen Sie uns an."
            ),
            "history": (
                "Einige Stadtteile Hannovers sind seit 1999 Teil des Bund-Länder-Programms "
                "„Soziale Stadt“. Das Programm ist für jeden Stadtteil befristet."
            ),
            "carrier": "Landeshauptstadt Hannover",
            "locality": "Hannover",
            "phone": f"0511 {phone}",
            "work_areas": [
                ("Beteiligung und Aktivierung", "Bewohner:innen planen und gestalten mit."),
                ("Vernetzung", "Einrichtungen, Vereine und Initiativen arbeiten zusammen."),
                ("Projekte", "Wir stoßen Projekte an und sind für sie verantwortlich."),
            ],
            "hours": [
                (HoursKind.OPENING, "", 1, T(10), T(13)),
                (HoursKind.OPENING, "", 3, T(14), T(17)),
            ],
            "team": [(staff, "Quartiersmanagement")],
        }
        for slug, code, name, phone, staff in [
            ("hainholz", "HAIN", "Hainholz", "600 96632", "Lea Brinkmann"),
            ("sahlkamp-mitte", "SAHL", "Sahlkamp-Mitte", "606 98802", "Tobias Renner"),
            ("stoecken", "STOE", "Stöcken", "279 2550", "Mirela Kovač"),
            ("muehlenberg", "MUEH", "Mühlenberg", "168 35355", "Jonas Albrecht"),
        ]
    ],
    {
        "slug": "heiligenhaus-oberilp",
        "code": "OBER",
        "name": "Stadtteilbüro Oberilp",
        "kind": Office.Kind.STADTTEILBUERO,
        "city": "Heiligenhaus",
        "federal_state": "NW",
        "district": "Oberilp",
        "summary": (
            "Zentrale Anlaufstelle in der Oberilp, im neuen Stadtteil- und Familienzentrum: "
            "Sozialberatung, Veranstaltungen und Aktionen im Stadtteil."
        ),
        "description": (
            "Das Stadtteilbüro der Stadt Heiligenhaus (Jugendamt) begleitet die Oberilp "
            "bei sozialen Aktivitäten, kleinen Veranstaltungen und Aktionen. Mit der "
            "Sozialberatung ist es erste Anlaufstelle für Fragen des Alltags.\n\n"
            "Für die Umsetzung des Integrierten Stadtentwicklungskonzepts (ISEK) kommt ein "
            "Stadtteilmanagement hinzu, das eng mit den Stadtteilbüros zusammenarbeitet."
        ),
        "history": (
            "Das Stadtteilbüro ist vor kurzem in das neue Stadtteil- und Familienzentrum umgezogen."
        ),
        "carrier": "Stadt Heiligenhaus, Jugendamt",
        "programme": "Sozialer Zusammenhalt (ISEK Oberilp / Nonnenbruch)",
        "locality": "Heiligenhaus",
        "work_areas": [
            ("Sozialberatung", "Beratung zu Fragen des Alltags, zu Ämtern und Anträgen."),
            ("Stadtteilarbeit", "Veranstaltungen und Aktionen mit den Menschen vor Ort."),
        ],
        "hours": [
            (HoursKind.COUNSELLING, "", 0, T(9), T(12)),
            (HoursKind.COUNSELLING, "", 2, T(14), T(17)),
        ],
        "team": [("Annika Lorenz", "Sozialberatung"), ("Mehmet Yılmaz", "Stadtteilarbeit")],
    },
    {
        "slug": "heiligenhaus-nonnenbruch",
        "code": "NONN",
        "name": "Stadtteilbüro Nonnenbruch",
        "kind": Office.Kind.STADTTEILBUERO,
        "city": "Heiligenhaus",
        "federal_state": "NW",
        "district": "Nonnenbruch",
        "summary": "Das Stadtteilbüro an der Stettiner Straße: Sozialberatung und Treffpunkt.",
        "description": (
            "Im Nonnenbruch ist an der Stettiner Straße ein Stadtteilbüro etabliert. Es "
            "bietet Sozialberatung und ist zentrale Anlaufstelle im Stadtteil."
        ),
        "carrier": "Stadt Heiligenhaus",
        "programme": "Sozialer Zusammenhalt (ISEK Oberilp / Nonnenbruch)",
        "street": "Stettiner Straße",
        "locality": "Heiligenhaus",
        "work_areas": [("Sozialberatung", "Beratung und Hilfe bei Anträgen.")],
        "hours": [(HoursKind.COUNSELLING, "", 1, T(9), T(12))],
        "team": [("Katrin Vogt", "Sozialberatung")],
    },
    {
        "slug": "wolfsburg-westhagen",
        "code": "WEST",
        "name": "Stadtteilbüro Westhagen",
        "kind": Office.Kind.STADTTEILMANAGEMENT,
        "city": "Wolfsburg",
        "district": "Westhagen",
        "summary": (
            "Stadtteilmanagement und Stadtteilarbeit in Westhagen: Beratung, Feste, "
            "Rundgänge und ein starkes Netzwerk im Stadtteil."
        ),
        "description": (
            "Das Stadtteilbüro betreut und koordiniert das Stadtteilmanagement und die "
            "Stadtteilarbeit in Westhagen. Es bringt Verwaltung, Politik, Wirtschaft, "
            "Einrichtungen, Vereine und Bewohner:innen zusammen: von der fachlichen "
            "Beratung über Feste und Stadtteilrundgänge bis zur schnellen Hilfe bei "
            "Fragen aus der Nachbarschaft.\n\n"
            "Ziel ist ein tragfähiges Stadtteilnetzwerk, das auch nach dem Förderprogramm "
            "für Westhagen wirkt."
        ),
        "history": (
            "Im Jahr 2003 übernahm eine Arbeitsgemeinschaft der Büros raumscript (Berlin) "
            "und Junker + Kruse, Stadtforschung Planung (Dortmund) das Stadtteilmanagement "
            "in Westhagen. Seit Mitte 2017 führt raumscript das Stadtteilbüro."
        ),
        "carrier": "raumscript, Berlin",
        "programme": "Soziale Stadt",
        "street": "Hallesche Straße 30",
        "postal_code": "38444",
        "locality": "Wolfsburg",
        "directions": "Neben dem Friseur Voss, gegenüber dem Blumenstübchen Westhagen.",
        "phone": "05361 / 779 559",
        "email": "info@westhagen.net",
        "answering_machine_note": (
            "Außerhalb der Öffnungszeiten hinterlassen Sie bitte eine Nachricht auf dem "
            "Anrufbeantworter oder schreiben Sie uns eine E-Mail."
        ),
        "hours_note": "In den Ferien findet die Bürgersprechstunde zu geänderten Terminen statt.",
        "work_areas": [
            ("Stadtteilmanagement", "Maßnahmen und Projekte mit der Stadt Wolfsburg steuern."),
            ("Stadtteilarbeit", "Feste, Aktionen und Rundgänge mit den Westhagener:innen."),
            (
                "Bürgerschaftliches Engagement",
                "Eigenständige Strukturen der Bewohnerschaft aufbauen und stärken.",
            ),
        ],
        "hours": [
            (HoursKind.CONSULTATION, "", 1, T(10), T(12)),
            (HoursKind.CONSULTATION, "", 3, T(15), T(18)),
        ],
        "team": [
            ("Henrike Sommer", "Stadtteilmanagement"),
            ("Paul Andersen", "Stadtteilarbeit"),
            ("Luisa Ortega", "Beteiligung und Öffentlichkeitsarbeit"),
        ],
    },
    {
        "slug": "dortmund-nordstadt",
        "code": "DONO",
        "name": "Quartiersmanagement Nordstadt",
        "kind": Office.Kind.QUARTIERSMANAGEMENT,
        "city": "Dortmund",
        "federal_state": "NW",
        "district": "Nordstadt",
        "summary": (
            "Interkulturelle Projekte, Stadtteilkonferenzen und Konfliktprävention in der "
            "Dortmunder Nordstadt, ausgezeichnet im Wettbewerb „Soziale Stadt 2016“."
        ),
        "description": (
            "Die Nordstadt ist ein lebendiger und kulturell vielfältiger Stadtteil. Das "
            "Quartiersmanagement fördert interkulturelle Projekte wie die Nordstadtliga, "
            "Street-Art-Aktionen und Schreibwerkstätten.\n\n"
            "Regelmäßige Stadtteilkonferenzen, Beteiligung und offene Kommunikation stärken "
            "den Zusammenhalt. Mit Polizei, Sozialarbeit und Zivilgesellschaft setzt das "
            "Quartiersmanagement auf Konfliktprävention und Sicherheit."
        ),
        "history": (
            "Für diesen Ansatz erhielt das Quartiersmanagement Dortmund Nordstadt im "
            "Wettbewerb „Soziale Stadt 2016“ einen bundesweiten Preis."
        ),
        "carrier": "Stadt Dortmund",
        "locality": "Dortmund",
        "work_areas": [
            ("Interkulturelle Projekte", "Nordstadtliga, Street Art und Schreibwerkstätten."),
            ("Beteiligung", "Stadtteilkonferenzen und offene Kommunikation."),
            ("Konfliktprävention", "Mit Polizei, Sozialarbeit und Zivilgesellschaft."),
        ],
        "hours": [
            (HoursKind.OPENING, "", 0, T(10), T(16)),
            (HoursKind.OPENING, "", 2, T(10), T(16)),
            (HoursKind.OPENING, "", 4, T(10), T(13)),
        ],
        "team": [("Dilara Şahin", "Quartiersmanagement"), ("Niklas Brandt", "Projekte")],
    },
]


# The drawn picture of each office and of some notices (stadtteilbuero/illustrations).
OFFICE_PICTURES = {
    "hildesheim-nordstadt": "buero-gruen",
    "hannover-hainholz": "buero-terrakotta",
    "hannover-sahlkamp-mitte": "buero-gruen",
    "hannover-stoecken": "buero-terrakotta",
    "hannover-muehlenberg": "buero-gruen",
    "heiligenhaus-oberilp": "familienzentrum",
    "heiligenhaus-nonnenbruch": "buero-terrakotta",
    "wolfsburg-westhagen": "buero-gruen",
    "dortmund-nordstadt": "buero-terrakotta",
}
NOTICE_PICTURES = {
    "willkommen-im-stadtteilportal": "strasse",
    "verfuegungsfonds-beratung-nordstadt": "beete",
    "danke-westhagen": "stadtteilfest",
}
# No photos of the (invented) team: the page shows the neutral figure, as it does for
# every real team member without a photo.
NO_PHOTO = {"image": "", "image_alt": "", "image_credit": "", "image_licence": ""}


def _replace(manager, office, rows, build):
    """Demo rows of an office are replaced as a whole: idempotent and simple."""
    manager.filter(office=office).delete()
    manager.bulk_create([build(index, row) for index, row in enumerate(rows)])


def load():
    for data in OFFICES:
        data = dict(data)
        work_areas = data.pop("work_areas", [])
        hours = data.pop("hours", [])
        team = data.pop("team", [])
        slug = data.pop("slug")
        data.update(illustration(OFFICE_PICTURES[slug]))
        office, _created = Office.objects.update_or_create(slug=slug, defaults=data)
        _replace(
            WorkArea.objects,
            office,
            work_areas,
            lambda i, row, office=office: WorkArea(
                office=office, title=row[0], description=row[1], order=i
            ),
        )
        _replace(
            OfficeHours.objects,
            office,
            hours,
            lambda i, row, office=office: OfficeHours(
                office=office,
                kind=row[0],
                label=row[1],
                weekday=row[2],
                opens=row[3],
                closes=row[4],
            ),
        )
        for index, (name, role) in enumerate(team):
            TeamMember.objects.update_or_create(
                office=office, name=name, defaults={"role": role, "order": index, **NO_PHOTO}
            )
    _load_exceptions_and_notices()
    return f"{len(OFFICES)} offices"


def _load_exceptions_and_notices():
    today = timezone.localdate()
    westhagen = Office.objects.get(slug="wolfsburg-westhagen")
    nordstadt = Office.objects.get(slug="hildesheim-nordstadt")
    HoursException.objects.filter(office__in=[westhagen, nordstadt]).delete()
    HoursException.objects.create(
        office=westhagen,
        kind=HoursException.Kind.CHANGED,
        start_date=today + datetime.timedelta(days=14),
        end_date=today + datetime.timedelta(days=27),
        applies_to=HoursKind.CONSULTATION,
        opens=T(10),
        closes=T(12),
        note="Schulferien: Bürgersprechstunde nur vormittags",
    )
    HoursException.objects.create(
        office=nordstadt,
        kind=HoursException.Kind.CLOSED,
        start_date=datetime.date(today.year, 12, 24),
        end_date=datetime.date(today.year + 1, 1, 1),
        note="Weihnachten und Neujahr",
    )
    now = timezone.now()
    notices = [
        (
            westhagen,
            "corona-infos-zum-stadtteilbuero",
            "Corona – Infos zum Stadtteilbüro",
            "Wie Sie uns während der Pandemie erreichen. Weitere Informationen unter Aktuelles.",
            "Das Stadtteilbüro ist für Sie da, **telefonisch und per E-Mail**. Bitte "
            "vereinbaren Sie einen Termin, bevor Sie vorbeikommen.\n\n"
            "- Anrufbeantworter: 05361 / 779 559\n- E-Mail: info@westhagen.net",
            now - datetime.timedelta(days=3),
            now + datetime.timedelta(days=60),
        ),
        (
            nordstadt,
            "verfuegungsfonds-beratung-nordstadt",
            "Beratung zum Verfügungsfonds",
            "Sie haben eine Idee für die Nordstadt? Wir helfen beim Antrag.",
            "Ob Nachbarschaftsfest, Hochbeet oder Workshop: Das Stadtteilbüro berät Sie "
            "gern, wie Sie Geld aus dem Verfügungsfonds beantragen.",
            now - datetime.timedelta(days=8),
            None,
        ),
        (
            westhagen,
            "danke-westhagen",
            "Danke, Westhagen!",
            "Ein Rückblick auf viele Jahre Soziale Stadt in Westhagen.",
            "Wir sind stolz, dass wir mit Planungen, Festen, Aktionen und Beteiligung viel "
            "für den Stadtteil erreicht haben. Danke für alle guten Wünsche!",
            now - datetime.timedelta(days=20),
            None,
        ),
        (
            None,
            "willkommen-im-stadtteilportal",
            "Willkommen im Stadtteilportal",
            "Alle Stadtteilbüros, Projekte und Termine an einem Ort.",
            "Hier finden Sie Ihr Stadtteilbüro mit Öffnungszeiten und Team, Projekte, "
            "Veranstaltungen und den Verfügungsfonds für Ihre Ideen.",
            now - datetime.timedelta(days=30),
            None,
        ),
    ]
    for office, slug, title, summary, body, published_at, pinned_until in notices:
        Notice.objects.update_or_create(
            slug=slug,
            defaults={
                "office": office,
                "title": title,
                "summary": summary,
                "body": body,
                "published_at": published_at,
                "pinned_until": pinned_until,
                "is_published": True,
                **(illustration(NOTICE_PICTURES[slug]) if slug in NOTICE_PICTURES else NO_PHOTO),
            },
        )
