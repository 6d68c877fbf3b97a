"""The PDF documents print residents' names as written (Turkish, Polish, Hungarian letters),
with German dates and amounts, in the font shipped with the project (fonds/fonts/)."""

import datetime
import logging
from decimal import Decimal as D

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from fonds import services
from fonds.models import Application, ConflictOfInterest, Letter
from fonds.pdf import FONT_DIR, FONT_FILES, Document
from tests.factories import AgendaItemFactory, ApplicationFactory, PayoutFactory

from .conftest import pdf_text

pytestmark = pytest.mark.django_db
Status = Application.Status
NAME = "Şahin Łukasz Ğündüz"
INITIATIVE = "Ölçek e.V."
TITLE = "Nachbarschaftsfest – Ődön & Żaneta kochen"
TARGET_GROUP = "Familien am Ğündüz-Platz"


@pytest.fixture
def application(fund):
    return ApplicationFactory(
        fund=fund,
        status=Status.APPROVED,
        requested_amount=D("1500.00"),
        approved_amount=D("1234.50"),
        decided_at=timezone.now(),
        name=NAME,
        organisation=INITIATIVE,
        project_title=TITLE,
        target_group=TARGET_GROUP,
    )


def test_the_font_and_its_licence_ship_with_the_project():
    for name in FONT_FILES.values():
        assert (FONT_DIR / name).read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType
    assert "Bitstream Vera Fonts Copyright" in (FONT_DIR / "LICENSE").read_text()


def test_a_letter_prints_the_name_as_written(application, fonds_staff):
    march = datetime.datetime(application.fund.year, 3, 5, 10, tzinfo=datetime.UTC)
    with time_machine.travel(march, tick=False):
        letter = services.letter_write(
            application=application, kind=Letter.Kind.PARTIAL_APPROVAL, actor=fonds_staff
        )
    with letter.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert f"{NAME} {INITIATIVE} Hochkamp 1" in text  # the address block
    assert f"Sehr geehrte:r {NAME}," in text
    assert f"„{TITLE}“" in text
    assert f"5. März {application.fund.year}" in text
    assert "1.234,50 €" in text and "1.500,00 €" in text


def test_minutes_jury_sheet_and_year_report_print_names_as_written(
    client, fund, application, fonds_staff
):
    meeting = fund.jury_meetings.get()
    chair = meeting.members.create(name="Łukasz Wróblewski", role="Vorsitz")
    meeting.members.create(name="Zora Ilić", present=False)
    ConflictOfInterest.objects.create(meeting=meeting, member=chair, application=application)
    AgendaItemFactory(
        meeting=meeting, application=application, outcome="approve", amount=D("1234.50")
    )
    client.force_login(fonds_staff)
    url = reverse("admin:fonds_jurymeeting_minutes_pdf", args=[meeting.pk])
    text = pdf_text(client.get(url).content)
    assert "Łukasz Wróblewski" in text and "Zora Ilić" in text
    assert date_format(meeting.date, "DATE_FORMAT") in text
    assert TITLE in text and "1.234,50 €" in text and "1.500,00 €" in text
    sheet = ApplicationFactory(
        fund=fund, status=Status.IN_REVIEW, jury_meeting=meeting, name=NAME, organisation=INITIATIVE
    )
    url = reverse("admin:fonds_jurymeeting_jury_sheet_pdf", args=[meeting.pk])
    text = pdf_text(client.get(url).content)
    assert sheet.reference_number in text and f"{NAME} ({INITIATIVE})" in text
    assert date_format(sheet.start_date, "SHORT_DATE_FORMAT") in text
    Application.objects.filter(pk=application.pk).update(status=Status.PAID)
    PayoutFactory(application=application, amount=D("1234.50"))
    text = pdf_text(client.get(reverse("admin:fonds_fund_report_pdf", args=[fund.pk])).content)
    assert TARGET_GROUP in text and "1.234,50 €" in text


def test_characters_outside_the_font_print_as_question_marks(caplog):
    pdf = Document(title="Brief", footer="Büro")
    pdf.paragraph(f"王芳 und {NAME}")
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        text = pdf_text(pdf.to_bytes())
    assert f"?? und {NAME}" in text
    assert not caplog.records  # fpdf2 logs each glyph the font lacks
