from modeltranslation.translator import TranslationOptions, register

from .models import LegalPage, Limitation


@register(LegalPage)
class LegalPageTranslation(TranslationOptions):
    fields = ("title", "intro", "body", "legal_form", "representative_role")


@register(Limitation)
class LimitationTranslation(TranslationOptions):
    fields = ("description", "reason", "alternative")
