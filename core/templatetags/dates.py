"""Dates only as precise as the source ("2012", "April 2020",
"28. Juni 2021" / "28 June 2021") and when an event takes place, in the
formats of rdz_site/formats/."""

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.models import DatePrecision

register = template.Library()

# For the datetime attribute of <time>: no more than the source gives.
_MACHINE = {
    DatePrecision.YEAR: "%Y",
    DatePrecision.MONTH: "%Y-%m",
    DatePrecision.DAY: "%Y-%m-%d",
}
# For people: a format, or the name of one in rdz_site/formats/.
_HUMAN = {
    DatePrecision.YEAR: "Y",
    DatePrecision.MONTH: "YEAR_MONTH_FORMAT",
    DatePrecision.DAY: "DATE_FORMAT",
}


@register.filter
def precise_date(value, precision=DatePrecision.DAY):
    """'2012', 'April 2020' or '28. Juni 2021' / '28 June 2021' as plain text."""
    if not value:
        return ""
    return formats.date_format(value, _HUMAN.get(precision, "DATE_FORMAT"))


@register.simple_tag
def time_tag(value, precision=DatePrecision.DAY):
    """The date in a <time> element whose datetime is only as precise as the
    date itself: <time datetime="2020-04">April 2020</time>."""
    if not value:
        return ""
    machine = value.strftime(_MACHINE.get(precision, "%Y-%m-%d"))
    return format_html('<time datetime="{}">{}</time>', machine, precise_date(value, precision))


def _clock(day, time):
    """A time of day in a <time> element: 14:00 (datetime="2020-08-31T14:00")."""
    return format_html(
        '<time datetime="{}T{}">{}</time>',
        day.strftime("%Y-%m-%d"),
        time.strftime("%H:%M"),
        formats.time_format(time),
    )


@register.simple_tag
def event_when(event):
    """When an event takes place: "31. August 2020, 14:00 – 16:30 Uhr" on one
    day; "31. August 2020, 14:00 Uhr – 1. September 2020, 10:00 Uhr" over
    several. An event without an end date ends on its start date."""
    hours = " Uhr" if get_language() == "de" else ""
    parts = [time_tag(event.start_date)]
    if event.end_date and event.end_date != event.start_date:
        if event.start_time:
            parts += [", ", _clock(event.start_date, event.start_time), hours]
        parts += [" – ", time_tag(event.end_date)]
        if event.end_time:
            parts += [", ", _clock(event.end_date, event.end_time), hours]
    elif event.start_time:
        parts += [", ", _clock(event.start_date, event.start_time)]
        if event.end_time:
            parts += [" – ", _clock(event.start_date, event.end_time)]
        parts.append(hours)
    # Each part is HTML from format_html() or a constant: joined as it is,
    # not escaped and marked again part by part for every event of a list.
    return mark_safe("".join(parts))  # noqa: S308 - format_html() parts and constants


# Related rows whose details a page shows with an item (a contact's
# organisation and its address, a legal page's provider); the views load
# them with select_related.
_SHOWN_WITH = ("organisation", "provider")


def _stamps(item):
    yield getattr(item, "updated_at", None)
    for name in _SHOWN_WITH:
        related = getattr(item, name, None)
        yield getattr(related, "updated_at", None)


def _changed(item):
    """The `updated_at` of a model instance (and of what is shown with it),
    or those of every instance in an iterable."""
    if hasattr(item, "updated_at"):
        yield from _stamps(item)
    elif item is not None and not isinstance(item, str):
        for element in item:
            yield from _stamps(element)


@register.inclusion_tag("includes/last_changed.html")
def last_changed(*items):
    """ "Stand: 3. Dezember 2026": when the newest of what the page shows last
    changed, from the content's own `updated_at` (instances or lists of them,
    already loaded: the tag adds no query). Nothing when nothing is dated."""
    stamps = [stamp for item in items for stamp in _changed(item) if stamp]
    if not stamps:
        return {"changed": None}
    return {"changed": timezone.localdate(max(stamps))}
