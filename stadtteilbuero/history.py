"""The change history (django-simple-history) of content whose texts are translated."""

from modeltranslation.fields import TranslationField
from simple_history.models import HistoricalRecords as BaseHistoricalRecords


class HistoricalRecords(BaseHistoricalRecords):
    """Leaves out the per-language columns of django-modeltranslation (title_de,
    title_en, ...): they are added to a model after its history table is built. The
    history keeps the text in the field itself (title), as the editor saved it."""

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        # A model in a package's submodule (offices/models/office.py) gets its history
        # model in the package, as before the split: offices.models.HistoricalOffice.
        package = f"{cls._meta.app_config.name}.models"
        if cls.__module__.startswith(package + "."):
            self.module = package

    def fields_included(self, model):
        return [
            field
            for field in super().fields_included(model)
            if not isinstance(field, TranslationField)
        ]
