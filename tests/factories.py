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
