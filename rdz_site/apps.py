from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RdzSiteConfig(AppConfig):
    name = "rdz_site"
    verbose_name = _("Legal pages and feedback")

    def ready(self):
        from . import (
            checks,  # noqa: F401 - registers the deploy check
            search_index,
        )

        search_index.connect(self)
