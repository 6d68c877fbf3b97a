"""Demo projects drawn from the seed documents: the projects they name (Nord.Pol, „Ins
Licht gerückt“, Nordstadtstrand, „Sahlkamp blüht“, Nordstadtliga, street art, writing
workshops) and the Heiligenhaus ISEK measure O/N 1 with all its facts (an Oberilp
measure that concerns the Nonnenbruch too). Descriptions are in our own words; where a
document gives no dates, the demo dates are illustrative. Every status follows the period.
Every office gets at least two projects.
"""

import datetime
from decimal import Decimal

from django.db.models import Count

from offices.models import Office
from stadtteilbuero.demo import set_illustration

from .models import GalleryImage, Partner, Project, ProjectPartner, Theme

D = datetime.date
Kind = Project.Kind

THEMES = [
    ("wohnen-und-wohnumfeld", "Wohnen und Wohnumfeld"),
    ("bildung", "Bildung"),
    ("kultur", "Kultur"),
    ("praevention", "Prävention"),
    ("nachbarschaft", "Nachbarschaft"),
    ("jugend", "Jugend"),
    ("beteiligung", "Beteiligung"),
    ("sport-und-bewegung", "Sport und Bewegung"),
]

PARTNERS = {
    "kulturfabrik": ("Kulturfabrik Löseke", ""),
    "lebenshilfe": ("Lebenshilfe Hildesheim", ""),
    "jugendamt-heiligenhaus": ("Stadt Heiligenhaus, Jugendamt", ""),
    "polizei-dortmund": ("Polizei Dortmund, Kontaktbereichsdienst", ""),
}

O_N_1_DESCRIPTION = """\
In der Oberilp und im Nonnenbruch gibt es schon heute feste Anlaufstellen: das \
Stadtteilbüro der Stadt Heiligenhaus im neuen Stadtteil- und Familienzentrum und das \
Stadtteilbüro an der Stettiner Straße. Sie bieten Sozialberatung an und begleiten \
Aktionen und kleinere Veranstaltungen.

Das **Stadtteilmanagement** baut auf diesen Strukturen auf. Es ist vor Ort ansprechbar \
für alles, was die Entwicklung der beiden Stadtteile betrifft, und verbindet \
Bewohner:innen, Gewerbetreibende, Eigentümer:innen und Einrichtungen mit der Verwaltung.

## Aufgaben

- die Maßnahmen des Integrierten Stadtentwicklungskonzepts (ISEK) begleiten
- den Verfügungsfonds und das Hof- und Fassadenprogramm organisieren, zeitweise \
unterstützt von einer Quartiersarchitektin oder einem Quartiersarchitekten
- Eigentümer:innen zu energetischer Sanierung und Barrierefreiheit beraten
- über Projekte und Maßnahmen informieren: Öffentlichkeitsarbeit hat Gewicht
- feste Sprechzeiten vor Ort, in enger Abstimmung mit den Stadtteilbüros

Wie viele Stunden das Stadtteilmanagement arbeitet und was genau es leistet, legt die \
Ausschreibung fest.
"""

