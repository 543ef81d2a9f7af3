"""JSON-LD (schema.org) for search engines and other machines:
GovernmentOrganization with its ContactPoints, Event, MonetaryGrant.

The data is built in Python and serialised with json.dumps; `<`, `>` and `&`
are written as \\u escapes (as Django's json_script does), so no text from
the database can end the <script> element. A JSON-LD block is data, not a
script the browser runs, so the strict CSP does not apply to it. The tags
only read what the views have already loaded: they add no query.
"""

import datetime
import json
from zoneinfo import ZoneInfo

from django import template
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from contacts.models import Organisation
from core.links import reverse_cached

register = template.Library()

SCHEMA = "https://schema.org"
_ESCAPES = {"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"}


def _compact(data):
    """Leave out empty values: a field that is not known is not sent."""
    if isinstance(data, dict):
        return {
            key: _compact(value) for key, value in data.items() if value not in ("", None, [], {})
        }
    if isinstance(data, list):
        return [_compact(value) for value in data]
    return data


def ld_json(data):
    """One <script type="application/ld+json"> element for `data`."""
    text = json.dumps({"@context": SCHEMA, **_compact(data)}, ensure_ascii=False)
    # Safe: the three characters that could close or confuse the element are
    # escaped (three replace() calls: str.translate() with a dict takes ten
    # times as long on a page of contacts).
    for character, replacement in _ESCAPES.items():
        text = text.replace(character, replacement)
    escaped = mark_safe(text)  # noqa: S308
    return format_html('<script type="application/ld+json">{}</script>', escaped)


def _absolute(path):
    return settings.SITE_URL + path


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
    kind = (
        "GovernmentOrganization"
        if organisation.kind in (Organisation.Kind.COUNTY_UNIT, Organisation.Kind.MINISTRY)
        else "Organization"
    )
    contacts_page = _absolute(reverse_cached("contacts:list"))
    return {
        "@type": kind,
        "@id": f"{contacts_page}#org-{organisation.slug}",
        "name": organisation.name,
        "url": organisation.website,
        "telephone": organisation.phone_uri if organisation.phone else "",
        "email": organisation.email,
        "address": postal_address(organisation),
        "contactPoint": [
            {
                "@type": "ContactPoint",
                "name": contact["display_name"],
                "contactType": contact["role"] or contact["function"],
                "telephone": contact["phone_uri"],
                "email": contact["email"],
                "url": _absolute(contact["url"]),
            }
            for contact in contacts
        ],
    }


@register.simple_tag
def county_jsonld(contacts):
    """GovernmentOrganization for each county unit among the organisations of
    `contacts` (cards, contacts/cards.py), with those contacts as its
    ContactPoints."""
    by_organisation = {}
    for contact in contacts:
        organisation = contact["organisation"]
        if organisation.kind == Organisation.Kind.COUNTY_UNIT:
            by_organisation.setdefault(organisation, []).append(contact)
    return format_html_join(
        "",
        "{}",
        (
            (ld_json(organisation_data(organisation, members)),)
            for organisation, members in by_organisation.items()
        ),
    )


def _event_times(event):
    """Dates only for all-day events; local date-times with offset otherwise."""
    if event.all_day:
        end = event.last_day if event.last_day != event.start_date else None
        return event.start_date.isoformat(), end.isoformat() if end else None
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(event.start_date, event.start_time, tzinfo=zone)
    end = None
    if event.end_time:
        end = datetime.datetime.combine(event.last_day, event.end_time, tzinfo=zone).isoformat()
    elif event.end_date and event.end_date != event.start_date:
        end = event.end_date.isoformat()
    return start.isoformat(), end


@register.simple_tag
def event_jsonld(event):
    start, end = _event_times(event)
    location = None
    if event.venue or event.address:
        location = {
            "@type": "Place",
            "name": event.venue or event.address,
            "address": event.address or event.venue,
        }
    organizer = None
    if event.project_id and event.project.lead_organisation_id:
        organisation = event.project.lead_organisation
        organizer = {
            "@type": organisation_data(organisation)["@type"],
            "name": organisation.name,
            "url": organisation.website,
        }
    return ld_json(
        {
            "@type": "Event",
            "name": event.title,
            "description": event.description,
            "url": _absolute(event.get_absolute_url()),
            "startDate": start,
            "endDate": end,
            "eventStatus": f"{SCHEMA}/EventScheduled",
            "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
            "location": location,
            "organizer": organizer,
        }
    )


def _number(amount):
    return int(amount) if amount == int(amount) else float(amount)


@register.simple_tag
def grants_jsonld(project, fundings=None):
    """MonetaryGrant for each funding of `project`: `fundings` as the view
    loaded them, or else project.fundings.all() (best prefetched)."""
    if fundings is None:
        fundings = project.fundings.all()
    project_url = _absolute(project.get_absolute_url())
    blocks = []
    for funding in fundings:
        amount = None
        if funding.max_amount is not None:
            amount = {
                "@type": "MonetaryAmount",
                "currency": "EUR",
                "maxValue": _number(funding.max_amount),
                "validFrom": funding.start_date.isoformat() if funding.start_date else None,
                "validThrough": funding.end_date.isoformat() if funding.end_date else None,
            }
        blocks.append(
            ld_json(
                {
                    "@type": "MonetaryGrant",
                    "name": funding.programme,
                    "description": funding.co_funding_note,
                    "funder": {"@type": "Organization", "name": funding.funder},
                    "amount": amount,
                    "fundedItem": {
                        "@type": "Project",
                        "name": project.title,
                        "url": project_url,
                    },
                }
            )
        )
    return format_html_join("", "{}", ((block,) for block in blocks))
