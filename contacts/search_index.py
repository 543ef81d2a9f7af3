"""What the site search finds of the contacts app (core/indexing.py says how
the search uses it): the listed contacts and the organisations the contacts
page shows."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.indexing import SearchKind, non_empty, number, pks

from .models import Contact, Organisation

# The index holds every published contact, also one outside its visibility
# window; the search leaves out what is hidden at the minute (hidden()).


def _released_contacts():
    return Contact.objects.filter(is_published=True, organisation__is_published=True)


class ContactKind(SearchKind):
    def visible(self):
        return _released_contacts().select_related("organisation")

    def hidden(self, now):
        return Contact.objects.not_public(now).filter(organisation__is_published=True)

    def entry(self, obj):
        return {
            "title": obj.display_name,
            "url": obj.get_absolute_url(),
            "context": obj.organisation.name,
            "texts": non_empty(obj.role, obj.office_hours, obj.function),
            "sort_key": (
                f"{number(obj.organisation.order)} {number(obj.order)} "
                f"{obj.name.casefold()} {obj.pk:010d}"
            ),
        }

    def affected(self, instance, using):
        # Whether an organisation is findable depends on its listed contacts,
        # and a contact that moved may have been its old organisation's last.
        # Organisations are few: all of them are brought up to date.
        return {"contacts": {instance.pk}, "organisations": pks(Organisation, using)}


class OrganisationKind(SearchKind):
    def visible(self):
        # Only organisations the contacts page shows: those with a listed contact.
        listed = _released_contacts().filter(organisation=OuterRef("pk"))
        return Organisation.objects.filter(Exists(listed))

    def hidden(self, now):
        listed = Contact.objects.listed(now).filter(organisation=OuterRef("pk"))
        return self.visible().exclude(Exists(listed))

    def entry(self, obj):
        address = ", ".join(
            part for part in (obj.street, f"{obj.postal_code} {obj.city}".strip()) if part
        )
        return {
            "title": obj.name,
            "url": obj.get_absolute_url(),
            "texts": non_empty(address),
            "sort_key": f"{number(obj.order)} {obj.name.casefold()} {obj.pk:010d}",
        }

    def affected(self, instance, using):
        # The organisation's name is the context of its contacts' hits.
        return {
            "organisations": {instance.pk},
            "contacts": pks(Contact, using, organisation=instance.pk),
        }


KINDS = (
    ContactKind(
        "contacts",
        _("Contacts"),
        Contact,
        ("function", "role", "office_hours", "organisation.name", "name"),
    ),
    OrganisationKind(
        "organisations", _("Organisations"), Organisation, ("name", "street", "postal_code", "city")
    ),
)