PROJECTS = [
    # --- Hildesheim Nordstadt -----------------------------------------------------------
    {
        "office": "hildesheim-nordstadt",
        "slug": "nord-pol",
        "title": "Nord.Pol",
        "summary": (
            "Künstlerische Aktionen, die Nachbar:innen zusammenbringen: ein gemeinsames "
            "Projekt des Stadtteilbüros und der Kulturfabrik Löseke."
        ),
        "description": (
            "Bei **Nord.Pol** wird Kunst zum Treffpunkt. Künstler:innen und Nordstädter:innen "
            "gestalten gemeinsam Aktionen auf Plätzen, in Höfen und Schaufenstern.\n\n"
            "Mitmachen kann jede und jeder, Vorkenntnisse braucht es nicht. Fragen Sie im "
            "Stadtteilbüro nach den nächsten Terminen."
        ),
        "themes": ["kultur", "nachbarschaft"],
        "partners": [("kulturfabrik", "Künstlerische Leitung")],
        "start_date": D(2022, 4, 1),
        "is_featured": True,
        "picture": "kunstaktion",
        "gallery": [
            ("pinnwand", "Ideen sammeln für die nächste Aktion"),
            ("stadtteilfest", "Abschlussfest auf dem Platz"),
        ],
    },
    {
        "office": "hildesheim-nordstadt",
        "slug": "ins-licht-gerueckt",
        "title": "Ins Licht gerückt",
        "summary": (
            "Ein Abend, an dem Orte der Nordstadt mit Licht und Projektionen neu erscheinen – "
            "vom Stadtteilbüro mitorganisiert."
        ),
        "description": (
            "Häuserfassaden, Durchgänge und Bäume werden für einen Abend angestrahlt. "
            "Bewohner:innen zeigen dabei, was ihnen an ihrem Stadtteil wichtig ist."
        ),
        "themes": ["kultur", "wohnen-und-wohnumfeld"],
        "partners": [("kulturfabrik", "Mitveranstalterin")],
        "start_date": D(2023, 11, 1),
        "picture": "lichtkunst",
    },
    {
        "office": "hildesheim-nordstadt",
        "slug": "nordstadtstrand",
        "title": "Nordstadtstrand",
        "title_en": "Nordstadt beach",
        "summary": (
            "Sand, Liegestühle und Programm mitten im Stadtteil: der Nordstadtstrand lädt im "
            "Sommer zum Treffen und Mitmachen ein."
        ),
        "description": (
            "Für ein paar Wochen im Sommer wird eine Fläche in der Nordstadt zum Strand. "
            "Vereine und Nachbar:innen gestalten das Programm."
        ),
        "themes": ["nachbarschaft", "jugend"],
        "partners": [("lebenshilfe", "Trägerin des Stadtteilbüros")],
        "start_date": D(2026, 7, 1),
        "end_date": D(2026, 8, 31),
        "picture": "strand",
    },
    # --- Hannover -------------------------------------------------------------------------
    {
        "office": "hannover-sahlkamp-mitte",
        "slug": "sahlkamp-blueht",
        "title": "Sahlkamp blüht",
        "summary": (
            "Ein Projekt für mehr Wohnzufriedenheit: Bewohner:innen bepflanzen gemeinsam "
            "Beete und Grünflächen im Sahlkamp."
        ),
        "description": (
            "Bei **Sahlkamp blüht** kümmern sich Nachbar:innen jeden Alters um Beete vor "
            "ihren Häusern. Das Quartiersmanagement stellt Pflanzen und Werkzeug und bringt "
            "die Beteiligten zusammen."
        ),
        "themes": ["wohnen-und-wohnumfeld", "nachbarschaft"],
        "start_date": D(2017, 4, 1),
        "is_featured": True,
        "picture": "beete",
        "gallery": [("garten", "Die Hochbeete im Hof")],
    },
    {
        "office": "hannover-sahlkamp-mitte",
        "slug": "sahlkamp-spielplatz-beteiligung",
        "title": "Spielplatz-Werkstatt Sahlkamp",
        "summary": "Kinder und Eltern planen mit, wie der Spielplatz im Sahlkamp erneuert wird.",
        "themes": ["beteiligung", "jugend"],
        "start_date": D(2026, 9, 1),
        "picture": "spielplatz",
    },
    {
        "office": "hannover-hainholz",
        "slug": "hainholz-nachbarschaftscafe",
        "title": "Nachbarschaftscafé Hainholz",
        "summary": "Jede Woche ein offener Treffpunkt mit Kaffee, Gesprächen und Beratung.",
        "themes": ["nachbarschaft"],
        "start_date": D(2021, 3, 1),
        "picture": "cafe",
    },
    {
        "office": "hannover-hainholz",
        "slug": "hainholz-lernwerkstatt",
        "title": "Lernwerkstatt Hainholz",
        "summary": "Hausaufgabenhilfe und Lernpaten für Grundschulkinder im Stadtteil.",
        "themes": ["bildung", "jugend"],
        "start_date": D(2019, 8, 1),
        "end_date": D(2023, 7, 31),
        "picture": "lernen",
    },
    {
        "office": "hannover-stoecken",
        "slug": "stoecken-stadtteilrundgang",
        "title": "Stadtteilrundgänge Stöcken",
        "summary": "Bewohner:innen zeigen, was im Stadtteil gut ist und was besser werden soll.",
        "themes": ["beteiligung", "wohnen-und-wohnumfeld"],
        "start_date": D(2022, 5, 1),
        "picture": "rundgang",
    },
    {
        "office": "hannover-stoecken",
        "slug": "stoecken-jugendtreff-aussen",
        "title": "Treffpunkt draußen für Jugendliche",
        "summary": "Jugendliche planen einen überdachten Treffpunkt im Freien mit.",
        "themes": ["jugend", "beteiligung"],
        "start_date": D(2026, 10, 1),
        "picture": "treffpunkt",
    },
    {
        "office": "hannover-muehlenberg",
        "slug": "muehlenberg-gemeinschaftsgarten",
        "title": "Gemeinschaftsgarten Mühlenberg",
        "summary": "Gemeinsam gärtnern, ernten und voneinander lernen.",
        "themes": ["wohnen-und-wohnumfeld", "nachbarschaft"],
        "start_date": D(2020, 4, 1),
        "picture": "garten",
    },
    {
        "office": "hannover-muehlenberg",
        "slug": "muehlenberg-sprachcafe",
        "title": "Sprachcafé Mühlenberg",
        "summary": "Deutsch im Gespräch üben – ohne Anmeldung, ohne Kosten.",
        "themes": ["bildung", "nachbarschaft"],
        "start_date": D(2023, 1, 1),
        "picture": "cafe",
    },
    # --- Heiligenhaus ---------------------------------------------------------------------
    {
        "office": "heiligenhaus-oberilp",
        # The seed: "In den Stadtteilen Oberilp und Nonnenbruch ..." – both districts.
        "also_concerns": ["heiligenhaus-nonnenbruch"],
        "slug": "stadtteilmanagement-oberilp-nonnenbruch",
        "title": "Stadtteilmanagement",
        "kind": Kind.MEASURE,
        "summary": (
            "Ein Stadtteilmanagement für die Oberilp und den Nonnenbruch: Ansprechpartner vor "
            "Ort, Bindeglied zur Verwaltung und Begleitung aller ISEK-Maßnahmen."
        ),
        "description": O_N_1_DESCRIPTION,
        "themes": [slug for slug, _name in THEMES],
        "partners": [("jugendamt-heiligenhaus", "Stadtteilbüro Oberilp")],
        "start_date": D(2023, 1, 1),
        "end_date": D(2030, 12, 31),
        "is_featured": True,
        "picture": "strasse",
        "number": "O/N 1",
        "actors": "Stadt Heiligenhaus, externes Beratungsbüro, lokale Akteure",
        "goals": (
            "Ansprechpartner vor Ort für lokale Akteure und Schnittstelle zwischen "
            "Öffentlichkeit und Verwaltung\n"
            "Unterstützung und Stärkung der lokalen Strukturen\n"
            "Umsetzungsbegleitung von ISEK-Maßnahmen"
        ),
        "first_steps": (
            "Ausschreibung und Vergabe des Stadtteilmanagements\n"
            "Initiierung des Verfügungsfonds und des Hof- und Fassadenprogramms, "
            "inkl. Öffentlichkeitsarbeit"
        ),
        "costs": Decimal("960000.00"),
        "financing": "Städtebauförderung",
        "priority": Project.Priority.HIGH,
        "start_year": 2023,
        "duration_years": 8,
        "development_goals": "alle Entwicklungsziele",
        "synergies": "alle Handlungsfelder",
    },
    {
        "office": "heiligenhaus-oberilp",
        "slug": "oberilp-familienzentrum-sozialberatung",
        "title": "Sozialberatung im Stadtteil- und Familienzentrum",
        "summary": (
            "Das Stadtteilbüro berät im neuen Stadtteil- und Familienzentrum zu Fragen des "
            "Alltags, zu Ämtern und Anträgen."
        ),
        "themes": ["nachbarschaft", "praevention"],
        "start_date": D(2022, 9, 1),
        "picture": "beratung",
    },
    {
        "office": "heiligenhaus-nonnenbruch",
        "slug": "nonnenbruch-hof-und-fassadenprogramm",
        "title": "Hof- und Fassadenprogramm",
        "summary": (
            "Zuschüsse für Eigentümer:innen, die Höfe begrünen oder Fassaden erneuern – "
            "begleitet vom künftigen Stadtteilmanagement."
        ),
        "themes": ["wohnen-und-wohnumfeld"],
        "start_date": D(2026, 4, 1),
        "picture": "sanierung",
    },
    {
        "office": "heiligenhaus-nonnenbruch",
        "slug": "nonnenbruch-beratung-sanierung",
        "title": "Beratung zu Sanierung und Barrierefreiheit",
        "summary": (
            "Eigentümer:innen erfahren, wie sie Energie sparen und ihr Haus barrierefrei machen."
        ),
        "themes": ["wohnen-und-wohnumfeld"],
        "start_date": D(2026, 6, 1),
        "picture": "beratung",
    },
    # --- Wolfsburg Westhagen ----------------------------------------------------------------
    {
        "office": "wolfsburg-westhagen",
        "slug": "westhagen-stadtteilfest",
        "title": "Stadtteilfest Westhagen",
        "summary": "Einmal im Jahr feiert Westhagen gemeinsam: mit Bühne, Ständen und Spielen.",
        "themes": ["nachbarschaft", "kultur"],
        "start_date": D(2004, 6, 1),
        "picture": "stadtteilfest",
    },
    {
        "office": "wolfsburg-westhagen",
        "slug": "westhagen-stadtteilnetzwerk",
        "title": "Stadtteilnetzwerk Westhagen",
        "summary": (
            "Einrichtungen, Vereine und Bewohner:innen bauen Strukturen auf, die auch nach "
            "dem Förderprogramm tragen."
        ),
        "themes": ["beteiligung", "nachbarschaft"],
        "start_date": D(2017, 7, 1),
        "picture": "pinnwand",
    },
    # --- Dortmund Nordstadt ----------------------------------------------------------------
    {
        "office": "dortmund-nordstadt",
        "slug": "nordstadtliga",
        "title": "Nordstadtliga",
        "summary": "Die Straßenfußball-Liga für Jugendliche aus der Nordstadt: fair, bunt, offen.",
        # An English translation, as an office can add one (offices/translation.py).
        "summary_en": "The street football league for young people of the Nordstadt: fair, "
        "diverse and open to all.",
        "description_en": (
            "In the **Nordstadtliga**, teams of young people from many nations play against "
            "each other. Fair play counts as much as goals."
        ),
        "description": (
            "In der **Nordstadtliga** spielen Teams von Jugendlichen aus vielen Nationen "
            "gegeneinander. Fair Play zählt so viel wie Tore."
        ),
        "themes": ["jugend", "sport-und-bewegung", "praevention"],
        "partners": [("polizei-dortmund", "Schiedsrichter bei Turnieren")],
        "start_date": D(2015, 4, 1),
        "is_featured": True,
        "picture": "bolzplatz",
    },
    {
        "office": "dortmund-nordstadt",
        "slug": "nordstadt-street-art",
        "title": "Street-Art-Aktionen",
        "summary": "Graue Wände werden bunt: Jugendliche gestalten mit Künstler:innen Wandbilder.",
        "themes": ["kultur", "jugend"],
        "start_date": D(2018, 5, 1),
        "picture": "wandbild",
    },
    {
        "office": "dortmund-nordstadt",
        "slug": "nordstadt-schreibwerkstatt",
        "title": "Schreibwerkstätten",
        "summary": "Geschichten aus der Nordstadt – geschrieben von denen, die hier leben.",
        "themes": ["bildung", "kultur"],
        "start_date": D(2019, 10, 1),
        "picture": "bibliothek",
    },
]


