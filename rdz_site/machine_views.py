"""Plain-text pages for machines: /robots.txt and /.well-known/security.txt."""

import datetime

from django.conf import settings
from django.contrib.sitemaps import views as sitemaps
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from django.views.decorators.http import require_safe

TEXT = "text/plain; charset=utf-8"


def _is_contact_uri(value):
    """RFC 9116 wants a URI: https:// (a contact page) or mailto:."""
    if value.startswith("mailto:"):
        return "@" in value
    try:
        URLValidator(schemes=["https"])(value)
    except ValidationError:
        return False
    return True


def security_contacts():
    """The configured contacts that are valid RFC 9116 URIs."""
    return [uri for uri in settings.SECURITY_CONTACTS if _is_contact_uri(uri)]


@require_safe
def robots_txt(request):
    """Everything may be crawled but the admin and the search results (an
    endless space of pages); the sitemap lists what there is."""
    search = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            search.append(reverse("search"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: {path}" for path in dict.fromkeys(search)),
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type=TEXT)


def security_txt_expiry(today):
    """The first day of the month eleven months from now: less than a year
    ahead, as RFC 9116 recommends, and the same all month long, so that the
    file (and its ETag) only changes when its contacts do."""
    months = today.year * 12 + today.month - 1 + 11
    return datetime.datetime(months // 12, months % 12 + 1, 1, tzinfo=datetime.UTC)


@require_safe
def security_txt(request):
    """RFC 9116: where to report a vulnerability. Served only when
    SECURITY_CONTACTS names a real reporting address: a file without a
    Contact line would be invalid, and a guessed one would mislead."""
    contacts = security_contacts()
    if not contacts:
        raise Http404("No security contact is configured.")
    expires = security_txt_expiry(timezone.now().astimezone(datetime.UTC).date())
    lines = [f"Contact: {uri}" for uri in contacts]
    lines += [
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"Canonical: {settings.SITE_URL}{reverse('security_txt')}",
        "Preferred-Languages: de, en",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type=TEXT)


def sitemap_section(request, **kwargs):
    """Django's sitemap section view; its pages are numbered by `p`."""
    return sitemaps.sitemap(request, **kwargs)


# The page cache keys a section by its page number (pagecache).
sitemap_section.page_cache_parameters = ("p",)
