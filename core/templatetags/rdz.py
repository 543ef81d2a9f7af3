"""Template helpers for dates as precise as the source, and euro amounts."""

import datetime
from functools import cache
from html import escape

from django import template
from django.utils import formats, translation
from django.utils.dates import MONTHS
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.models import DatePrecision

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

# Dates and times are formatted for every event in a list. Django's
# formats.date_format() looks up the format and parses it on every call; the
# few format characters the site's formats use (rdz_site/formats) are turned
# into a str.format() pattern once per language and format instead. A format
# with any other character is left to Django.
_FIELDS = {
    "j": "{0.day}",
    "d": "{0.day:02d}",
    "n": "{0.month}",
    "m": "{0.month:02d}",
    "F": "{1}",
    "Y": "{0.year:04d}",
    "G": "{0.hour}",
    "H": "{0.hour:02d}",
    "i": "{0.minute:02d}",
}


@cache
def _pattern(language, format_name):
    """("{0.day}. {1} {0.year:04d}", month names) for "j. F Y", or None."""
    pattern = []
    characters = iter(formats.get_format(format_name, lang=language))
    for character in characters:
        if character == "\\":
            character = next(characters, "")
        elif character in _FIELDS:
            pattern.append(_FIELDS[character])
            continue
        elif character.isalpha():
            return None
        pattern.append(character.replace("{", "{{").replace("}", "}}"))
    with translation.override(language):
        months = [None, *(str(MONTHS[number]) for number in range(1, 13))]
    return "".join(pattern), months


def _date(value, format_name, language):
    """formats.date_format(value, format_name) in `language`, the same text."""
    compiled = _pattern(language, format_name) if type(value) is datetime.date else None
    if compiled is None:
        return formats.date_format(value, format_name)
    pattern, months = compiled
    return pattern.format(value, months[value.month])


def _time(value, language):
    """formats.time_format(value) in `language`, the same text."""
    compiled = _pattern(language, "TIME_FORMAT") if type(value) is datetime.time else None
    if compiled is None or "{1}" in compiled[0]:
        return formats.time_format(value, "TIME_FORMAT")
    return compiled[0].format(value, None)


def _time_tag(value, precision, language):
    machine = value.strftime(_MACHINE.get(precision, "%Y-%m-%d"))
    human = escape(_date(value, _HUMAN.get(precision, "DATE_FORMAT"), language))
    # Safe: the machine date is digits and dashes, the human one is escaped.
    return f'<time datetime="{machine}">{human}</time>'


@register.filter
def precise_date(value, precision=DatePrecision.DAY):
    """'2012', 'April 2020' or '28. Juni 2021' / '28 June 2021' as plain text."""
    if not value:
        return ""
    return _date(value, _HUMAN.get(precision, "DATE_FORMAT"), get_language())


@register.simple_tag
def time_tag(value, precision=DatePrecision.DAY):
    """The date in a <time> element whose datetime is only as precise as the
    date itself: <time datetime="2020-04">April 2020</time>."""
    if not value:
        return ""
    return mark_safe(_time_tag(value, precision, get_language()))  # noqa: S308


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


def _clock(day, time, language):
    """A time of day in a <time> element: 14:00 (datetime="2020-08-31T14:00")."""
    return (
        f'<time datetime="{day.strftime("%Y-%m-%d")}T{time.strftime("%H:%M")}">'
        f"{escape(_time(time, language))}</time>"
    )


@register.simple_tag
def event_when(event):
    """When an event takes place: "31. August 2020, 14:00 – 16:30 Uhr" on one
    day; "31. August 2020, 14:00 Uhr – 1. September 2020, 10:00 Uhr" over
    several. A tag rather than an included template because event lists
    render it for every event."""
    language = get_language()
    hours = " Uhr" if language == "de" else ""
    parts = [_time_tag(event.start_date, DatePrecision.DAY, language)]
    if event.end_date and event.end_date != event.start_date:
        if event.start_time:
            parts += [", ", _clock(event.start_date, event.start_time, language), hours]
        parts += [" – ", _time_tag(event.end_date, DatePrecision.DAY, language)]
        if event.end_time:
            parts += [", ", _clock(event.end_date, event.end_time, language), hours]
    elif event.start_time:
        parts += [", ", _clock(event.start_date, event.start_time, language)]
        if event.end_time:
            parts += [" – ", _clock(event.start_date, event.end_time, language)]
        parts.append(hours)
    # Safe: every part is literal text, digits or escaped.
    return mark_safe("".join(parts))  # noqa: S308