def load():
    themes = {}
    for order, (slug, name) in enumerate(THEMES):
        themes[slug], _created = Theme.objects.update_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )
    partners = {}
    for key, (name, website) in PARTNERS.items():
        partners[key], _created = Partner.objects.update_or_create(
            name=name, defaults={"website": website}
        )
    offices = {office.slug: office for office in Office.objects.all()}

    for data in PROJECTS:
        data = dict(data)
        slug = data.pop("slug")
        office = offices[data.pop("office")]
        theme_slugs = data.pop("themes", [])
        concerned = [offices[key] for key in data.pop("also_concerns", [])]
        partner_rows = data.pop("partners", [])
        gallery = data.pop("gallery", [])
        picture = data.pop("picture")
        data.setdefault("description", "")
        data.setdefault("kind", Kind.PROJECT)
        data.setdefault("end_date", None)
        data.setdefault("is_featured", False)
        data.setdefault("status_override", "")  # the status follows the period
        project = Project.objects.filter(slug=slug).first() or Project(slug=slug)
        for name, value in {**data, "office": office, "is_published": True}.items():
            setattr(project, name, value)
        set_illustration(project, picture)
        project.full_clean()
        project.save()
        project.themes.set([themes[theme] for theme in theme_slugs])
        project.also_concerns.set(concerned)

        ProjectPartner.objects.filter(project=project).delete()
        ProjectPartner.objects.bulk_create(
            ProjectPartner(project=project, partner=partners[key], role=role, order=index)
            for index, (key, role) in enumerate(partner_rows)
        )

        project.gallery.filter(order__gte=len(gallery)).delete()
        for index, (name, caption) in enumerate(gallery):
            image = project.gallery.filter(order=index).first() or GalleryImage(
                project=project, order=index
            )
            image.caption = caption
            set_illustration(image, name)
            image.save()

    thin = Office.objects.annotate(count=Count("projects")).filter(count__lt=2)
    if thin.exists():
        raise RuntimeError(f"Demo offices with fewer than two projects: {list(thin)}")
    return f"{len(PROJECTS)} projects, {len(THEMES)} themes, {len(PARTNERS)} partners"
