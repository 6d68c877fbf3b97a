"""What the scale generators share: the seeded randomness, the day everything is dated
from, bulk inserts in batches, and a few German words to build texts from."""

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

BATCH = 2000

CITIES = [
    ("Hannover", "30"),
    ("Braunschweig", "38"),
    ("Göttingen", "37"),
    ("Osnabrück", "49"),
    ("Bielefeld", "33"),
    ("Kassel", "34"),
    ("Magdeburg", "39"),
    ("Bremen", "28"),
]
DISTRICTS = [
    "Nordstadt",
    "Südstadt",
    "Weststadt",
    "Oststadt",
    "Altstadt",
    "Neustadt",
    "Bahnhofsviertel",
    "Hafenviertel",
    "Kirchberg",
    "Sonnenhang",
    "Lindenhof",
    "Am Markt",
]
STREETS = ["Hauptstraße", "Lindenweg", "Schulstraße", "Am Anger", "Gartenstraße", "Marktplatz"]
FIRST_NAMES = ["Anna", "Mehmet", "Lena", "Jonas", "Aylin", "Karl", "Olga", "Samir", "Ute", "Tim"]
LAST_NAMES = ["Schulz", "Yılmaz", "Nowak", "Becker", "Hoffmann", "Kaya", "Wagner", "Klein"]
TOPICS = [
    "Nachbarschaftsfest",
    "Hofgarten",
    "Repair-Café",
    "Lesepatenschaft",
    "Spielplatzaktion",
    "Stadtteilchor",
    "Kochabend",
    "Fahrradwerkstatt",
    "Seniorentreff",
    "Graffiti-Workshop",
    "Kiezspaziergang",
    "Sprachcafé",
    "Bücherschrank",
    "Hausaufgabenhilfe",
    "Tauschbörse",
    "Filmabend",
]
SENTENCES = [
    "Nachbarinnen und Nachbarn kommen zusammen und lernen sich kennen.",
    "Das Angebot ist offen für alle Generationen und kostenlos.",
    "Gemeinsam mit Schulen, Vereinen und der Wohnungsgesellschaft planen wir die Aktion.",
    "Wir freuen uns über alle, die mitmachen oder eigene Ideen mitbringen.",
    "Der Treffpunkt ist barrierefrei erreichbar.",
    "Für Kinder gibt es ein eigenes Programm mit Spielen und Basteln.",
]


@dataclass
class Context:
    """The state one run builds up and passes from app to app."""

    rng: random.Random
    now: datetime.datetime
    counts: dict
    offices: list = field(default_factory=list)
    staff: dict = field(default_factory=dict)  # office id -> user
    projects_by_office: dict = field(default_factory=dict)  # office id -> [project ids]

    @property
    def today(self) -> datetime.date:
        return timezone.localtime(self.now).date()

    def text(self, sentences=2) -> str:
        return " ".join(self.rng.sample(SENTENCES, sentences))

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def token(self) -> str:
        return f"{self.rng.getrandbits(256):064x}"


def new_context(*, seed: int, counts: dict) -> Context:
    """Everything is dated from the start of this hour: two runs on the same day with the
    same seed give the same rows."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    return Context(rng=random.Random(seed), now=now, counts=counts)


def bulk(model, rows) -> list:
    """Insert the rows in batches; returns them with their primary keys (PostgreSQL and
    SQLite return them from bulk_create)."""
    return model.objects.bulk_create(rows, batch_size=BATCH)


def spread(total: int, parts: int) -> list[int]:
    """`total` split into `parts` near-equal whole numbers."""
    base, rest = divmod(total, parts)
    return [base + (1 if index < rest else 0) for index in range(parts)]
