import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from offices.models import (
    Download,
    HoursException,
    Notice,
    Office,
    OfficeHours,
    TeamMember,
    WorkArea,
)

factory.Faker._DEFAULT_LOCALE = "de_DE"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "secret-password")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    name = factory.Sequence(lambda n: f"Stadtteilbüro Testviertel {n}")
    slug = factory.Sequence(lambda n: f"testviertel-{n}")
    code = factory.Sequence(lambda n: f"T{n:03d}")
    city = "Hildesheim"
    district = factory.Sequence(lambda n: f"Testviertel {n}")
    summary = "Ein Büro für den Stadtteil."
    street = "Hochkamp 25"
    postal_code = "31137"
    locality = "Hildesheim"
    phone = "05121 / 281 63 11"
    email = factory.Sequence(lambda n: f"buero{n}@example.org")


class OfficeHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficeHours

    office = factory.SubFactory(OfficeFactory)
    weekday = 0
    opens = datetime.time(9)
    closes = datetime.time(13)


class HoursExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HoursException

    office = factory.SubFactory(OfficeFactory)
    start_date = factory.LazyFunction(timezone.localdate)
    end_date = factory.LazyAttribute(lambda e: e.start_date)
    note = "Betriebsausflug"


class WorkAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkArea

    office = factory.SubFactory(OfficeFactory)
    title = "Gemeinwesenarbeit"
    description = "Wir **unterstützen** Initiativen."


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    office = factory.SubFactory(OfficeFactory)
    name = factory.Faker("name")
    role = "Quartiersmanagement"


class DownloadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Download

    office = factory.SubFactory(OfficeFactory)
    title = "Broschüre"
    file = factory.django.FileField(filename="broschuere.pdf", data=b"%PDF-1.4 test")


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    office = factory.SubFactory(OfficeFactory)
    title = factory.Sequence(lambda n: f"Neuigkeit {n}")
    slug = factory.Sequence(lambda n: f"neuigkeit-{n}")
    summary = "Kurz gesagt."
    body = "Ein **wichtiger** Text."
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))


# --- projects -----------------------------------------------------------------------

from decimal import Decimal  # noqa: E402

from projects.models import GalleryImage, Partner, Project, ProjectPartner, Theme  # noqa: E402


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Handlungsfeld {n}")
    slug = factory.Sequence(lambda n: f"handlungsfeld-{n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Kulturverein {n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    office = factory.SubFactory(OfficeFactory)
    title = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.Sequence(lambda n: f"projekt-{n}")
    summary = "Nachbar:innen gestalten gemeinsam ihren Stadtteil."
    description = "Ein **Projekt** für alle."
    start_date = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    is_published = True

    class Params:
        measure = factory.Trait(
            kind=Project.Kind.MEASURE,
            number=factory.Sequence(lambda n: f"O/N {n}"),
            actors="Stadt, Beratungsbüro, lokale Akteure",
            goals="Anlaufstelle vor Ort\nLokale Strukturen stärken",
            first_steps="Ausschreibung\nVergabe",
            costs=Decimal("960000.00"),
            financing="Städtebauförderung",
            priority=Project.Priority.HIGH,
            start_year=2023,
            duration_years=8,
            development_goals="alle Entwicklungsziele",
            synergies="alle Handlungsfelder",
        )

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(ProjectFactory)
    partner = factory.SubFactory(PartnerFactory)


class GalleryImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GalleryImage

    project = factory.SubFactory(ProjectFactory)
    image = factory.django.ImageField(filename="bild.png", width=40, height=30)
    image_alt = "Nachbar:innen pflanzen Blumen."
    caption = "Pflanzaktion"


# --- events ---------------------------------------------------------------------------


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Category"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategorie {n}")
    slug = factory.Sequence(lambda n: f"kategorie-{n}")


class EventFactory(factory.django.DjangoModelFactory):
    """A published one-off event; pass start/end as aware datetimes.

    Its stored dates are written by events.services.event_sync_occurrences, which the
    factory calls after creation (as the admin does after saving)."""

    class Meta:
        model = "events.Event"
        skip_postgeneration_save = True

    office = factory.SubFactory(OfficeFactory)
    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Veranstaltung {n}")
    slug = factory.Sequence(lambda n: f"veranstaltung-{n}")
    summary = "Ein Treffen für die Nachbarschaft."
    description = "Mit **Kaffee** und Kuchen."
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
    end = factory.LazyAttribute(lambda e: e.start + datetime.timedelta(hours=2))
    location_name = "Stadtteiltreff"
    address = "Hochkamp 25, 31137 Hildesheim"

    @factory.post_generation
    def occurrences(obj, create, extracted, **kwargs):
        if create:
            from events.services import event_sync_occurrences

            event_sync_occurrences(event=obj)


class CancelledDateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.CancelledDate"

    event = factory.SubFactory(EventFactory)
    note = "Ferien"
