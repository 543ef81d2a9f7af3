"""Say which answers a shared cache (nginx in front, deploy/nginx/) may keep.

Only what every visitor may see, and only as nginx will find it again:

- GET or HEAD, by anyone but a signed-in staff member (staff.py), without
  an `Authorization` header, outside `/admin/` and `/healthz`, without a
  parameter of endless values (the search's `q`);
- the query string agrees with nginx's key: nginx keys a page by the
  parameters its view names in `page_cache_parameters` and takes them from
  the raw query string (`$arg_page`: the first one, any letter case, not
  decoded), so such a parameter counts only when it appears once, spelt
  exactly, with a canonical page number; otherwise the answer is private;
- the path as nginx normalises it (no `//`, `/./`, `/../`);
- status 200 (or its 304), no cookie set, no CSP nonce, `Vary` at most
  `Accept-Encoding` (nginx keys by the encoding itself), and the view did
  not say `private` or `no-store` (a draft's preview, the feedback form).

Such an answer gets `Cache-Control: max-age=0, s-maxage=1,
stale-if-error=...` (browsers ask again every time and get a 304; a shared
cache keeps it a second) and `X-Accel-Expires: @<second the request came
in>`: nginx counts validity in whole seconds, so `s-maxage=1` alone may keep
a page for almost two; the absolute second expires every stored copy at the
next full second, so nothing read after the request began is handed out a
second later. nginx does not pass X-Accel-Expires on to the client.
With SHARED_CACHE_STALE_WHILE_REVALIDATE = 1 (the default),
`stale-while-revalidate=1` lets nginx hand out the old copy while one
request refreshes it (docs/deployment.md, "nginx's page cache", says what
that costs and what 0 costs instead).

Every other answer is `private` (and keeps `no-store` or `no-cache` if it
had them, or gets `no-cache`), so that no shared cache keeps it. Static
files are WhiteNoise's (a year, immutable, for hashed names) and left alone.
"""

import re
import time
from urllib.parse import unquote_plus

from django.conf import settings
from django.utils.cache import patch_cache_control

from .middleware import CANONICAL_PAGE, PageCacheMiddleware, uses_nonce, view_parameters

UNNORMALISED_PATH = re.compile(r"//|/\.\.?(/|$)")


def shared_cache_control():
    grace = settings.SHARED_CACHE_STALE_WHILE_REVALIDATE
    stale = f", stale-while-revalidate={grace}" if grace else ""
    return f"max-age=0, s-maxage=1{stale}, stale-if-error={settings.SHARED_CACHE_STALE_IF_ERROR}"


def query_agrees_with_key(request):
    """True when the raw query string gives nginx the same value of each
    keyed parameter that the view reads."""
    names = {name.lower(): name for name in view_parameters(request.path_info)}
    if not names:
        return True
    seen = set()
    for pair in request.META.get("QUERY_STRING", "").split("&"):
        raw_name, _, raw_value = pair.partition("=")
        name = unquote_plus(raw_name)
        if raw_name.lower() not in names and name.lower() not in names:
            continue
        if (
            raw_name != name
            or names[name.lower()] != name
            or name in seen
            or not CANONICAL_PAGE.fullmatch(raw_value)
        ):
            return False
        seen.add(name)
    return True


def request_may_be_shared(request):
    """What the page cache would store, asked for as nginx keys it."""
    return (
        PageCacheMiddleware.request_is_cacheable(request)
        and not UNNORMALISED_PATH.search(request.path_info)
        and query_agrees_with_key(request)
    )


def response_may_be_shared(request, response):
    if response.status_code not in {200, 304} or response.streaming or response.cookies:
        return False
    if uses_nonce(request, response):
        return False
    vary = {part.strip().lower() for part in response.headers.get("Vary", "").split(",")}
    if vary - {"", "accept-encoding"}:
        return False
    cache_control = response.headers.get("Cache-Control", "").lower()
    return "private" not in cache_control and "no-store" not in cache_control


class SharedCacheHeadersMiddleware:
    """Outside everything that sets cookies, Vary or Cache-Control (the
    session, CSRF, the page cache, GZip), inside django-csp."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Before anything is read: a copy is never kept past the second
        # after the one its content was read in.
        started = int(time.time())
        response = self.get_response(request)
        if request.path_info.startswith(settings.STATIC_URL) and response.status_code in {200, 304}:
            return response
        if request_may_be_shared(request) and response_may_be_shared(request, response):
            response.headers["Cache-Control"] = shared_cache_control()
            response.headers["X-Accel-Expires"] = f"@{started}"
            return response
        response.headers.pop("X-Accel-Expires", None)
        cache_control = response.headers.get("Cache-Control", "").lower()
        if "no-store" in cache_control or "no-cache" in cache_control:
            patch_cache_control(response, private=True)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response
