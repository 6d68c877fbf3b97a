"""The facts of the demo funds: cost categories, funds, rules, applications in every
status, jury members and notes. Invented names; the loader is `fonds.demo`."""

from decimal import Decimal

from fonds.models import AgendaItem, Application, IncomeLine

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


DEMO_NOTES = [
    "Telefonisch nachgefragt: Der Kostenvoranschlag für die Materialien kommt nächste Woche.",
    "Vor der Sitzung des Beirats mit der Hausverwaltung klären, ob der Hof genutzt werden darf.",
]
