"""File storage that never leaves half a file behind: an upload that fails while it is
written (a full disk, a dropped connection) is removed again before the error goes on."""

import logging

from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

logger = logging.getLogger(__name__)


@deconstructible
class CleanFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except BaseException:
            # FileSystemStorage created `name` exclusively before writing into it.
            if self.exists(name):
                try:
                    self.delete(name)
                except OSError:
                    logger.exception("Partial upload %s could not be removed", name)
            raise
