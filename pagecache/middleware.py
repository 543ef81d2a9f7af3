"""Serve anonymous GETs of public pages from a cache.

Sits right after WhiteNoise: a hit skips every later middleware, the URL
resolver and the view. The response is stored with all headers the later
middleware set (CSP, Permissions-Policy, X-Frame-Options ...), so a hit
carries them too, and in every encoding a browser may ask for, compressed
once when stored rather than on every hit.

Correctness comes from the key: it holds the content version (one tiny
query per request, bumped after every write, see signals.py) and today's
date in the site's time zone (events move from upcoming to past at
midnight). The full path holds the language (/en/...) and the query string.
"""

import gzip
import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, has_vary_header, patch_vary_headers
from django.utils.http import http_date

from .models import current_version

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


class Entry:
    """A stored page: status 200, headers, body in each encoding."""

    __slots__ = ("headers", "bodies", "etag", "last_modified", "vary")

    def __init__(self, response):
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
        self.last_modified = int(time.time())

    def response(self, request, hit):
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
        response.headers["X-Page-Cache"] = "hit" if hit else "miss"
        # A 304 carries no body and no Content-Length (Django copies only
        # the validators, Cache-Control, Vary and Expires).
        return get_conditional_response(
            request, etag=self.etag, last_modified=self.last_modified, response=response
        )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (settings.PAGE_CACHE_ENABLED and self.request_is_cacheable(request)):
            return self.get_response(request)
        try:
            version = current_version()
        except DatabaseError:
            # Let the view meet the broken database and answer as it does.
            return self.get_response(request)
        if version is None:
            return self.get_response(request)
        key = self.key(request, version)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        try:
            entry = cache.get(key)
        except Exception:  # a shared cache that is down must not take the site down
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        if entry is not None:
            return entry.response(request, hit=True)

        response = self.get_response(request)
        if not self.response_is_cacheable(request, response):
            return response
        entry = Entry(response)
        try:
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
        return entry.response(request, hit=False)

    @staticmethod
    def request_is_cacheable(request):
        """Only anonymous, cookie-free GET/HEAD requests of public pages:
        whoever sends a cookie (an editor's session, the feedback form's
        CSRF cookie) gets a freshly rendered page."""
        return (
            request.method in {"GET", "HEAD"}
            and not request.META.get("HTTP_COOKIE")
            and not request.META.get("HTTP_AUTHORIZATION")
            and not request.path_info.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)
        )

    @staticmethod
    def response_is_cacheable(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        # A page that used a CSP nonce (django-csp sets _csp_nonce when a
        # template asks for one) must never be served to anyone else; the
        # header itself may only be added by a middleware outside this one.
        if getattr(request, "_csp_nonce", None) is not None:
            return False
        if response.has_header("Content-Encoding") or has_vary_header(response, "Cookie"):
            return False
        cache_control = response.headers.get("Cache-Control", "").lower()
        if "private" in cache_control or "no-store" in cache_control:
            return False
        for name in ("Content-Security-Policy", "Content-Security-Policy-Report-Only"):
            if NONCE.search(response.headers.get(name, "")):
                return False
        return len(response.content) <= settings.PAGE_CACHE_MAX_BYTES

    @staticmethod
    def key(request, version):
        # get_host() also validates the Host header (400 for a bad one), as
        # CommonMiddleware would on an uncached request.
        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()
        return f"page:{version}:{timezone.localdate().isoformat()}:{digest}"
