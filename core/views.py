"""The error pages: in the site's layout and the request's language, rendered
without the database, never with a stack trace."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .context_processors import page_languages, site


def home_in(language):
    with translation.override(language):
        return reverse("home")


def _error_page(request, template_name, status, **extra):
    """Render an error page in the site's layout without touching the database
    and without the request context processors (which may be what failed)."""
    try:
        context = site(request)
    except Exception:
        context = {}
    # The switcher leads to the home page in each language; this URL may not
    # exist in the other one.
    context.update(
        extra,
        page_languages=page_languages(home_in),
        LANGUAGE_CODE=translation.get_language(),
    )
    return HttpResponse(render_to_string(template_name, context), status=status)


def bad_request(request, exception=None):
    return _error_page(request, "400.html", 400)


def permission_denied(request, exception=None):
    return _error_page(request, "403.html", 403)


def request_too_large(request, exception=None):
    return _error_page(request, "413.html", 413)


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404)


def server_error(request):
    return _error_page(request, "500.html", 500)


def csrf_failure(request, reason=""):
    return _error_page(request, "403_csrf.html", 403)
