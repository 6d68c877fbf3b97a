"""The portal's one way to send e-mail: queue it in the caller's transaction, deliver it
with Django's tasks API, retry with back-off, let staff resend it.

With the database task backend (production) the task row is written through the same
connection as the caller's change, so both commit or roll back together and a worker
(`manage.py db_worker`) delivers it. Any other backend (the immediate one in development
and tests) is handed the task only after the transaction commits.
"""

import logging
from datetime import timedelta
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task
from django_tasks_db import DatabaseBackend

from .models import OutgoingMail

logger = logging.getLogger(__name__)

# Waits after the 1st, 2nd, ... failed attempt; after one more failure the mail is failed.
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def render_mail(template_prefix: str, context: dict) -> tuple[str, str]:
    """Subject (one line) and body from <prefix>_subject.txt and <prefix>_body.txt, in German."""
    with translation.override("de"):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        body = render_to_string(f"{template_prefix}_body.txt", context)
    return subject, body


def queue_mail(
    *,
    to: list[str],
    subject: str,
    body: str,
    reply_to: list[str] | None = None,
    about=None,
    attachment: tuple[str, bytes] | None = None,
) -> OutgoingMail | None:
    """Write the mail and enqueue its delivery, in the caller's transaction;
    `attachment` is one PDF as (file name, content)."""
    recipients = [address for address in to if address]
    if not recipients:
        logger.warning("E-mail %r has no recipient and is not queued", subject)
        return None
    with transaction.atomic():
        mail = OutgoingMail.objects.create(
            to=recipients,
            reply_to=[address for address in reply_to or [] if address],
            subject=subject[: OutgoingMail._meta.get_field("subject").max_length],
            body=body,
            content_type=ContentType.objects.get_for_model(about) if about is not None else None,
            object_id=str(about.pk) if about is not None else "",
            next_attempt_at=timezone.now(),
            attachment_name=attachment[0] if attachment else "",
            attachment_content=attachment[1] if attachment else b"",
        )
        _enqueue(mail.pk)
    return mail


def mail_resend(mail: OutgoingMail) -> OutgoingMail:
    """Put a sent or failed mail (or one whose last try failed) back in the queue."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().get(pk=mail.pk)
        if not mail.can_resend:
            return mail
        mail.status = OutgoingMail.Status.WAITING
        mail.attempts = 0
        mail.next_attempt_at = timezone.now()
        mail.save(update_fields=["status", "attempts", "next_attempt_at"])
        _enqueue(mail.pk)
    return mail


@task()
def deliver_mail(mail_id: int) -> str:
    """Send one queued mail. A mail that is no longer waiting is left alone, so a task
    that runs twice (a resend beside a pending retry) never sends a mail twice."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status != OutgoingMail.Status.WAITING:
            return "skipped"
        mail.attempts += 1
        try:
            mail.as_message().send()
        except Exception as error:  # any failure of the mail backend: retry later
            _record_failure(mail, error)
            return "failed"
        mail.status = OutgoingMail.Status.SENT
        mail.sent_at = timezone.now()
        mail.next_attempt_at = None
        mail.last_error = ""
        mail.save(update_fields=["status", "attempts", "sent_at", "next_attempt_at", "last_error"])
    return "sent"


def _record_failure(mail: OutgoingMail, error: Exception) -> None:
    mail.last_error = f"{type(error).__name__}: {error}"[:2000]
    if mail.attempts >= MAX_ATTEMPTS:
        mail.status = OutgoingMail.Status.FAILED
        mail.next_attempt_at = None
        logger.error("E-mail %s failed for good after %s attempts", mail.pk, mail.attempts)
    else:
        mail.next_attempt_at = timezone.now() + RETRY_DELAYS[mail.attempts - 1]
        logger.warning("E-mail %s failed (%s), retry at %s", mail.pk, error, mail.next_attempt_at)
    mail.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])
    if mail.status == OutgoingMail.Status.WAITING:
        _enqueue(mail.pk, run_after=mail.next_attempt_at)


def _enqueue(mail_id: int, *, run_after=None) -> None:
    backend = deliver_mail.get_backend()
    if run_after is not None and not backend.supports_defer:
        # A backend without a queue cannot wait: the mail stays waiting with its error,
        # and staff resend it (production uses the database backend, which retries).
        logger.warning("E-mail %s is not retried by the %s task backend", mail_id, backend.alias)
        return
    scheduled = deliver_mail.using(run_after=run_after) if run_after else deliver_mail
    if isinstance(backend, DatabaseBackend):
        # Same connection, same transaction: the task exists exactly if the mail does.
        scheduled.enqueue(mail_id)
    else:
        transaction.on_commit(partial(scheduled.enqueue, mail_id))
