"""Markup for language on output: German terms on English pages get
lang="de" (WCAG 2.1, 3.1.2), and Leichte Sprache compounds stay whole at
line ends. Both work on rendered HTML and touch only text between tags,
never attributes, and never the contents of form fields."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# German words that English pages keep (institutions, offices, laws),
# longest first so that a phrase wins over a word inside it. Proper names
# of places and of the county need no mark (WCAG 3.1.2 exempts them).
GERMAN_TERMS = (
    "Ombudsstelle der Landesfachstelle für Barrierefreiheit Sachsen-Anhalt",
    "Telekommunikation-Digitale-Dienste-Datenschutz-Gesetz",
    "Datenschutz-Grundverordnungs-Ausfüllungsgesetz Sachsen-Anhalt",
    "Landesfachstelle für Barrierefreiheit Sachsen-Anhalt",
    "Landesbeauftragte für den Datenschutz Sachsen-Anhalt",
    "Körperschaft des öffentlichen Rechts",
    "Digitale-Dienste-Gesetz",
    "Ombudsstelle",
    "Kreistag",
    "Landrat",
)
_TERMS = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, GERMAN_TERMS)) + r")(?![\w-])")
# Tags, and elements whose text is a value rather than prose.
_TAG = re.compile(r"(<textarea\b.*?</textarea>|<title\b.*?</title>|<[^>]*>)", re.S | re.I)
# Long German words of this site with a soft hyphen (U+00AD) at their main
# joint, so that at 320 px a heading breaks there, with a hyphen, instead of
# at an arbitrary letter. Browsers ignore soft hyphens when copying and
# searching, and screen readers do not read them.
SOFT_HYPHENS = {
    "Digitalisierungszentr": "Digitalisierungs\u00adzentr",
    "Barrierefreiheitsanforderung": "Barrierefreiheits\u00adanforderung",
    "Datenschutzbeauftragt": "Datenschutz\u00adbeauftragt",
    "Durchsetzungsverfahren": "Durchsetzungs\u00adverfahren",
    "Breitbandförderprojekt": "Breitband\u00adförder\u00adprojekt",
}
_SOFT = re.compile("|".join(map(re.escape, sorted(SOFT_HYPHENS, key=len, reverse=True))))
# A compound written with hyphens in Leichte Sprache: letters on both sides.
_COMPOUND = re.compile(r"(?<![\w-])([^\W\d_]+(?:-[^\W\d_]+)+)(?![\w-])")


def _in_text(html, pattern, replacement):
    """`pattern` replaced only in the text between tags of `html`."""
    parts = _TAG.split(str(html))
    for index in range(0, len(parts), 2):
        parts[index] = pattern.sub(replacement, parts[index])
    return mark_safe("".join(parts))  # noqa: S308 - only text nodes of escaped HTML are wrapped


@register.filter(is_safe=True)
def german_terms(value):
    """On pages in another language, each German term in a <span lang="de">."""
    html = conditional_escape(value)
    if (get_language() or "de").startswith("de"):
        return html
    return _in_text(html, _TERMS, r'<span lang="de">\1</span>')


@register.filter(is_safe=True)
def soft_hyphens(value):
    """The site's long words with a soft hyphen at their joint (SOFT_HYPHENS)."""
    return _in_text(conditional_escape(value), _SOFT, lambda match: SOFT_HYPHENS[match[0]])


@register.filter(is_safe=True)
def whole_compounds(value):
    """Each hyphenated compound ("Land-Kreis") in a <span class="compound">,
    which the stylesheet keeps on one line. The hyphen stays U+002D, so the
    text copies, searches and reads aloud as written; a non-breaking hyphen
    (U+2011) would do the same for the line break but not for search."""
    return _in_text(conditional_escape(value), _COMPOUND, r'<span class="compound">\1</span>')
