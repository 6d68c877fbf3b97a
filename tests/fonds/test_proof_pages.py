"""The applicant's proof of use form, the status page, the barometer and the downloads."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from fonds import services
from fonds.models import Application, Proof, ProofPayment, ProofPhoto
from tests.conftest import make_staff
from tests.factories import (
    RECEIPT_PDF,
    ApplicationFactory,
    FundFactory,
    PayoutFactory,
    ProofFactory,
    ProofPaymentFactory,
    ProofPhotoFactory,
)
from tests.form_html import field_errors

pytestmark = pytest.mark.django_db

Status = Application.Status


def image_bytes(image_format="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#00594f").save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data)


@pytest.fixture
def application(fund):
    return ApplicationFactory(
        fund=fund,
        status=Status.PAID,
        approved_amount=Decimal("400.00"),
        email="kaya@example.org",
        end_date=timezone.localdate(),
        start_date=timezone.localdate(),
    )


def proof_url(application):
    return reverse("fonds:proof-create", kwargs={"token": application.token})


def proof_data(**overrides):
    data = {
        "report": "Rund 90 Nachbar:innen haben im Hof gefeiert.",
        "participants": "90",
        "payments-TOTAL_FORMS": "3",
        "payments-INITIAL_FORMS": "0",
        "payments-MIN_NUM_FORMS": "0",
        "payments-MAX_NUM_FORMS": "30",
        "payments-0-paid_on": "2026-06-13",
        "payments-0-payee": "Zeltverleih Sommer",
        "payments-0-purpose": "Bierzeltgarnituren",
        "payments-0-amount": "250,00",
        "payments-0-receipt": upload("rechnung.pdf", RECEIPT_PDF),
        "payments-1-paid_on": "2026-06-12",
        "payments-1-payee": "Druckerei Hansen",
        "payments-1-purpose": "Plakate",
        "payments-1-amount": "1.00",
        "payments-1-receipt": upload("bon.jpg", image_bytes("JPEG")),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_valid_proof_is_saved_privately_and_mails_sent(
    client, application, settings, django_capture_on_commit_callbacks
):
    data = proof_data(
        photos=[upload("fest.png", image_bytes()), upload("hof.jpg", image_bytes("JPEG"))]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(proof_url(application), data)
    assert response.status_code == 302
    assert response["Location"] == application.get_status_url()
    proof = Proof.objects.get()
    assert proof.participants == 90 and proof.status == Proof.Status.SUBMITTED
    assert sorted(p.amount for p in proof.payments.all()) == [Decimal("1.00"), Decimal("250.00")]
    assert proof.photos.count() == 2
    private_root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    for item in [*proof.payments.all(), *proof.photos.all()]:
        path = Path(item.file.path).resolve()
        assert path.is_relative_to(private_root)
        assert "rechnung" not in path.name
        with pytest.raises(ValueError):
            item.file.url  # noqa: B018
    assert len(mail.outbox) == 2
    page = client.get(application.get_status_url()).content.decode()
    assert "Eingereicht, wird geprüft" in page
    assert proof_url(application) not in page  # no second proof while one is pending


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"report": ""}, "Bitte beschreiben Sie in ein paar Sätzen, was stattgefunden hat."),
        (
            {"participants": ""},
            "Bitte geben Sie an, wie viele Menschen ungefähr teilgenommen haben.",
        ),
        ({"participants": "0"}, "größer oder gleich 1"),
        ({"participants": "viele"}, "ganze Zahl"),
        (
            {
                f"payments-{n}-{f}": ""
                for n in (0, 1)
                for f in ("paid_on", "payee", "purpose", "amount")
            }
            | {"payments-0-receipt": None, "payments-1-receipt": None},
            "Bitte nennen Sie mindestens eine Ausgabe mit Beleg.",
        ),
        ({"payments-0-receipt": None}, "Bitte wählen Sie den Beleg für diese Ausgabe aus."),
        ({"payments-0-paid_on": ""}, "Dieses Feld ist zwingend erforderlich."),
        ({"payments-0-paid_on": "13.13.2026"}, "gültiges Datum"),
        ({"payments-0-payee": ""}, "Dieses Feld ist zwingend erforderlich."),
        ({"payments-0-purpose": ""}, "Dieses Feld ist zwingend erforderlich."),
        ({"payments-0-amount": ""}, "Dieses Feld ist zwingend erforderlich."),
        (
            {"payments-0-amount": "zwölf"},
            "Bitte geben Sie einen Betrag wie 1.234,56 oder 1234.56 ein.",
        ),
        ({"payments-0-amount": "0"}, "Bitte geben Sie einen Betrag von mehr als 0 € an."),
        (
            {"payments-0-receipt": upload("bon.jpg", b"\xff\xd8\xff\xe0 not really a jpeg" * 10)},
            "keine echte JPEG-Datei",
        ),
        (
            {"payments-0-receipt": upload("rechnung.pdf", b"%PDF-1.4 cut off")},
            "keine echte PDF-Datei",
        ),
        (
            {"payments-0-receipt": upload("rechnung.docx", b"PK\x03\x04")},
            "nur PDF-, JPEG- oder PNG-Dateien",
        ),
        (
            {"photos": [upload("bericht.pdf", RECEIPT_PDF)]},
            "Bitte wählen Sie Fotos als JPEG- oder PNG",
        ),
        ({"photos": [upload("fest.jpg", image_bytes("PNG"))]}, "keine echte JPEG-Datei"),
        (
            {"photos": [upload(f"f{n}.png", image_bytes()) for n in range(11)]},
            "Bitte wählen Sie höchstens 10 Fotos aus.",
        ),
    ],
)
def test_every_validation_message_and_data_kept(client, application, overrides, message):
    response = client.post(proof_url(application), proof_data(**overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    if (name := next(iter(overrides))) in ("report", "participants", "photos"):
        assert message in field_errors(page, f"id_{name}")
    assert "error-summary" in page
    assert "Bitte wählen Sie Ihre Belege und Fotos noch einmal aus" in page
    if overrides.get("report") != "":
        assert "Rund 90 Nachbar:innen haben im Hof gefeiert." in page
    if "payments-1-payee" not in overrides:
        assert 'value="Druckerei Hansen"' in page
    assert 'name="payments-0-receipt"' in page  # an empty file input: chosen again
    assert not Proof.objects.exists() and not ProofPayment.objects.exists()
    assert not ProofPhoto.objects.exists()


def test_oversized_receipt_is_refused(client, application):
    big = upload("rechnung.pdf", RECEIPT_PDF + b"0" * (10 * 1024 * 1024))
    response = client.post(proof_url(application), proof_data(**{"payments-0-receipt": big}))
    assert response.status_code == 400
    assert "ist zu groß: höchstens 10 MB pro Datei" in response.content.decode()


def test_add_row_without_javascript_keeps_data_and_shows_no_errors(client, application):
    data = proof_data(report="", **{"payments-TOTAL_FORMS": "3", "add_row": "payments"})
    response = client.post(proof_url(application), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="payments-TOTAL_FORMS" value="4"' in page
    assert 'name="payments-3-payee"' in page
    assert 'value="Zeltverleih Sommer"' in page
    assert "error-summary" not in page
    assert "251,00 €" in page  # the typed total
    assert not Proof.objects.exists()


@pytest.mark.parametrize(
    "status",
    [Status.SUBMITTED, Status.IN_REVIEW, Status.REJECTED, Status.WITHDRAWN, Status.COMPLETED],
)
def test_proof_page_only_for_approved_or_paid(client, fund, status):
    application = ApplicationFactory(fund=fund, status=status)
    assert client.get(proof_url(application)).status_code == 302
    response = client.post(proof_url(application), proof_data())
    assert response.status_code == 302
    assert not Proof.objects.exists()
    page = client.get(application.get_status_url()).content.decode()
    assert proof_url(application) not in page


@pytest.mark.parametrize("proof_status", [Proof.Status.SUBMITTED, Proof.Status.ACCEPTED])
def test_proof_page_closed_while_proof_pending_or_accepted(client, application, proof_status):
    ProofFactory(application=application, status=proof_status)
    assert client.get(proof_url(application)).status_code == 302
    client.post(proof_url(application), proof_data())
    assert Proof.objects.count() == 1


def test_unknown_token_is_404(client, application):
    assert (
        client.get(proof_url(application).replace(application.token[:5], "xxxxx")).status_code
        == 404
    )


def test_returned_note_shown_and_new_proof_possible(client, application):
    ProofFactory(
        application=application,
        status=Proof.Status.RETURNED,
        review_note="Bitte den Beleg der Druckerei nachreichen.",
    )
    page = client.get(application.get_status_url()).content.decode()
    assert "Bitte den Beleg der Druckerei nachreichen." in page
    assert "Zur Überarbeitung zurückgegeben" in page
    assert proof_url(application) in page
    form = client.get(proof_url(application))
    assert form.status_code == 200
    assert "Bitte den Beleg der Druckerei nachreichen." in form.content.decode()
    assert client.post(proof_url(application), proof_data()).status_code == 302
    assert Proof.objects.filter(status=Proof.Status.SUBMITTED).count() == 1


def test_status_page_shows_payouts_and_repayment_due(client, application):
    PayoutFactory(application=application, amount=Decimal("400.00"), is_advance=True)
    proof = ProofFactory(application=application)
    ProofPaymentFactory(proof=proof, amount=Decimal("312.50"))
    services.proof_accept(proof=proof, actor=None, notify=False)
    page = client.get(application.get_status_url()).content.decode()
    assert "400,00 €" in page and "Vorschuss" in page
    assert "Bitte zahlen Sie 87,50 € zurück" in page
    assert proof_url(application) not in page


def test_status_page_asks_for_proof_when_paid(client, application):
    page = client.get(application.get_status_url()).content.decode()
    assert proof_url(application) in page
    assert "Verwendungsnachweis senden" in page


def test_fund_page_barometer_shows_paid(client, office):
    fund = FundFactory(office=office, budget=Decimal("10000.00"))
    paid = ApplicationFactory(fund=fund, status=Status.PAID, approved_amount=Decimal("1200.00"))
    PayoutFactory(application=paid, amount=Decimal("700.00"))
    PayoutFactory(application=paid, amount=Decimal("500.00"))
    ApplicationFactory(fund=fund, status=Status.APPROVED, approved_amount=Decimal("800.00"))
    page = client.get(fund.get_absolute_url()).content.decode()
    assert "Ausgezahlt" in page
    assert "1.200,00 €" in page  # paid
    assert "2.000,00 €" in page  # approved
    assert "8.000,00 €" in page  # remaining
    listing = client.get(reverse("fonds:fund-list")).content.decode()
    assert "1.200,00 €" in listing


# --- Downloads of receipts and photos -----------------------------------------------------


@pytest.fixture
def files(application):
    proof = ProofFactory(application=application)
    return ProofPaymentFactory(proof=proof), ProofPhotoFactory(proof=proof)


@pytest.mark.parametrize("which", [0, 1])
def test_download_for_staff_of_the_office(client, files, fonds_staff, which):
    item = files[which]
    client.force_login(fonds_staff)
    response = client.get(item.get_download_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == item.content_type
    content = b"".join(response.streaming_content)
    assert content == Path(item.file.path).read_bytes()


@pytest.mark.parametrize("which", [0, 1])
def test_download_refused_to_public_and_foreign_staff(
    client, files, other_fonds_staff, office, which
):
    item = files[which]
    url = item.get_download_url()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    client.force_login(other_fonds_staff)
    assert client.get(url).status_code == 404
    client.force_login(make_staff(office, "offices"))  # own office, no fund permission
    assert client.get(url).status_code == 404


def test_receipts_have_no_public_url(client, files):
    payment, photo = files
    for item in files:
        for url in [f"/media/{item.file.name}", f"/{item.file.name}"]:
            assert client.get(url).status_code == 404


def test_superuser_downloads_any_receipt(client, files, superuser):
    client.force_login(superuser)
    response = client.get(files[0].get_download_url())
    assert response.status_code == 200
    response.close()


# --- Query counts ---------------------------------------------------------------------------


def make_history(application, count):
    for n in range(count):
        PayoutFactory(application=application, amount=Decimal("1.00"), is_advance=True)
        proof = ProofFactory(
            application=application, status=Proof.Status.RETURNED, review_note=f"Nr. {n}"
        )
        for _ in range(3):
            ProofPaymentFactory(proof=proof, amount=Decimal("2.00"))


@pytest.mark.parametrize("count", [1, 12])
def test_proof_page_query_count_is_bounded(
    client, application, django_assert_max_num_queries, count
):
    make_history(application, count)
    # application, payouts, proofs with their spent sums, the returned proof's payments
    with django_assert_max_num_queries(4):
        response = client.get(proof_url(application))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_status_page_with_proofs_query_count_is_bounded(
    client, application, django_assert_max_num_queries, count
):
    make_history(application, count)
    with django_assert_max_num_queries(4):
        response = client.get(application.get_status_url())
    assert response.status_code == 200
    assert f"Nr. {count - 1}" in response.content.decode()


def test_returned_proof_keeps_its_entries_and_files(
    client, application, django_capture_on_commit_callbacks
):
    proof = ProofFactory(
        application=application,
        status=Proof.Status.RETURNED,
        review_note="Die Plakate gehören nicht dazu.",
        participants=90,
    )
    tent = ProofPaymentFactory(proof=proof, payee="Zeltverleih Sommer", amount=Decimal("250"))
    posters = ProofPaymentFactory(proof=proof, payee="Druckerei Hansen", amount=Decimal("80"))
    tent_file = tent.file.name
    form = client.get(proof_url(application)).content.decode()
    assert "Zeltverleih Sommer" in form and "Druckerei Hansen" in form
    assert proof.report in form and 'value="90"' in form
    assert f'name="payments-0-payment_id" value="{tent.pk}"' in form
    data = {
        "report": proof.report,
        "participants": "95",
        "payments-TOTAL_FORMS": "3",
        "payments-INITIAL_FORMS": "2",
        "payments-MIN_NUM_FORMS": "0",
        "payments-MAX_NUM_FORMS": "30",
        "payments-0-payment_id": str(tent.pk),
        "payments-0-paid_on": tent.paid_on.isoformat(),
        "payments-0-payee": tent.payee,
        "payments-0-purpose": tent.purpose,
        "payments-0-amount": "240,00",
        "payments-1-payment_id": str(posters.pk),
        "payments-1-paid_on": posters.paid_on.isoformat(),
        "payments-1-payee": posters.payee,
        "payments-1-purpose": posters.purpose,
        "payments-1-amount": "80,00",
        "payments-1-remove": "on",
        "payments-2-paid_on": timezone.localdate().isoformat(),
        "payments-2-payee": "Getränke Nord",
        "payments-2-purpose": "Saft",
        "payments-2-amount": "30,00",
        "payments-2-receipt": upload("saft.pdf", RECEIPT_PDF),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(proof_url(application), data)
    assert response.status_code == 302
    proof.refresh_from_db()
    assert proof.status == Proof.Status.SUBMITTED and proof.participants == 95
    payments = {payment.payee: payment for payment in proof.payments.all()}
    assert set(payments) == {"Zeltverleih Sommer", "Getränke Nord"}
    assert payments["Zeltverleih Sommer"].file.name == tent_file  # the file stayed
    assert payments["Zeltverleih Sommer"].amount == Decimal("240.00")
    assert payments["Zeltverleih Sommer"].file.storage.exists(tent_file)
    assert not ProofPayment.objects.filter(pk=posters.pk).exists()
    assert not posters.file.storage.exists(posters.file.name)  # removed with its row
    event = application.events.get(event_type="fonds.application.proof_corrected")
    assert "250,00 € → 240,00 €" in event.comment
    assert "Druckerei Hansen" in event.comment and "Getränke Nord" in event.comment
    assert "90 → 95" in event.comment
    # One proof only, waiting again for the office's review.
    assert application.proofs.count() == 1


def test_a_guessed_payment_id_is_not_kept(client, application):
    ProofFactory(application=application, status=Proof.Status.RETURNED)
    other = ProofPaymentFactory()  # another applicant's receipt
    data = proof_data(**{"payments-0-payment_id": str(other.pk), "payments-0-receipt": None})
    response = client.post(proof_url(application), data)
    assert response.status_code == 400  # a new row needs its receipt
    assert ProofPayment.objects.filter(proof__application=application).count() == 0
