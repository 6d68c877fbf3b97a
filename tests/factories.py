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
    # Hashed when the user is built, so creating one is a single INSERT.
    password = factory.django.Password("secret-password")


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

    @factory.post_generation
    def also_concerns(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.also_concerns.set(extracted)


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


# --- fonds ------------------------------------------------------------------------------

import secrets  # noqa: E402
from decimal import Decimal  # noqa: E402

from fonds.models import (  # noqa: E402
    Application,
    CostCategory,
    ExpenseLine,
    Fund,
    IncomeLine,
    JuryMeeting,
)


class CostCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostCategory
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Kostenart {n}")


class FundFactory(factory.django.DjangoModelFactory):
    """A fund of this year, open, with one jury meeting in a month (deadline in two weeks)."""

    class Meta:
        model = Fund
        skip_postgeneration_save = True

    office = factory.SubFactory(OfficeFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    title = "Verfügungsfonds"
    budget = Decimal("10000.00")
    max_per_application = Decimal("1500.00")
    min_own_contribution_percent = 10
    fundable = "Kleine Projekte von Bewohner:innen für die Nachbarschaft."
    rules = "## Richtlinien\n\nAnträge bis zur Frist."
    decision_body = "Vergabebeirat"
    contact_name = "Jana Wiegand"
    contact_email = factory.Sequence(lambda n: f"fonds{n}@example.org")
    # Tests run on any day: in December a project after the jury ends in the next year.
    projects_end_in_year = False

    @factory.post_generation
    def meetings(obj, create, extracted, **kwargs):
        if not create:
            return
        today = timezone.localdate()
        for deadline, date in extracted if extracted is not None else [(14, 30)]:
            JuryMeeting.objects.create(
                fund=obj,
                application_deadline=today + datetime.timedelta(days=deadline),
                date=today + datetime.timedelta(days=date),
            )


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application written directly (tests of the pages); the form path uses the service."""

    class Meta:
        model = Application

    fund = factory.SubFactory(FundFactory)
    sequence = factory.Sequence(lambda n: n + 1)
    reference_number = factory.LazyAttribute(
        lambda a: f"VF-{a.fund.year}-{a.fund.office.code}-{a.sequence:04d}"
    )
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    name = factory.Faker("name")
    street = "Hochkamp 1"
    postal_code = "31137"
    city = "Hildesheim"
    email = factory.Sequence(lambda n: f"antrag{n}@example.org")
    project_title = factory.Sequence(lambda n: f"Nachbarschaftsfest {n}")
    description = "Ein Fest für alle im Hof."
    benefit = "Nachbar:innen lernen sich kennen."
    target_group = "Alle im Viertel"
    expected_participants = 80
    place = "Innenhof Hochkamp"
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=40))
    end_date = factory.LazyAttribute(lambda a: a.start_date)
    requested_amount = Decimal("500.00")
    declares_no_double_funding = True
    declares_no_commercial_purpose = True
    declares_no_follow_up_costs = True
    consent_publish = True
    declares_photo_rights = True
    privacy_consent_at = factory.LazyFunction(timezone.now)
    privacy_version = "2026-01"
    # An account for the payout (required before one); tests of its absence blank it.
    account_holder = factory.LazyAttribute(lambda a: a.name)
    iban = "DE89370400440532013000"
    bic = "COBADEFFXXX"


class ExpenseLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpenseLine

    application = factory.SubFactory(ApplicationFactory)
    category = factory.SubFactory(CostCategoryFactory, name="Material")
    description = "Bierzeltgarnituren"
    quantity = Decimal("1")
    unit_price = Decimal("500.00")
    total = Decimal("500.00")


class IncomeLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncomeLine

    application = factory.SubFactory(ApplicationFactory)
    kind = IncomeLine.Kind.VOLUNTEER_WORK
    amount = Decimal("100.00")


from fonds.models import AgendaItem, JuryMember  # noqa: E402


class JuryMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JuryMember

    meeting = factory.LazyAttribute(lambda _: FundFactory().jury_meetings.first())
    name = factory.Faker("name")
    role = "Bewohner:in"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    application = factory.SubFactory(ApplicationFactory)
    meeting = factory.LazyAttribute(lambda item: item.application.fund.jury_meetings.first())
    order = factory.Sequence(lambda n: n + 1)


from fonds.models import Payout, Proof, ProofPayment, ProofPhoto  # noqa: E402

RECEIPT_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class PayoutFactory(factory.django.DjangoModelFactory):
    """A payout written directly (page tests); the rules are tested through the service."""

    class Meta:
        model = Payout

    application = factory.SubFactory(ApplicationFactory, status=Application.Status.PAID)
    amount = Decimal("500.00")
    paid_on = factory.LazyFunction(timezone.localdate)


class ProofFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proof

    application = factory.SubFactory(ApplicationFactory, status=Application.Status.PAID)
    report = "Das Fest fand im Innenhof statt, rund 90 Nachbar:innen kamen."
    participants = 90


class ProofPaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProofPayment

    proof = factory.SubFactory(ProofFactory)
    paid_on = factory.LazyFunction(timezone.localdate)
    payee = "Getränke Nord GmbH"
    purpose = "Bierzeltgarnituren (Miete)"
    amount = Decimal("450.00")
    file = factory.django.FileField(data=RECEIPT_PDF, filename="beleg.pdf")
    original_name = "Rechnung Getränke Nord.pdf"
    kind = "pdf"
    size = len(RECEIPT_PDF)


class ProofPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProofPhoto

    proof = factory.SubFactory(ProofFactory)
    file = factory.django.ImageField(filename="fest.png", format="PNG")
    original_name = "fest.png"
    kind = "png"
    size = 100


from fonds.models import ApplicationNote  # noqa: E402


class ApplicationNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationNote

    application = factory.SubFactory(ApplicationFactory)
    text = "Rückruf vereinbart, Kostenvoranschlag folgt."


# --- Rooms --------------------------------------------------------------------------


from fonds.models import Application as _Application  # noqa: E402
from fonds.models import ApplicationEvent, Attachment, ConflictOfInterest  # noqa: E402


class AttachmentFactory(factory.django.DjangoModelFactory):
    """An applicant's file: a tiny real PDF in the private storage."""

    class Meta:
        model = Attachment

    application = factory.SubFactory(ApplicationFactory)
    file = factory.django.FileField(filename="angebot.pdf", data=RECEIPT_PDF)
    original_name = "angebot.pdf"
    kind = Attachment.Kind.PDF
    size = len(RECEIPT_PDF)


class ApplicationEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationEvent

    application = factory.SubFactory(ApplicationFactory)
    event_type = "fonds.application.submitted"
    to_status = _Application.Status.SUBMITTED


class ConflictOfInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConflictOfInterest

    member = factory.SubFactory(JuryMemberFactory)
    meeting = factory.LazyAttribute(lambda c: c.member.meeting)
    application = factory.LazyAttribute(lambda c: ApplicationFactory(fund=c.member.meeting.fund))
    reason = "Vorstand des Vereins"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "rooms.Room"
        skip_postgeneration_save = True

    office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"Gruppenraum {n}")
    slug = factory.Sequence(lambda n: f"gruppenraum-{n}")
    capacity = 14
    step_free = True
    lead_days = 3
    max_hours = 4
    house_rules = "Bitte aufräumen."

    @factory.post_generation
    def weekly_hours(obj, create, extracted, **kwargs):
        """Bookable Monday to Friday 9–21 unless a list of (weekday, opens, closes) is given."""
        if not create:
            return
        from rooms.models import RoomHours

        slots = (
            extracted
            if extracted is not None
            else [(day, datetime.time(9), datetime.time(21)) for day in range(5)]
        )
        RoomHours.objects.bulk_create(
            RoomHours(room=obj, weekday=day, opens=opens, closes=closes)
            for day, opens, closes in slots
        )


class BookingRequestFactory(factory.django.DjangoModelFactory):
    """A stored request (status requested) through the service, as the form would."""

    class Meta:
        model = "rooms.BookingRequest"

    room = factory.SubFactory(RoomFactory)
    start = factory.LazyFunction(
        lambda: timezone.make_aware(datetime.datetime.combine(_next_weekday(1), datetime.time(18)))
    )
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    purpose = "Treffen der Nachbarschaftsinitiative"
    people = 12
    name = "Erika Muster"
    email = "erika@example.org"
    accepted_rules = True
    accepted_privacy = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from rooms import services

        return services.request_submit(request=model_class(*args, **kwargs))


def _next_weekday(weekday, weeks_ahead=1):
    """The date of `weekday` (0 = Monday) in `weeks_ahead` weeks (past any lead time)."""
    today = timezone.localdate()
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks_ahead)


