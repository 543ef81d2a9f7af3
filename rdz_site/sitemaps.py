"""/sitemap.xml, an index of sections (/sitemap-events.xml ...) with every
public page in German and English, each entry with its `hreflang`
alternates and an `x-default` (the German page). A section page holds at
most MAX_URLS addresses, so that ten thousand events make twenty small
pages instead of one large one. Addresses are built from SITE_URL, like the
canonical links, not from the request."""

from collections.abc import Sequence
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse

from legal.models import LegalPage
from projects.models import Event, Project

# Addresses per section page (the protocol allows 50,000). Each address
# carries its alternates in both languages; a page of 500 renders in a
# small multiple of an ordinary page.
MAX_URLS = 500


class EachLanguage(Sequence):
    """The (item, language) pairs of a queryset, fetched a page at a time:
    Django's i18n sitemap builds every pair of every item for each page,
    which made each page of 10,000 events as slow as the whole sitemap.

    Django documents neither `Sitemap.paginator` nor the pairs its i18n
    sitemap reads from a page; both are what Django 5.2 does. The tests in
    tests/rdz_site/test_sitemap.py (every address in both languages, many
    events and projects over several pages) fail if that changes."""

    def __init__(self, queryset):
        self.queryset = queryset
        self.languages = [code for code, _name in settings.LANGUAGES]

    def __len__(self):
        return self.queryset.count() * len(self.languages)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        width = len(self.languages)
        first, last = start // width, -(-stop // width)
        pairs = [
            (item, language) for item in self.queryset[first:last] for language in self.languages
        ]
        return pairs[start - first * width : stop - first * width]


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


class QuerySetSitemap(SiteSitemap):
    """A section whose items() is a queryset: counted and sliced by the
    database, so the index costs one COUNT per section, not every row."""

    @property
    def paginator(self):
        return Paginator(EachLanguage(self.items()), self.limit)


class LegalPageSitemap(QuerySetSitemap):
    def items(self):
        return LegalPage.objects.published().order_by("kind")


class ProjectSitemap(QuerySetSitemap):
    def items(self):
        return Project.objects.published().order_by("slug")


class EventSitemap(QuerySetSitemap):
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
