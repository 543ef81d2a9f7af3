"""Serve anonymous GETs of public pages from a cache.

Sits after WhiteNoise and GZip (which leaves a hit, already compressed,
alone): a hit skips every later middleware, the URL resolver (a path's
parameters are found once per process) and the view. The response is
stored with all headers the later middleware set (CSP, Permissions-Policy,
X-Frame-Options ...), so a hit carries them too, and in every encoding a
browser may ask for, compressed once when stored rather than on every hit.

What must hold:
- A page is served only if it was stored under the current content version
  (a random token, read with one tiny query per request and changed by every
  write, see signals.py), on the same day in the site's time zone (events
  move from upcoming to past at midnight) and by the same release
  (release.py): no edit, restore or deploy can bring back an old page.
- A visitor cannot switch the cache off. Only a signed-in staff member
  bypasses it, known by a signed cookie bound to the session (staff.py); any
  other cookie, a made-up `sessionid` included, is ignored, and pages that
  depend on a cookie are never stored.
- The query string counts only with the parameters the page's view reads:
  the view names them in `page_cache_parameters` (page numbers, such as
  ListView's `page`), so `/?utm_source=x` and `/?page=7` are `/`. A value
  that is not a canonical page number (`1`, `01`, `last`, two values) is
  neither looked up nor stored: it cannot push real pages out. Requests
  with a parameter whose values are endless (PAGE_CACHE_UNSTORED_PARAMETERS,
  the search's `q`) are neither looked up nor stored either.
- Last-Modified moves only when the page itself changed, and only forward:
  a page stored again with the same body (after a draft was saved, say)
  keeps the time it got that body; any other body, an earlier one brought
  back included, gets a later time (kept in the same cache, so the same on
  every server that shares it).
- While the database cannot be read, a stored page of any version is served
  (stale-if-error, `X-Page-Cache: stale`); without one, the view meets the
  broken database and the visitor gets the 503 page.
"""

import datetime
import functools
import gzip
import hashlib
import logging
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, has_vary_header, patch_vary_headers
from django.utils.http import http_date

from .models import current_version, last_change, schedule_bounds
from .release import release
from .staff import is_staff_request

try:
    import brotli
except ImportError:  # Brotli is a dependency; without it, gzip only.
    brotli = None

logger = logging.getLogger(__name__)

# Headers that belong to one encoding or to the moment of storing; the hit
# sets its own.
VOLATILE_HEADERS = {"content-length", "content-encoding", "etag", "last-modified", "vary"}
# Pages are compressed on the request path, by the miss that stores them: a
# miss must not spend more time compressing a page than rendering it. Quality
# 5 still beats gzip -9 on size; quality 11 costs more than the page did.
# Static files are another matter: WhiteNoise compresses them once, at build
# time (collectstatic), at full quality.
BROTLI_QUALITY = 5
NONCE = re.compile(r"'nonce-", re.IGNORECASE)
CODING = re.compile(r"\s*([A-Za-z0-9*-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*")
# A page number as the pages link to it; page 1 is the address without one.
CANONICAL_PAGE = re.compile(r"[2-9]|[1-9][0-9]+")


def accepted_encodings(header):
    """The codings an Accept-Encoding header allows (q > 0)."""
    accepted = set()
    for part in header.split(","):
        match = CODING.fullmatch(part)
        if not match:
            continue
        try:
            if float(match[2] or 1) > 0:
                accepted.add(match[1].lower())
        except ValueError:
            continue
    return accepted


def uses_nonce(request, response):
    """Whether the page used a CSP nonce: then it must never be served to
    anyone else. django-csp documents bool(request.csp_nonce) as "a nonce
    was generated"; the header may be added by a middleware outside the
    caller, so it is checked as well."""
    if getattr(request, "csp_nonce", None):
        return True
    return any(
        NONCE.search(response.headers.get(name, ""))
        for name in ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
    )


