"""A 503 page in the site's layout when the database cannot be reached."""

import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)


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
