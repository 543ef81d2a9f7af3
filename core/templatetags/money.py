"""Euro amounts as the county writes them in each language."""

from django import template
from django.utils import formats
from django.utils.translation import get_language

register = template.Library()


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
