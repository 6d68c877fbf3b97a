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
