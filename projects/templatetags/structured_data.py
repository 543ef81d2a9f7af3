"""JSON-LD (schema.org) for events and funding: Event, MonetaryGrant
(core/jsonld.py writes the blocks). The tags only read what the views have
already loaded: they add no query."""

import datetime
from zoneinfo import ZoneInfo

from django import template
from django.conf import settings
from django.utils.html import format_html_join

from core.jsonld import absolute, ld_json

register = template.Library()


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
    # No organizer, no eventStatus, no eventAttendanceMode: the source says
    # neither who organised an event nor whether or how it took place.
    return ld_json(
        {
            "@type": "Event",
            "name": event.title,
            "description": event.description,
            "url": absolute(event.get_absolute_url()),
            "startDate": start,
            "endDate": end,
            "location": location,
        }
    )


def _number(amount):
    return int(amount) if amount == int(amount) else float(amount)


@register.simple_tag
def grants_jsonld(project, fundings):
    """MonetaryGrant for each of `fundings`, the funding of `project`."""
    project_url = absolute(project.get_absolute_url())
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
