"""Translated fields for editors: which column stands for the others, and
how the admin names a field outside its form (history, restore preview,
edit conflict, broken-link report): a language column by its field and
language, "Titel (Deutsch)", rather than django-modeltranslation's
"Titel [de]", which editors read as markup."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import get_language_info

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def has_language_columns(model, field):
    """Whether `field` is the untranslated column of a translated field
    (title beside title_de and title_en): forms and outputs use the others."""
    names = {other.name for other in model._meta.concrete_fields}
    return any(f"{field.name}_{code}" in names for code in LANGUAGE_CODES)


def field_label(model, field):
    """The label of `field` (a model field of `model`) for editors."""
    base, _sep, language = field.name.rpartition("_")
    if language in LANGUAGE_CODES:
        try:
            translated = model._meta.get_field(base)
        except FieldDoesNotExist:  # an ordinary name ending in "_xx"
            translated = None
        if translated is not None:
            name = get_language_info(language)["name_translated"]
            return f"{capfirst(str(translated.verbose_name))} ({name})"
    return capfirst(str(field.verbose_name))
