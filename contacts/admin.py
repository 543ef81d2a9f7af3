from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.admin import PublishingAdmin, StatusFilter, register_history

from .models import Contact, Organisation

register_history(Organisation)
register_history(Contact)


@admin.register(Organisation)
class OrganisationAdmin(PublishingAdmin):
    # Addresses typed without a scheme are meant as https:// (and Django 6
    # will assume so; saying it now also silences its deprecation warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "status", "kind", "city", "phone", "order")
    list_editable = ("order",)
    list_filter = (StatusFilter, "kind")
    search_fields = ("name", "city", "email")
    prepopulated_fields = {"slug": ("name_de",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "order")}),
        (
            _("Contact details"),
            {"fields": ("street", "postal_code", "city", "phone", "email", "website")},
        ),
    )

    def view_on_site(self, obj):
        # Only where the contacts page shows it (under a listed contact):
        # organisations and contacts have no preview of their own.
        listed = Contact.objects.listed().filter(organisation=obj).exists()
        return obj.get_absolute_url() if listed else None


@admin.register(Contact)
class ContactAdmin(PublishingAdmin):
    list_display = ("display_name", "status", "role", "organisation", "phone", "email")
    list_filter = (StatusFilter, "organisation")
    list_select_related = ("organisation",)
    search_fields = ("name", "function", "role", "email")
    prepopulated_fields = {"slug": ("name", "function_de")}
    autocomplete_fields = ("organisation",)

    @admin.display(description=_("name or function"), ordering="name")
    def display_name(self, obj):
        return obj.display_name

    def view_on_site(self, obj):
        # Only where the contacts page shows it: no preview of its own.
        return obj.get_absolute_url() if obj.is_public() else None
