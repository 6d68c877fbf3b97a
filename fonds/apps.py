from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FondsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fonds"
    verbose_name = _("Neighbourhood fund")

    def ready(self):
        from django.db.models.signals import post_delete

        from offices.sections import register_office_section

        from .models import Attachment, ProofPayment, ProofPhoto
        from .office_page import office_fund
        from .services.files import delete_files_after_commit

        # An applicant's file goes with its row, however the row is deleted (admin,
        # anonymisation, cascade), and only once the deletion is committed.
        def delete_private_file(sender, instance, **kwargs):
            delete_files_after_commit([instance.file.name])

        for model in (Attachment, ProofPayment, ProofPhoto):
            post_delete.connect(
                delete_private_file, sender=model, weak=False, dispatch_uid=f"file-{model}"
            )

        # This app's section of the office page (offices imports no app above it).
        register_office_section(
            "fund", order=30, template="fonds/_office_fund.html", context=office_fund
        )
