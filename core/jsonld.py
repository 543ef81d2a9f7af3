"""JSON-LD (schema.org) blocks for search engines and other machines.

The data is built in Python and serialised with json.dumps; `<`, `>` and `&`
are written as \\u escapes (as Django's json_script does), so no text from
the database can end the <script> element. A JSON-LD block is data, not a
script the browser runs, so the strict CSP does not apply to it.
"""

import json

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

SCHEMA = "https://schema.org"
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute(path):
    """A path of this site as an absolute URL, from SITE_URL like the
    canonical links."""
    return settings.SITE_URL + path


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
    # Safe: the three characters that could close or confuse the element are escaped.
    escaped = mark_safe(text.translate(_ESCAPES))  # noqa: S308
    return format_html('<script type="application/ld+json">{}</script>', escaped)
