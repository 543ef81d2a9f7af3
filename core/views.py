"""The error pages: in the site's layout and the request's language, rendered
without the database, never with a stack trace."""

from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext

from .body_limit import body_limit
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
    if request.path_info.startswith(reverse("admin:index")):
        return admin_request_too_large(request)
    return _error_page(request, "413.html", 413)


def admin_request_too_large(request):
    """The admin's answer to a body over its limit, in the admin's layout: the
    limit, and a link back to the form it came from (the Referer, if it is
    ours). nginx shows it too, for bodies over its own limit
    (`error_page 413 = /admin/request-too-large/`). Nothing here needs the
    session or the database: the request was not read."""
    limit = body_limit(request.path_info) or settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    back = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("admin:index")
    # The admin has no language prefix: its language is the default one (this
    # may run before LocaleMiddleware has chosen one for the request).
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "site_header": admin.site.site_header,
            "site_title": admin.site.site_title,
            "title": gettext("Request too large"),
            "limit": filesizeformat(limit),
            "back": back,
        }
        return HttpResponse(render_to_string("admin/413.html", context), status=413)


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404)


def server_error(request):
    return _error_page(request, "500.html", 500)


def csrf_failure(request, reason=""):
    return _error_page(request, "403_csrf.html", 403)
