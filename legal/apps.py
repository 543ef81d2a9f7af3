from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = _("Legal pages and feedback")

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy checks
