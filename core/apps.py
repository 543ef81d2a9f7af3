from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app of the site shares; it imports none of them."""

    name = "core"
    verbose_name = _("Site basics")

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy checks
