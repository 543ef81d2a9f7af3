"""/sitemap.xml, an index of sections (/sitemap-events.xml ...) with every
public page in German and English, each entry with its `hreflang`
alternates and an `x-default` (the German page). A section page holds at
most MAX_URLS addresses, so that ten thousand events make twenty small
pages instead of one large one. Addresses are built from SITE_URL, like the
canonical links, not from the request."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from legal.models import LegalPage
from projects.models import Event, Project

# Addresses per section page (the protocol allows 50,000).
MAX_URLS = 1000


class SiteSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # Counted per address: each item is listed once per language.
    limit = MAX_URLS

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class StaticViewSitemap(SiteSitemap):
    """The pages that are not one object: home and the lists."""

    names = ("home", "projects:list", "events:list", "contacts:list")

    def items(self):
        return list(self.names)

    def location(self, item):
        return reverse(item)


class LegalPageSitemap(SiteSitemap):
    def items(self):
        return LegalPage.objects.published().order_by("kind")


class ProjectSitemap(SiteSitemap):
    def items(self):
        return Project.objects.published().order_by("slug")


class EventSitemap(SiteSitemap):
    def items(self):
        return Event.objects.published().only("slug", "updated_at").order_by("-start_date", "slug")

    def lastmod(self, event):
        return event.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate instead of every event's lastmod().
        return Event.objects.published().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {
    "pages": StaticViewSitemap,
    "legal": LegalPageSitemap,
    "projects": ProjectSitemap,
    "events": EventSitemap,
}
