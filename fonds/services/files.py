"""Applicants' files written inside a transaction are deleted again if it rolls back."""

import contextlib
import logging

from django.db import transaction

from fonds.models import private_storage

logger = logging.getLogger(__name__)


def delete_stored_files(names) -> None:
    for name in names:
        try:
            private_storage.delete(name)
        except OSError:
            logger.exception("Private file %s could not be deleted", name)


@contextlib.contextmanager
def files_kept_only_on_commit():
    """Collect the names of files stored in the block (`stored.append(row.file.name)`);
    if the block raises, the database rolls back and the files are removed too."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        delete_stored_files(stored)
        raise


def delete_files_after_commit(names) -> None:
    """Files of deleted rows go once the deletion is committed (never before)."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: delete_stored_files(names))


def attachment_delete(*, attachment, actor) -> None:
    """Staff remove a file of an application (a wrong upload): the row and, after the
    commit, the file go; the application's history says who removed which file."""
    with transaction.atomic():
        application = attachment.application
        name = attachment.original_name
        attachment.delete()
        application.log("attachment_deleted", actor=actor, comment=name)
