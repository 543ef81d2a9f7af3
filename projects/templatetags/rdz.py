"""Template helpers for dates as precise as the source, and euro amounts."""

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from projects.models import DatePrecision

register = template.Library()

_MACHINE = {
    DatePrecision.YEAR: "%Y",
    DatePrecision.MONTH: "%Y-%m",
    DatePrecision.DAY: "%Y-%m-%d",
}
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


@register.filter
def euro(value):
    """200000 -> '200.000 €' in German, '€200,000' in English."""
    if value is None:
        return ""
    decimals = 0 if value == int(value) else 2
    number = formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    if get_language() == "en":
        return f"€{number}"
    return f"{number}\N{NO-BREAK SPACE}€"


def _clock(day, time):
    """A time of day in a <time> element: 14:00 (datetime="2020-08-31T14:00")."""
    return format_html(
        '<time datetime="{}T{}">{}</time>',
        day.strftime("%Y-%m-%d"),
        time.strftime("%H:%M"),
        formats.time_format(time, "TIME_FORMAT"),
    )


@register.simple_tag
def event_when(event):
    """When an event takes place: "31. August 2020, 14:00 – 16:30 Uhr" on one
    day; "31. August 2020, 14:00 Uhr – 1. September 2020, 10:00 Uhr" over
    several. A tag rather than an included template because event lists
    render it for every event."""
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
    # Safe: every part is literal text or came escaped from format_html.
    return mark_safe("".join(parts))  # noqa: S308
