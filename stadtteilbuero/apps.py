from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "stadtteilbuero"
    verbose_name = _("Portal")

    def ready(self):
        # Each app's search.py registers its searchable types (stadtteilbuero.search).
        autodiscover_modules("search")

        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .images import drop_source_hashing
        from .pagecache import content_changed

        drop_source_hashing()

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"pagecache-{id(signal)}")
