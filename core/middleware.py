"""Middleware of our own: security headers built once, and a 503 page in
the site's layout when the database cannot be reached."""

import logging
import sys

from axes import helpers as axes_helpers
from csp.constants import HEADER as CSP_HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import got_request_exception, setting_changed
from django.db import DatabaseError, InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponseNotAllowed
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# Features the site never uses; denying them means an injected script or an
# embedded page can't use them either. interest-cohort opts out of FLoC.
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "autoplay": "()",
    "camera": "()",
    "display-capture": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "interest-cohort": "()",
    "magnetometer": "()",
    "microphone": "()",
    "payment": "()",
    "usb": "()",
}


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, except that the policy string is built once
    instead of on every response (the page cache wants cheap middleware),
    plus a Permissions-Policy header.

    A response that asks for its own policy (django-csp's decorators) or a
    page that used a nonce still gets one built for it by django-csp.
    Sits before WhiteNoise, so static files get the headers too.
    """

    _policy = None

    @classmethod
    def policy(cls):
        if cls._policy is None:
            cls._policy = build_policy()
        return cls._policy

    permissions_policy = ", ".join(f"{name}={value}" for name, value in PERMISSIONS_POLICY.items())

    def process_response(self, request, response):
        response.setdefault("Permissions-Policy", self.permissions_policy)
        customised = any(
            getattr(response, attribute, None) is not None
            for attribute in ("_csp_config", "_csp_update", "_csp_replace")
        )
        nonce_used = getattr(request, "_csp_nonce", None) is not None
        if (
            customised
            or nonce_used
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        ):
            return super().process_response(request, response)
        if CSP_HEADER not in response and not getattr(response, "_csp_exempt", False):
            response[CSP_HEADER] = self.policy()
        return response


@receiver(setting_changed)
def _forget_policy(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        SecurityHeadersMiddleware._policy = None


def database_down(error):
    """Errors that mean the database cannot be used at all: unreachable,
    locked beyond the busy timeout, or a file that is not (or no longer) a
    database ("file is not a database", "database disk image is malformed",
    which SQLite reports as plain DatabaseError). Its subclasses, such as
    IntegrityError, are bugs or bad data and stay server errors."""
    return isinstance(error, OperationalError | InterfaceError) or type(error) is DatabaseError


class DatabaseUnavailableMiddleware:
    """When the database can't be reached or stays locked beyond the busy
    timeout, visitors get a 503 page in the site's layout (rendered without
    the database) instead of a server error, and caches and crawlers are told
    to come back later.

    Views (and templates) that fail are caught by process_exception. A
    middleware further in that fails (the page cache reads a version first)
    has already been turned into a 500 response by Django when it gets here;
    the signal handler below marks such requests so that __call__ can
    replace the 500 with the 503 page.
    """

    retry_after = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "_database_down", False):
            return database_unavailable(request)
        return response

    def process_exception(self, request, exception):
        if not database_down(exception):
            return None
        logger.error(
            "database unavailable",
            extra={"request": request, "reason": type(exception).__name__},
            exc_info=exception,
        )
        return database_unavailable(request)


@receiver(got_request_exception)
def _mark_database_down(sender, request=None, **kwargs):
    if request is not None and database_down(sys.exc_info()[1]):
        request._database_down = True


def database_unavailable(request):
    # Also when the failure came before LocaleMiddleware had its turn.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        response = render(request, "503.html", status=503)
    response["Retry-After"] = str(DatabaseUnavailableMiddleware.retry_after)
    add_never_cache_headers(response)
    return response


def client_ip(request):
    """The visitor's address for login throttling (django-axes). Behind
    DJANGO_PROXY_COUNT trusted reverse proxies it is the entry the outermost
    proxy appended to X-Forwarded-For; entries further left are whatever the
    client sent and can't be trusted."""
    count = settings.PROXY_COUNT
    if count:
        forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= count and forwarded[-count]:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' lockout page: the site's layout, German and English, and
    how long the block lasts in minutes."""
    cool_off = axes_helpers.get_cool_off(request)
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    response = render(
        request, "axes/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    add_never_cache_headers(response)
    return response


class RequestBodyLimitMiddleware:
    """Refuses a request body larger than its path allows (REQUEST_BODY_LIMITS,
    by path prefix) with 413 and the site's error page, before anything reads
    it: a 300 MB upload to the feedback form is not written to disk first.
    The connection is closed, so the unread body is not taken for the next
    request. A body without Content-Length (chunked) is not read by Django
    at all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        path = request.path_info
        limit = next(
            (limit for prefix, limit in settings.REQUEST_BODY_LIMITS if path.startswith(prefix)),
            None,
        )
        if limit is not None and length > limit:
            from .views import request_too_large

            response = request_too_large(request)
            response["Connection"] = "close"
            return response
        return self.get_response(request)


class MethodNotAllowedMiddleware:
    """A method a page does not support (PUT, DELETE ...) gets 405 with the
    Allow header, as the view itself would answer, instead of the CSRF
    failure page that CsrfViewMiddleware would show first. Must come before
    CsrfViewMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "view_class", None)
        if view_class is None:
            return None
        allowed = {name for name in view_class.http_method_names if hasattr(view_class, name)}
        if "get" in allowed:
            allowed.add("head")
        if request.method.lower() in allowed:
            return None
        return HttpResponseNotAllowed(sorted(name.upper() for name in allowed))


class URLLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without `Vary: Accept-Language`: the URL
    alone decides the language (German without a prefix, English under
    /en/), never the browser's preference, so caches need not keep a copy
    per Accept-Language."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [
                name.strip()
                for name in response["Vary"].split(",")
                if name.strip() and name.strip().lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