class Entry:
    """A stored page: status 200, headers, body in each encoding."""

    __slots__ = ("headers", "bodies", "etag", "last_modified", "vary", "version", "day", "until")

    def __init__(self, response, version, changed_at, day, schedule=(None, None)):
        body = response.content
        self.headers = [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in VOLATILE_HEADERS
        ]
        self.vary = response.headers.get("Vary", "")
        self.bodies = {"identity": body}
        gzipped = gzip.compress(body, compresslevel=9, mtime=0)
        if len(gzipped) < len(body):
            self.bodies["gzip"] = gzipped
        if brotli is not None:
            brotlied = brotli.compress(body, quality=BROTLI_QUALITY, mode=brotli.MODE_TEXT)
            if len(brotlied) < len(body):
                self.bodies["br"] = brotlied
        # Weak: the same content in any encoding is the same page.
        self.etag = f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'
        self.version = version
        self.day = day
        # Scheduled visibility (models.schedule_bounds): the page is current
        # until the next item goes live or expires.
        went_live, self.until = schedule
        # The same on every server: the last change of content, or midnight
        # when the day (and so the list of upcoming events) changed later,
        # or the last scheduled change of visibility. For a page stored
        # again with the same body, PageCacheMiddleware.modified_time keeps
        # its earlier time.
        midnight = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
        self.last_modified = int(max(changed_at, midnight, went_live or midnight).timestamp())

    def is_current(self, version, day, now=None):
        return (
            self.version == version
            and self.day == day
            and (self.until is None or (now or timezone.now()) < self.until)
        )

    def response(self, request, state):
        accepted = accepted_encodings(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        encoding = next(
            (name for name in ("br", "gzip") if name in self.bodies and name in accepted),
            "identity",
        )
        body = self.bodies[encoding]
        response = HttpResponse(b"" if request.method == "HEAD" else body)
        for name, value in self.headers:
            response.headers[name] = value
        if self.vary:
            response.headers["Vary"] = self.vary
        patch_vary_headers(response, ("Accept-Encoding",))
        if encoding != "identity":
            response.headers["Content-Encoding"] = encoding
        response.headers["Content-Length"] = str(len(body))
        response.headers["ETag"] = self.etag
        response.headers["Last-Modified"] = http_date(self.last_modified)
        # Browsers may keep the page but must ask again (a 304 is cheap):
        # without this, Last-Modified would invite heuristic caching and an
        # edit would not show on the next visit.
        response.headers.setdefault("Cache-Control", "no-cache")
        response.headers["X-Page-Cache"] = state
        # A 304 carries no body and no Content-Length (Django copies only
        # the validators, Cache-Control, Vary and Expires).
        return get_conditional_response(
            request, etag=self.etag, last_modified=self.last_modified, response=response
        )


def cache_unavailable(error):
    # One line per request, not a traceback: an outage of Redis is expected
    # to pass, and /healthz reports it.
    logger.warning("Page cache unavailable: %s", type(error).__name__)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (settings.PAGE_CACHE_ENABLED and self.request_is_cacheable(request)):
            return self.get_response(request)
        parameters = self.parameters(request)
        if parameters is None:
            return self.get_response(request)
        key = self.key(request, parameters)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        try:
            entry = cache.get(key)
        except Exception as error:  # a shared cache that is down must not take the site down
            cache_unavailable(error)
            return self.get_response(request)
        try:
            version = current_version()
        except DatabaseError:
            if entry is not None:
                return entry.response(request, "stale")
            # Let the view meet the broken database and answer as it does.
            return self.get_response(request)
        if version is None:
            return self.get_response(request)
        today = timezone.localdate()
        if entry is not None and entry.is_current(version, today):
            return entry.response(request, "hit")

        response = self.get_response(request)
        if not self.response_is_cacheable(request, response):
            return response
        now = timezone.now()
        entry = Entry(response, version, last_change() or now, today, schedule_bounds(now))
        try:
            entry.last_modified = self.modified_time(cache, key, entry)
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        except Exception as error:
            cache_unavailable(error)
        return entry.response(request, "miss")

    @staticmethod
    def modified_time(cache, key, entry):
        """When the page at `key` got this body: rendered again with the same
        body (a draft was saved, which changes the content version), it keeps
        its Last-Modified. Any other body, even one the page had before (an
        edit undone), gets the new time, never an earlier one: a client that
        asks If-Modified-Since must not be told the old body is current (a
        second later than the last time if that is later than the change:
        HTTP dates count whole seconds)."""
        modified_key = f"{key}:modified"
        previous = cache.get(modified_key)
        if previous is not None:
            etag, modified = previous
            if etag == entry.etag:
                return modified
            entry.last_modified = max(entry.last_modified, modified + 1)
        cache.set(
            modified_key,
            (entry.etag, entry.last_modified),
            settings.PAGE_CACHE_MODIFIED_SECONDS,
        )
        return entry.last_modified

    @staticmethod
    def request_is_cacheable(request):
        """GET/HEAD of public pages by anyone but a signed-in staff member."""
        return (
            request.method in {"GET", "HEAD"}
            and not is_staff_request(request)
            and not request.META.get("HTTP_AUTHORIZATION")
            and not request.path_info.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)
            and not any(name in request.GET for name in settings.PAGE_CACHE_UNSTORED_PARAMETERS)
        )

    @staticmethod
    def parameters(request):
        """The (name, value) pairs of the query string that are part of the
        page's key: those its view names in `page_cache_parameters`, each a
        canonical page number. None when a value is not canonical (such a
        request is neither looked up nor stored)."""
        names = view_parameters(request.path_info)
        pairs = []
        for name in names:
            values = request.GET.getlist(name)
            if not values:
                continue
            if len(values) > 1 or not CANONICAL_PAGE.fullmatch(values[0]):
                return None
            pairs.append((name, values[0]))
        return pairs

    @staticmethod
    def response_is_cacheable(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if uses_nonce(request, response):
            return False
        if response.has_header("Content-Encoding") or has_vary_header(response, "Cookie"):
            return False
        cache_control = response.headers.get("Cache-Control", "").lower()
        if "private" in cache_control or "no-store" in cache_control:
            return False
        return len(response.content) <= settings.PAGE_CACHE_MAX_BYTES

    @staticmethod
    def key(request, parameters):
        # get_host() also validates the Host header (400 for a bad one), as
        # CommonMiddleware would on an uncached request.
        query = urlencode(sorted(parameters))
        url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
        digest = hashlib.sha256(url.encode()).hexdigest()[:32]
        return f"page:{release()}:{digest}"


@functools.lru_cache(maxsize=1024)
def view_parameters(path):
    """The query parameters the view of `path` reads (its
    `page_cache_parameters`, on the view function or its class), found the
    way Django will resolve it: in the language of the path's prefix.

    The same for a path as long as the URLconf is (a process never changes
    it; a test that does clears this with Django's URL caches), so a stored
    page is answered without resolving its path each time."""
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            view = resolve(path).func
        except Resolver404:
            return ()
    view = getattr(view, "view_class", view)
    return getattr(view, "page_cache_parameters", ())


@receiver(setting_changed)
def _forget_view_parameters(setting, **kwargs):
    # Django clears its own URL caches for the same settings.
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"}:
        view_parameters.cache_clear()
