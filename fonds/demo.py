"""Demo funds of this year for four offices and fifteen applications in every status.

Applications go through the same services as real ones (submit, then the status
changes with their audit rows), back-dated so each one meets the rules on the day it
was "sent". Idempotent: funds are found by office and year, applications by title.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from offices.models import Office
from stadtteilbuero.demo import demo_image

from . import services
from .models import (
    AgendaItem,
    Application,
    ApplicationNote,
    CostCategory,
    ExpenseLine,
    Fund,
    IncomeLine,
    JuryMeeting,
    JuryMember,
)

S = Application.Status
K = IncomeLine.Kind
D = Decimal

CATEGORIES = [
    ("Material und Ausstattung", "Werkzeug, Pflanzen, Farbe, Spielgeräte"),
    ("Honorare", "Honorare für Künstler:innen, Trainer:innen, Referent:innen"),
    ("Miete und Technik", "Raummiete, Zelt, Bühne, Tontechnik"),
    ("Druck und Öffentlichkeitsarbeit", "Plakate, Flyer, Einladungen"),
    ("Verpflegung", "Essen und Getränke"),
    ("Gebühren", "Genehmigungen, GEMA, Kontoführung"),
    ("Folgekosten", "Wartung, Pflege und Betrieb nach dem Projekt"),
    ("Personalkosten", "Dauerhafte Stellen und Lohnkosten"),
]

FUNDABLE = (
    "Gefördert werden kleine Projekte, die das Zusammenleben im Stadtteil stärken: "
    "Nachbarschaftsfeste, Kultur- und Bildungsangebote, Aktionen für Kinder und "
    "Jugendliche, Begrünung und Verschönerung von Höfen und Plätzen.\n\n"
    "- Sachkosten wie Material, Werkzeug und Pflanzen\n"
    "- Honorare für Künstler:innen und Fachleute\n"
    "- Miete für Räume, Zelte und Technik\n"
    "- Druckkosten für Einladungen und Plakate"
)

RULES = (
    "## Wer kann einen Antrag stellen?\n\n"
    "Bewohner:innen, Initiativen, Vereine und Einrichtungen aus dem Stadtteil.\n\n"
    "## Was ist zu beachten?\n\n"
    "1. Das Projekt kommt dem Stadtteil zugute und ist öffentlich zugänglich.\n"
    "2. Mit dem Projekt darf erst begonnen werden, wenn der {body} entschieden hat.\n"
    "3. Dieselben Kosten dürfen nicht zusätzlich aus anderen Programmen gefördert werden.\n"
    "4. Nach dem Projekt reichen Sie einen einfachen Verwendungsnachweis mit Belegen ein.\n\n"
    "Das Stadtteilbüro berät Sie gern, bevor Sie den Antrag stellen."
)

FUNDS = {
    "hildesheim-nordstadt": {
        "title": "Verfügungsfonds Nordstadt",
        "summary": "Geld für Ideen aus der Nordstadt: bis zu 1.500 € pro Projekt.",
        "budget": D("15000.00"),
        "max_per_application": D("1500.00"),
        "min_own_contribution_percent": 10,
        "decision_body": "Vergabebeirat Nordstadt",
        "contact_name": "Friederike Holm",
        "excluded": ["Verpflegung", "Gebühren", "Folgekosten"],
        "meetings": [
            ("02-20", "03-12"),
            ("05-22", "06-11"),
            ("08-28", "09-17"),
            ("12-01", "12-10"),
        ],
    },
    "heiligenhaus-oberilp": {
        "title": "Verfügungsfonds Oberilp / Nonnenbruch",
        "summary": (
            "Aus dem ISEK Oberilp / Nonnenbruch: bis zu 2.000 € für Projekte in beiden "
            "Stadtteilen, ohne Eigenanteil."
        ),
        "budget": D("20000.00"),
        "max_per_application": D("2000.00"),
        "min_own_contribution_percent": 0,
        "decision_body": "Lenkungsgruppe Stadtteilmanagement",
        "contact_name": "Mehmet Yılmaz",
        "excluded": ["Folgekosten", "Personalkosten"],
        "meetings": [("03-13", "04-02"), ("07-03", "07-23"), ("11-06", "11-19")],
    },
    "wolfsburg-westhagen": {
        "title": "Verfügungsfonds Westhagen",
        "summary": "Kleine Zuschüsse für große Wirkung in Westhagen: bis zu 1.000 €.",
        "budget": D("8000.00"),
        "max_per_application": D("1000.00"),
        "min_own_contribution_percent": 20,
        "decision_body": "Stadtteilbeirat Westhagen",
        "contact_name": "Luisa Ortega",
        "excluded": ["Verpflegung", "Folgekosten", "Personalkosten"],
        "meetings": [
            ("03-06", "03-26"),
            ("06-05", "06-25"),
            ("09-04", "09-24"),
            ("12-04", "12-16"),
        ],
    },
    "dortmund-nordstadt": {
        "title": "Quartiersfonds Nordstadt",
        "summary": "Für interkulturelle Projekte und Nachbarschaft in der Dortmunder Nordstadt.",
        "budget": D("25000.00"),
        "max_per_application": D("2000.00"),
        "min_own_contribution_percent": 10,
        "decision_body": "Quartiersbeirat Nordstadt",
        "contact_name": "Niklas Brandt",
        "excluded": ["Gebühren", "Folgekosten"],
        "meetings": [
            ("02-27", "03-19"),
            ("06-12", "07-02"),
            ("10-02", "10-22"),
            ("12-04", "12-17"),
        ],
    },
}

PERSON = Application.ApplicantType.PERSON
INITIATIVE = Application.ApplicantType.INITIATIVE
ORGANISATION = Application.ApplicantType.ORGANISATION

# (office, meeting index, final status, applicant, project, costs, income, options)
APPLICATIONS = [
    {
        "office": "hildesheim-nordstadt",
        "meeting": 0,
        "status": S.COMPLETED,
        "applicant": (INITIATIVE, "Aylin Kaya", "Hofgemeinschaft Hochkamp"),
        "title": "Nachbarschaftsfest im Hochkamp",
        "description": (
            "Ein Nachmittag für alle Nachbar:innen im Innenhof: Musik, Spiele für Kinder, "
            "ein Flohmarkt und ein Tisch, an dem jede Familie etwas aus ihrer Küche teilt."
        ),
        "benefit": (
            "Neue Nachbar:innen lernen die alteingesessenen kennen; Konflikte im Hof nehmen ab."
        ),
        "target": "Alle Mieter:innen am Hochkamp",
        "participants": 150,
        "place": "Innenhof Hochkamp 10–14",
        "days": (30, 30),
        "costs": [
            ("Miete und Technik", "Zelt und Bierzeltgarnituren", 1, "420.00"),
            ("Honorare", "Kinderschminken und Musik", 1, "350.00"),
            ("Druck und Öffentlichkeitsarbeit", "Plakate und Einladungen", 1, "80.00"),
        ],
        "income": [(K.VOLUNTEER_WORK, "Auf- und Abbau durch Nachbar:innen", "150.00")],
        "attachment": True,
    },
    {
        "office": "hildesheim-nordstadt",
        "meeting": 1,
        "status": S.PAID,
        "applicant": (ORGANISATION, "Ilse Brandes", "Förderverein Grundschule Nord"),
        "title": "Hausaufgabenhilfe im Stadtteiltreff",
        "description": (
            "Zweimal pro Woche helfen ehrenamtliche Studierende Kindern der dritten und "
            "vierten Klasse bei den Hausaufgaben. Gekauft werden Lernmaterial und Bücher."
        ),
        "benefit": "Kinder ohne Hilfe zu Hause bekommen Unterstützung und einen ruhigen Lernort.",
        "target": "Kinder der Grundschule Nord",
        "participants": 25,
        "place": "Stadtteiltreff Nordstadt",
        "days": (25, 140),
        "costs": [
            ("Material und Ausstattung", "Lernhefte, Wörterbücher, Schreibzeug", 1, "640.00"),
            ("Material und Ausstattung", "Regal und Lernkisten", 2, "95.00"),
        ],
        "income": [
            (K.VOLUNTEER_WORK, "Ehrenamtliche Lernbegleitung", "200.00"),
            (K.OWN_MONEY, "Förderverein", "30.00"),
        ],
    },
    {
        "office": "hildesheim-nordstadt",
        "meeting": 2,
        "status": S.APPROVED,
        "approved": "900.00",
        "applicant": (INITIATIVE, "Jonas Pietsch", "Gartengruppe Nordstadt"),
        "title": "Hochbeete für den Hof an der Peiner Straße",
        "description": (
            "Wir bauen mit Nachbar:innen und Kindern vier Hochbeete aus Lärchenholz, "
            "füllen sie mit Erde und pflanzen Kräuter und Gemüse."
        ),
        "benefit": "Ein grauer Hof wird grün; Jung und Alt gärtnern gemeinsam.",
        "target": "Familien und ältere Nachbar:innen",
        "participants": 40,
        "place": "Hof Peiner Straße",
        "days": (20, 60),
        "costs": [
            ("Material und Ausstattung", "Lärchenholz und Schrauben", 4, "190.00"),
            ("Material und Ausstattung", "Erde, Saatgut, Pflanzen", 1, "260.00"),
        ],
        "income": [(K.VOLUNTEER_WORK, "Bau durch die Gartengruppe", "120.00")],
        "attachment": True,
    },
    {
        "office": "hildesheim-nordstadt",
        "meeting": 2,
        "status": S.REJECTED,
        "applicant": (PERSON, "Kevin Albers", ""),
        "title": "Grillabend für die Hausgemeinschaft",
        "description": "Ein Grillabend mit Essen und Getränken für die Hausgemeinschaft.",
        "benefit": "Die Nachbar:innen im Haus kommen ins Gespräch.",
        "target": "Hausgemeinschaft Bischofskamp 3",
        "participants": 30,
        "place": "Garten Bischofskamp 3",
        "days": (5, 5),
        "costs": [("Miete und Technik", "Grill und Pavillon", 1, "300.00")],
        "income": [(K.OWN_MONEY, "Umlage der Hausgemeinschaft", "60.00")],
    },
    {
        "office": "hildesheim-nordstadt",
        "meeting": 3,
        "status": S.IN_REVIEW,
        "applicant": (ORGANISATION, "Dragana Petrović", "Kulturverein Nordlicht e. V."),
        "title": "Lichterspaziergang durch die Nordstadt",
        "description": (
            "Kinder basteln in drei Workshops Laternen; zum Abschluss zieht ein "
            "Lichterspaziergang mit Musik durch den Stadtteil."
        ),
        "benefit": "Familien aus vielen Kulturen feiern gemeinsam und entdecken ihren Stadtteil.",
        "target": "Familien mit Kindern",
        "participants": 120,
        "place": "Start am Stadtteilbüro, Hochkamp 25",
        "days": (30, 45),
        "costs": [
            ("Material und Ausstattung", "Bastelmaterial für Laternen", 1, "380.00"),
            ("Honorare", "Musikgruppe", 1, "450.00"),
        ],
        "income": [(K.MATERIAL, "Spende Papierladen", "90.00")],
    },
    {
        "office": "hildesheim-nordstadt",
        "meeting": 3,
        "status": S.SUBMITTED,
        "applicant": (PERSON, "Marta Nowak", ""),
        "title": "Repair-Café im Stadtteiltreff",
        "description": (
            "Einmal im Monat reparieren Ehrenamtliche mit Besucher:innen Kleidung, "
            "Fahrräder und kleine Elektrogeräte."
        ),
        "benefit": "Weniger Müll, weniger Kosten, und man lernt sich beim Reparieren kennen.",
        "target": "Alle in der Nordstadt",
        "participants": 60,
        "place": "Stadtteiltreff Nordstadt",
        "days": (40, 160),
        "costs": [("Material und Ausstattung", "Werkzeugkoffer und Messgeräte", 1, "700.00")],
        "income": [(K.VOLUNTEER_WORK, "Reparaturen durch Ehrenamtliche", "140.00")],
    },
    {
        "office": "heiligenhaus-oberilp",
        "meeting": 0,
        "status": S.COMPLETED,
        "applicant": (INITIATIVE, "Sevgi Demir", "Elterninitiative Oberilp"),
        "title": "Spielplatzfest im Oberilp",
        "description": (
            "Ein Fest zur Wiedereröffnung des Spielplatzes mit Spielmobil, Hüpfburg und "
            "einer Malaktion für Kinder."
        ),
        "benefit": "Der neue Spielplatz wird bekannt und von den Familien angenommen.",
        "target": "Kinder und Eltern aus Oberilp und Nonnenbruch",
        "participants": 200,
        "place": "Spielplatz Hülsbecker Straße",
        "days": (45, 45),
        "costs": [
            ("Miete und Technik", "Hüpfburg und Spielmobil", 1, "890.00"),
            ("Druck und Öffentlichkeitsarbeit", "Plakate in vier Sprachen", 1, "110.00"),
        ],
        "income": [],
    },
    {
        "office": "heiligenhaus-oberilp",
        "meeting": 1,
        "status": S.PAID,
        "applicant": (ORGANISATION, "Tarek Haddad", "Jugendtreff Oberilp"),
        "title": "Graffiti-Workshop an der Unterführung",
        "description": (
            "Jugendliche gestalten mit einem Graffiti-Künstler in fünf Terminen die "
            "Wände der Unterführung zum Nonnenbruch – mit Genehmigung der Stadt."
        ),
        "benefit": "Ein Angstraum wird freundlicher; Jugendliche gestalten ihren Stadtteil mit.",
        "target": "Jugendliche von 12 bis 18 Jahren",
        "participants": 15,
        "place": "Unterführung Oberilp / Nonnenbruch",
        "days": (15, 60),
        "costs": [
            ("Honorare", "Graffiti-Künstler, 5 Termine", 5, "200.00"),
            ("Material und Ausstattung", "Sprühdosen, Grundierung, Schutzkleidung", 1, "650.00"),
        ],
        "income": [(K.OTHER_FUNDING, "Spende Sparkassenstiftung", "300.00")],
    },
    {
        "office": "heiligenhaus-oberilp",
        "meeting": 2,
        "status": S.APPROVED,
        "applicant": (INITIATIVE, "Renate Schulte", "Seniorentreff Nonnenbruch"),
        "title": "Bewegung im Park für Ältere",
        "description": (
            "Ein Jahr lang leitet eine Übungsleiterin jeden Donnerstag eine Stunde "
            "Bewegung im Park an; bei Regen im Stadtteilbüro."
        ),
        "benefit": "Ältere bleiben beweglich und kommen aus der Wohnung.",
        "target": "Seniorinnen und Senioren",
        "participants": 20,
        "place": "Park an der Stettiner Straße",
        "days": (10, 120),
        "costs": [("Honorare", "Übungsleiterin, 40 Stunden", 40, "30.00")],
        "income": [],
    },
    {
        "office": "heiligenhaus-oberilp",
        "meeting": 2,
        "status": S.WITHDRAWN,
        "withdrawn_at": 2,
        "applicant": (PERSON, "Oliver Krämer", ""),
        "title": "Bücherschrank am Marktplatz",
        "description": "Ein offener Bücherschrank zum Tauschen von Büchern.",
        "benefit": "Bücher für alle, kostenlos.",
        "target": "Alle",
        "participants": 100,
        "place": "Marktplatz Oberilp",
        "days": (20, 20),
        "costs": [("Material und Ausstattung", "Schrank, wetterfest", 1, "1200.00")],
        "income": [],
    },
    {
        "office": "wolfsburg-westhagen",
        "meeting": 1,
        "status": S.COMPLETED,
        "applicant": (ORGANISATION, "Henrik Lüders", "Mieterbeirat Westhagen"),
        "title": "Stadtteilrundgang mit Geschichten",
        "description": (
            "Ältere Westhagener:innen erzählen an sechs Stationen, wie der Stadtteil "
            "entstanden ist. Ein kleines Heft sammelt die Geschichten."
        ),
        "benefit": "Alt und Neu in Westhagen lernen voneinander und sehen ihren Stadtteil neu.",
        "target": "Alle Westhagener:innen, besonders Neuzugezogene",
        "participants": 80,
        "place": "Start am Stadtteilbüro, Hallesche Straße 30",
        "days": (10, 40),
        "costs": [
            ("Druck und Öffentlichkeitsarbeit", "Heft mit Geschichten, 300 Stück", 300, "2.10"),
            ("Honorare", "Gestaltung des Hefts", 1, "350.00"),
        ],
        "income": [(K.VOLUNTEER_WORK, "Interviews und Führungen", "260.00")],
    },
    {
        "office": "wolfsburg-westhagen",
        "meeting": 2,
        "status": S.REJECTED,
        "applicant": (PERSON, "Sandra Wiese", ""),
        "title": "Hoffest mit Buffet",
        "description": "Ein Hoffest mit großem Buffet für die Nachbarschaft.",
        "benefit": "Die Nachbarschaft trifft sich.",
        "target": "Nachbar:innen im Block",
        "participants": 50,
        "place": "Hof Dessauer Straße",
        "days": (5, 5),
        "costs": [("Miete und Technik", "Pavillons und Musikanlage", 1, "600.00")],
        "income": [(K.OWN_MONEY, "Eigenanteil", "150.00")],
    },
    {
        "office": "wolfsburg-westhagen",
        "meeting": 3,
        "status": S.SUBMITTED,
        "applicant": (INITIATIVE, "Paulina Zielińska", "Mädchentreff Westhagen"),
        "title": "Tanzprojekt „Westhagen bewegt sich“",
        "description": (
            "Mädchen erarbeiten mit einer Tanzpädagogin eine Choreografie und führen sie "
            "beim Frühlingsfest auf."
        ),
        "benefit": "Mädchen gewinnen Selbstvertrauen und zeigen sich im Stadtteil.",
        "target": "Mädchen von 10 bis 16 Jahren",
        "participants": 18,
        "place": "Gemeinschaftshaus Westhagen",
        "days": (20, 100),
        "costs": [("Honorare", "Tanzpädagogin, 12 Termine", 12, "60.00")],
        "income": [(K.VOLUNTEER_WORK, "Begleitung durch Ehrenamtliche", "180.00")],
    },
    {
        "office": "dortmund-nordstadt",
        "meeting": 2,
        "status": S.APPROVED,
        "approved": "1200.00",
        "applicant": (ORGANISATION, "Yusuf Aksoy", "Nordstadtliga e. V."),
        "title": "Nordstadtliga: Turnier der Nachbarschaften",
        "description": (
            "Ein Fußballturnier mit gemischten Teams aus allen Straßen der Nordstadt, "
            "mit Schiedsrichter-Workshop für Jugendliche."
        ),
        "benefit": (
            "Junge Menschen aus vielen Herkunftsländern spielen zusammen statt gegeneinander."
        ),
        "target": "Jugendliche und junge Erwachsene",
        "participants": 160,
        "place": "Sportplatz Nordmarkt",
        "days": (20, 21),
        "costs": [
            ("Material und Ausstattung", "Trikots und Bälle", 1, "980.00"),
            ("Honorare", "Schiedsrichter-Workshop", 1, "400.00"),
            ("Druck und Öffentlichkeitsarbeit", "Plakate und Urkunden", 1, "220.00"),
        ],
        "income": [(K.VOLUNTEER_WORK, "Organisation durch den Verein", "200.00")],
    },
    {
        "office": "dortmund-nordstadt",
        "meeting": 3,
        "status": S.SUBMITTED,
        "applicant": (PERSON, "Hanna Becker", ""),
        "title": "Schreibwerkstatt „Meine Straße“",
        "description": (
            "In sechs Treffen schreiben Nachbar:innen Texte über ihre Straße; am Ende "
            "gibt es eine Lesung im Stadtteilladen."
        ),
        "benefit": "Menschen erzählen ihre Nordstadt selbst, jenseits der Schlagzeilen.",
        "target": "Erwachsene aus der Nordstadt",
        "participants": 12,
        "place": "Stadtteilladen Nordstadt",
        "days": (14, 60),
        "costs": [
            ("Honorare", "Schreibtrainerin, 6 Termine", 6, "120.00"),
            ("Druck und Öffentlichkeitsarbeit", "Kleine Anthologie", 1, "240.00"),
        ],
        "income": [(K.OWN_MONEY, "Eigenanteil", "100.00")],
    },
]


def _date(year, month_day):
    month, day = (int(part) for part in month_day.split("-"))
    return datetime.date(year, month, day)


def _aware(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load_funds(year):
    categories = {}
    for order, (name, description) in enumerate(CATEGORIES):
        categories[name], _created = CostCategory.objects.update_or_create(
            name=name, defaults={"description": description, "order": order}
        )
    funds = {}
    for slug, data in FUNDS.items():
        office = Office.objects.get(slug=slug)
        data = dict(data)
        excluded = data.pop("excluded")
        meetings = data.pop("meetings")
        data["rules"] = RULES.format(body=data["decision_body"])
        data["fundable"] = FUNDABLE
        data["contact_email"] = office.email
        data["contact_phone"] = office.phone
        # The demo's projects lie around today: late in the year they run into the next.
        data["projects_end_in_year"] = False
        fund, _created = Fund.objects.update_or_create(office=office, year=year, defaults=data)
        fund.excluded_categories.set([categories[name] for name in excluded])
        for deadline, meeting in meetings:
            JuryMeeting.objects.update_or_create(
                fund=fund,
                date=_date(year, meeting),
                defaults={"application_deadline": _date(year, deadline)},
            )
        funds[slug] = fund
    return funds, categories


def _submit(fund, categories, data, now):
    meeting = fund.meetings()[data["meeting"]]
    submitted = min(_aware(meeting.application_deadline - datetime.timedelta(days=6)), now)
    start = meeting.date + datetime.timedelta(days=data["days"][0])
    end = meeting.date + datetime.timedelta(days=data["days"][1])
    expenses = [
        ExpenseLine(
            category=categories[category],
            description=text,
            quantity=D(quantity),
            unit_price=D(price),
        )
        for category, text, quantity, price in data["costs"]
    ]
    incomes = [
        IncomeLine(kind=kind, description=text, amount=D(amount))
        for kind, text, amount in data["income"]
    ]
    totals = services.finance_totals(expenses=expenses, incomes=incomes, requested=D(0))
    applicant_type, name, organisation = data["applicant"]
    local = name.lower().replace(" ", ".").translate(str.maketrans("äöüßıłńćš", "aousilncs"))
    application = Application(
        applicant_type=applicant_type,
        name=name,
        organisation=organisation,
        street=f"{fund.office.district}weg {len(name)}",
        postal_code=fund.office.postal_code or "00000",
        city=fund.office.locality or fund.office.city,
        email=f"{local}@example.org",
        project_title=data["title"],
        description=data["description"],
        benefit=data["benefit"],
        target_group=data["target"],
        expected_participants=data["participants"],
        place=data["place"],
        start_date=start,
        end_date=end,
        requested_amount=totals["expenses"] - totals["income"],
        declares_no_double_funding=True,
        declares_no_commercial_purpose=True,
        declares_no_follow_up_costs=True,
        consent_publish=True,
        declares_photo_rights=True,
    )
    attachments = []
    if data.get("attachment"):
        attachments = [demo_image(f"antrag-{data['title']}", size=(800, 600))]
        attachments[0].name = "Skizze.png"
    return services.application_submit(
        fund=fund,
        application=application,
        expenses=expenses,
        incomes=incomes,
        attachments=attachments,
        submitted_at=submitted,
        notify=False,
    ), meeting


def _advance(application, meeting, data, now):
    """Walk the application through the workflow to its demo status."""
    target = data["status"]
    if target == S.SUBMITTED:
        return
    if target == S.WITHDRAWN:
        services.application_withdraw(application=application, notify=False)
        return
    review_at = min(application.submitted_at + datetime.timedelta(days=3), now)
    services.application_transition(application=application, to_status=S.IN_REVIEW, at=review_at)
    if target == S.IN_REVIEW:
        return
    decided_at = min(_aware(meeting.date, 18), now)
    if target == S.REJECTED:
        services.application_transition(
            application=application,
            to_status=S.REJECTED,
            at=decided_at,
            comment="Verpflegung und private Feiern kann der Fonds nicht fördern.",
        )
        return
    services.application_transition(
        application=application,
        to_status=S.APPROVED,
        at=decided_at,
        approved_amount=D(data["approved"]) if "approved" in data else None,
    )
    if target == S.APPROVED:
        return
    # The applicant's account, an advance of the approved amount, then the proof of use
    # with receipts, accepted.
    application = services.application_set_bank_details(
        application=application,
        account_holder=application.organisation or application.name,
        iban="DE02120300000000202051",  # a valid test IBAN (a public example account)
    )
    paid_at = min(decided_at + datetime.timedelta(days=10), now)
    services.application_record_payout(
        application=application,
        actor=None,
        amount=application.granted_amount,
        paid_on=timezone.localdate(paid_at),
        is_advance=True,
    )
    if target == S.PAID:
        return
    _proof(application, now)


def _receipt(label, name):
    upload = demo_image(label, size=(600, 800))
    upload.name = name
    return upload


def _proof(application, now):
    submitted_at = min(_aware(application.end_date + datetime.timedelta(days=14)), now)
    granted = application.granted_amount
    first = (granted * D("0.6")).quantize(D("0.01"))
    payments = [
        {
            "paid_on": application.start_date,
            "payee": "Fachhandel Nord GmbH",
            "purpose": "Material laut Kostenplan",
            "amount": first,
            "receipt": _receipt(f"beleg-1-{application.pk}", "Rechnung-1.png"),
        },
        {
            "paid_on": application.end_date,
            "payee": "Druckerei am Markt",
            "purpose": "Honorare, Druck und Miete laut Kostenplan",
            "amount": granted - first,
            "receipt": _receipt(f"beleg-2-{application.pk}", "Rechnung-2.png"),
        },
    ]
    proof = services.proof_submit(
        application=application,
        report=(
            "Das Projekt hat wie geplant stattgefunden. Viele Nachbar:innen haben mitgemacht "
            "und gefragt, ob es im nächsten Jahr wieder ein solches Angebot gibt."
        ),
        participants=application.expected_participants,
        payments=payments,
        photos=[_receipt(f"foto-{application.pk}", "Foto.png")],
        submitted_at=submitted_at,
        notify=False,
    )
    services.proof_accept(
        proof=proof, actor=None, comment="Verwendungsnachweis geprüft.", notify=False
    )


def load():
    now = timezone.now()
    year = timezone.localdate().year
    funds, categories = load_funds(year)
    created = 0
    for data in APPLICATIONS:
        fund = Fund.objects.with_details().get(pk=funds[data["office"]].pk)
        if Application.objects.filter(fund=fund, project_title=data["title"]).exists():
            continue
        application, meeting = _submit(fund, categories, data, now)
        _advance(application, meeting, data, now)
        created += 1
    meetings = load_jury(funds.values())
    load_notes()
    return (
        f"{len(funds)} funds, {created} new applications ({len(APPLICATIONS)} in the demo), "
        f"{meetings} jury meetings with members and agenda"
    )


# Invented members of the decision bodies (residents, an office representative).
JURY = [
    ("Vorsitz", "Renate Kowalczyk"),
    ("Bewohner:in", "Mehmet Aydın"),
    ("Bewohner:in", "Lea Hartwig"),
    ("Vertretung Schule", "Jonas Brettschneider"),
    ("Vertretung Stadtteilbüro", "Sabine Oltmanns"),
]
OUTCOMES = {
    S.APPROVED: AgendaItem.Outcome.APPROVE,
    S.PAID: AgendaItem.Outcome.APPROVE,
    S.COMPLETED: AgendaItem.Outcome.APPROVE,
    S.REJECTED: AgendaItem.Outcome.REJECT,
}


def load_jury(funds):
    """Members present and the agenda of every meeting that has applications."""
    count = 0
    for fund in funds:
        for meeting in JuryMeeting.objects.filter(fund=fund, applications__isnull=False).distinct():
            for order, (role, name) in enumerate(JURY):
                JuryMember.objects.update_or_create(
                    meeting=meeting, name=name, defaults={"role": role, "order": order}
                )
            granted = list(Application.Status.granted())
            for application in meeting.applications.filter(
                status__in=[*granted, S.REJECTED]
            ).exclude(agenda_items__meeting=meeting):
                outcome = OUTCOMES[application.status]
                AgendaItem.objects.create(
                    meeting=meeting,
                    application=application,
                    order=application.sequence,
                    votes_yes=4 if outcome == AgendaItem.Outcome.APPROVE else 1,
                    votes_no=0 if outcome == AgendaItem.Outcome.APPROVE else 3,
                    votes_abstain=1,
                    outcome=outcome,
                    amount=application.approved_amount
                    if outcome == AgendaItem.Outcome.APPROVE
                    else None,
                )
            services.jury_meeting_build_agenda(meeting=meeting)
            count += 1
    return count


DEMO_NOTES = [
    "Telefonisch nachgefragt: Der Kostenvoranschlag für die Materialien kommt nächste Woche.",
    "Vor der Sitzung des Beirats mit der Hausverwaltung klären, ob der Hof genutzt werden darf.",
]


def load_notes():
    """Internal staff notes on the applications in review (once each)."""
    for application in Application.objects.filter(status=S.IN_REVIEW, notes__isnull=True):
        for text in DEMO_NOTES:
            ApplicationNote.objects.create(application=application, text=text)
