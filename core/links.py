"""reverse() once per URL name and language, for the links every page and
every list item carries.

URL patterns do not change while the process runs, so each name is reversed
once per language (and URLconf and script prefix, which tests may change)
with a placeholder for the slug, and the slug is put in its place. That is a
string operation instead of a walk through the URL resolver per link.
"""

import re
from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# A placeholder the slug converter accepts; reverse() leaves it as it is.
_SLUG_PLACEHOLDER = "SLUG"
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@cache
def _reversed(viewname, with_slug, language, urlconf, script_prefix):
    """reverse(viewname) in the current language, split around the slug."""
    if not with_slug:
        return reverse(viewname, urlconf=urlconf), ""
    url = reverse(viewname, kwargs={"slug": _SLUG_PLACEHOLDER}, urlconf=urlconf)
    before, _placeholder, after = url.rpartition(_SLUG_PLACEHOLDER)
    return before, after


def reverse_cached(viewname, slug=None):
    """reverse(viewname) or reverse(viewname, kwargs={"slug": slug}) in the
    active language. A slug the <slug:> converter would refuse goes to
    reverse() itself, which raises NoReverseMatch as usual."""
    if slug is not None and not _SLUG.fullmatch(slug):
        return reverse(viewname, kwargs={"slug": slug})
    before, after = _reversed(
        viewname,
        slug is not None,
        get_language(),
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
    )
    return before + slug + after if slug is not None else before