class BookingFactory(factory.django.DjangoModelFactory):
    """A confirmed date, written directly (the rules are tested through the services)."""

    class Meta:
        model = "rooms.Booking"

    request = factory.SubFactory(BookingRequestFactory)
    room = factory.LazyAttribute(lambda b: b.request.room)
    start = factory.LazyAttribute(lambda b: b.request.start)
    end = factory.LazyAttribute(lambda b: b.request.end)


from fonds.models import Letter, Repayment  # noqa: E402


class LetterFactory(factory.django.DjangoModelFactory):
    """A letter file in the private storage (the real PDF comes from services.letter_write)."""

    class Meta:
        model = Letter

    application = factory.SubFactory(ApplicationFactory, status=_Application.Status.APPROVED)
    letter_kind = Letter.Kind.APPROVAL
    file = factory.django.FileField(filename="bewilligung.pdf", data=RECEIPT_PDF)
    original_name = "bewilligung.pdf"
    kind = "pdf"
    size = len(RECEIPT_PDF)


class RepaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Repayment

    application = factory.SubFactory(
        ApplicationFactory, status=_Application.Status.COMPLETED, spent_amount=Decimal("400.00")
    )
    amount = Decimal("100.00")
    received_on = factory.LazyFunction(timezone.localdate)


from fonds.models import StandingJuryMember  # noqa: E402


class StandingJuryMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandingJuryMember

    fund = factory.SubFactory(FundFactory)
    name = factory.Faker("name")
    role = "Bewohner:in"


from fonds.models import LetterText  # noqa: E402


class LetterTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LetterText

    fund = factory.SubFactory(FundFactory)
    letter_kind = Letter.Kind.APPROVAL
    text = "Ihr Projekt $title ist mit $amount bewilligt."
