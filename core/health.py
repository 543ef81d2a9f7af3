"""`/healthz` for load balancers and monitoring.

- 200 while the database answers, with one line per part: `database: ok`
  and `cache: ok`, or `cache: degraded` while the shared cache fails (the
  site works without it, only slower).
- `version: YYYY.MM.DD`, the release this server runs (nginx shows the
  public only the status code).
- 503 with `database: unavailable` when the database cannot be read: a
  missing, locked or corrupt database file too, because the check reads a
  real table, not just `SELECT 1`.

Load balancers probe by address (`Host: 10.0.0.5:8000`), so the middleware
answers before anything looks at the Host header; ALLOWED_HOSTS still
guards every other URL. Never cached.
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_deny
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

PATH = "/healthz"


def database_ok():
    try:
        ContentType.objects.exists()
    except DatabaseError as error:
        # The reason names the part that failed, never connection details.
        logger.error("health check failed", extra={"reason": type(error).__name__})
        return False
    return True


def cache_ok():
    try:
        cache = caches["default"]
        cache.set("healthz", 1, 10)
        return cache.get("healthz") == 1
    except Exception as error:
        logger.warning("health check: cache degraded", extra={"reason": type(error).__name__})
        return False


@never_cache
@xframe_options_deny
@require_safe
def healthz(request):
    database = database_ok()
    lines = [
        "database: ok" if database else "database: unavailable",
        "cache: ok" if cache_ok() else "cache: degraded",
        f"version: {settings.RELEASE_VERSION}",
    ]
    body = "\n".join(lines) + "\n"
    return HttpResponse(body, status=200 if database else 503, content_type="text/plain")


class HealthCheckMiddleware:
    """Answers /healthz before the Host header is validated."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH:
            return healthz(request)
        return self.get_response(request)
