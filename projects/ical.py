"""iCalendar (RFC 5545) files for events: one per event and a feed of all.

Calendar programs keep an imported or subscribed event by its UID and
replace their copy when SEQUENCE or DTSTAMP grows, so both are derived from
what is stored (the slug, `Event.revision`, `Event.updated_at`) and never
from the time of the request: the same content gives the same file.
"""

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils.translation import gettext as _

PRODID = "-//Altmarkkreis Salzwedel//RDZ Altmarkkreis Salzwedel//DE"
# How often a subscribed calendar should be fetched again (RFC 7986).
REFRESH_INTERVAL = datetime.timedelta(hours=12)


def site_host():
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def event_uid(event):
    """Stable across requests and languages; the slug is the event's name in
    the URL, so it only changes when an editor renames the event."""
    return f"event-{event.slug}@{site_host()}"


def event_location(event):
    return ", ".join(part for part in (event.venue, event.address) if part)


def _start_end(event):
    """DTSTART and DTEND: dates for all-day events (DTEND is exclusive: the
    day after the last day), otherwise local times in Europe/Berlin."""
    if event.all_day:
        return event.start_date, event.last_day + datetime.timedelta(days=1)
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(event.start_date, event.start_time, tzinfo=zone)
    if event.end_time:
        end = datetime.datetime.combine(event.last_day, event.end_time, tzinfo=zone)
    elif event.end_date and event.end_date != event.start_date:
        # Known last day, unknown end time: until the end of that day.
        end = datetime.datetime.combine(
            event.end_date + datetime.timedelta(days=1), datetime.time(), tzinfo=zone
        )
    else:
        # Unknown end: RFC 5545 lets an event end at its start.
        end = None
    return start, end


def _description(event):
    parts = [event.description.strip()] if event.description else []
    if event.project_id and event.project and event.project.is_public():
        parts.append(_("Project: %(title)s") % {"title": event.project.title})
    return "\n\n".join(parts)


def vevent(event):
    start, end = _start_end(event)
    stamp = event.updated_at.astimezone(datetime.UTC)
    component = icalendar.Event.new(
        uid=event_uid(event),
        stamp=stamp,
        last_modified=stamp,
        sequence=event.revision,
        start=start,
        end=end,
        summary=event.title,
        description=_description(event) or None,
        location=event_location(event) or None,
        url=settings.SITE_URL + event.get_absolute_url(),
    )
    component.add("status", "CONFIRMED")
    return component


def event_calendar_uid(event):
    """The UID of the calendar file that holds only this event: each file
    its own, as RFC 7986 wants of a calendar's UID."""
    return f"calendar-{event_uid(event)}"


def calendar(events, *, uid, name=None):
    """An iCalendar file as bytes. With `name` it is a subscription feed: it
    gets NAME and REFRESH-INTERVAL (RFC 7986) and X-WR-CALNAME for the
    programs that only know the older property."""
    cal = icalendar.Calendar.new(
        prodid=PRODID,
        uid=uid,
        name=name,
        refresh_interval=REFRESH_INTERVAL if name else None,
    )
    if name:
        # RFC 7986 requires the parameter; icalendar leaves it out.
        cal["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
    cal.add("calscale", "GREGORIAN")
    days = []
    for event in events:
        cal.add_component(vevent(event))
        days += [event.start_date, event.last_day]
    if days:
        # VTIMEZONE covering only the years the events need keeps the file small.
        cal.add_missing_timezones(
            first_date=datetime.date(min(days).year, 1, 1),
            last_date=datetime.date(max(days).year + 1, 12, 31),
        )
    return cal.to_ical()
