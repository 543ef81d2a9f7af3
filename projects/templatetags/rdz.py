"""Template helpers for dates as precise as the source, and euro amounts."""

from django import template
from django.utils import formats
from django.utils.html import format_html
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
