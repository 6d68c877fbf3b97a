import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from fonds.forms import AmountField, parse_amount
from fonds.models import Application, Attachment, Fund, JuryMeeting
from stadtteilbuero.uploads import clean_file_name
from tests.factories import ApplicationFactory, FundFactory


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1.234", "1234"),
        ("1.234.567,8", "1234567.8"),
        ("0,5", "0.5"),
        ("850", "850"),
        ("1 234,56 €", "1234.56"),
        ("€ 12", "12"),
        ("12.5", "12.5"),
    ],
)
def test_parse_amount_understands_german_and_plain(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1.23.4,5", "12,3,", "Infinity", "1e5x"])
def test_parse_amount_refuses_garbage(text):
    assert parse_amount(text) is None


def test_amount_field_messages_and_limits():
    field = AmountField()
    assert field.clean("1.234,56") == Decimal("1234.56")
    with pytest.raises(ValidationError) as error:
        field.clean("zwölf Euro")
    assert error.value.code == "invalid"
    with pytest.raises(ValidationError):
        field.clean("12,345")  # three decimals
    with pytest.raises(ValidationError):
        field.clean("100.000.000,00")  # more than ten digits
    with pytest.raises(ValidationError):
        field.clean("-5")


@pytest.mark.django_db
def test_one_fund_per_office_and_year(office):
    FundFactory(office=office, year=2026)
    with pytest.raises(IntegrityError), transaction.atomic():
        FundFactory(office=office, year=2026, meetings=[])
    assert "fund_one_per_office_year" in {c.name for c in Fund._meta.constraints}
    FundFactory(office=office, year=2027)  # the next year is fine


@pytest.mark.django_db
def test_jury_deadline_must_not_be_after_meeting(fund):
    day = timezone.localdate()
    meeting = JuryMeeting(fund=fund, date=day, application_deadline=day + datetime.timedelta(1))
    with pytest.raises(ValidationError):
        meeting.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        meeting.save()


@pytest.mark.django_db
def test_fund_maximum_not_above_budget(office):
    fund = Fund(
        office=office, year=2030, title="F", budget=Decimal(100), max_per_application=Decimal(200)
    )
    with pytest.raises(ValidationError) as error:
        fund.full_clean()
    assert "max_per_application" in error.value.message_dict


@pytest.mark.django_db
def test_application_end_after_start_constraint():
    application = ApplicationFactory()
    application.end_date = application.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        application.clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        application.save()


@pytest.mark.django_db
def test_fund_accepts_applications_only_while_open_and_before_last_deadline(office):
    fund = FundFactory(office=office, meetings=[(-30, -20), (3, 10)])
    assert fund.accepts_applications()
    assert fund.next_meeting().application_deadline > timezone.localdate()
    later = timezone.localdate() + datetime.timedelta(days=4)
    assert not fund.accepts_applications(later)  # after the last deadline
    fund.is_open = False
    assert not fund.accepts_applications()


@pytest.mark.django_db
def test_current_funds_are_this_years_of_active_offices():
    this_year = FundFactory()
    FundFactory(year=timezone.localdate().year + 1)
    FundFactory(office__is_active=False)
    assert list(Fund.objects.current()) == [this_year]


@pytest.mark.django_db
def test_publishable_needs_a_grant_and_consent(fund):
    shown = ApplicationFactory(fund=fund, status=Application.Status.PAID)
    ApplicationFactory(fund=fund, status=Application.Status.PAID, consent_publish=False)
    ApplicationFactory(fund=fund, status=Application.Status.IN_REVIEW)
    assert list(Application.objects.publishable()) == [shown]


@pytest.mark.django_db
def test_querysets_scope_by_office(fund, other_office, fonds_staff, superuser):
    own = ApplicationFactory(fund=fund)
    ApplicationFactory(fund=FundFactory(office=other_office))
    assert list(Application.objects.managed_by(fonds_staff)) == [own]
    assert Application.objects.managed_by(superuser).count() == 2
    assert list(Fund.objects.managed_by(fonds_staff)) == [fund]


def test_private_storage_is_outside_media_and_has_no_url(settings):
    storage = Attachment.file.field.storage
    assert Path(storage.location) == Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    assert not Path(storage.location).is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(ValueError):
        storage.url("fonds/attachments/x.pdf")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\Ayşe\\Angebot 1.pdf", "Angebot_1.pdf"),
        ("..", "datei"),
        ("", "datei"),
        ("<script>.png", "script.png"),
    ],
)
def test_clean_file_name(name, expected):
    assert clean_file_name(name) == expected
