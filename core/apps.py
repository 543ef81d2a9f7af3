from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app of the site shares; it imports none of them."""

    name = "core"
    verbose_name = _("Site basics")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_init

        from . import checks  # noqa: F401 - registers the deploy checks
        from .models import CleanTextModel, clean_text_when_loaded

        for model in apps.get_models():
            if issubclass(model, CleanTextModel):
                post_init.connect(clean_text_when_loaded, sender=model)
