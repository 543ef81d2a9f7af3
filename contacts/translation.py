from modeltranslation.translator import TranslationOptions, register

from .models import Contact, Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)


@register(Contact)
class ContactTranslation(TranslationOptions):
    fields = ("function", "role", "office_hours")
