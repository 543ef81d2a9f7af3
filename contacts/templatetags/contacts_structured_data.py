"""JSON-LD (schema.org) for organisations: GovernmentOrganization or
Organization, with contacts as its ContactPoints. The tags only read what
the views have already loaded: they add no query."""

from django import template
from django.utils.html import format_html_join

from contacts.models import Organisation
from core.jsonld import absolute, ld_json

register = template.Library()

GOVERNMENT = (Organisation.Kind.COUNTY_UNIT, Organisation.Kind.MINISTRY)


def organisation_type(organisation):
    return "GovernmentOrganization" if organisation.kind in GOVERNMENT else "Organization"


def postal_address(organisation):
    if not organisation.has_address:
        return None
    return {
        "@type": "PostalAddress",
        "streetAddress": organisation.street,
        "postalCode": organisation.postal_code,
        "addressLocality": organisation.city,
        "addressCountry": "DE",
    }


def organisation_data(organisation, contacts=()):
    return {
        "@type": organisation_type(organisation),
        "@id": absolute(organisation.get_absolute_url()),
        "name": organisation.name,
        "url": organisation.website,
        "telephone": organisation.phone_uri,
        "email": organisation.email,
        "address": postal_address(organisation),
        "contactPoint": [
            {
                "@type": "ContactPoint",
                "name": contact.display_name,
                "contactType": contact.role or contact.function,
                "telephone": contact.phone_uri,
                "email": contact.email,
                "url": absolute(contact.get_absolute_url()),
            }
            for contact in contacts
        ],
    }


@register.simple_tag
def county_jsonld(contacts):
    """GovernmentOrganization for each county unit among the organisations of
    `contacts` (loaded with their organisation), with those contacts as its
    ContactPoints."""
    by_organisation = {}
    for contact in contacts:
        if contact.organisation.kind == Organisation.Kind.COUNTY_UNIT:
            by_organisation.setdefault(contact.organisation, []).append(contact)
    return format_html_join(
        "",
        "{}",
        (
            (ld_json(organisation_data(organisation, members)),)
            for organisation, members in by_organisation.items()
        ),
    )
