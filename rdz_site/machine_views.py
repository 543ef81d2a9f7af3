"""Plain-text pages for machines: /robots.txt and /.well-known/security.txt."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from django.views.decorators.http import require_GET

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


@require_GET
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


@require_GET
def security_txt(request):
    """RFC 9116. Expires is a year ahead of each request, so the file never
    goes stale while the site is maintained."""
    expires = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    expires += datetime.timedelta(days=365)
    lines = [f"Contact: {uri}" for uri in settings.SECURITY_CONTACTS if _is_contact_uri(uri)]
    lines += [
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"Canonical: {settings.SITE_URL}{reverse('security_txt')}",
        "Preferred-Languages: de, en",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type=TEXT)
