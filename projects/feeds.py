"""Atom feed (RFC 4287) of the published events, in the request's language."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext as _

from core.templatetags.dates import event_when
from core.text import clean_text

from .ical import event_location
from .models import Event

# The newest events; feed readers keep what they have already seen.
FEED_LENGTH = 10


class EventFeed(Feed):
    feed_type = Atom1Feed
    # The county publishes the site; RFC 4287 wants an author for the feed.
    author_name = "Altmarkkreis Salzwedel"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # Feeds are text; the charset keeps umlauts intact in every reader.
        response["Content-Type"] = "application/atom+xml; charset=utf-8"
        return response

    def title(self):
        return _("Events – RDZ Altmarkkreis Salzwedel")

    def subtitle(self):
        return _(
            "Events related to the Regional Digitalisation Centre of the Altmarkkreis Salzwedel"
        )

    # Absolute URLs from SITE_URL, as in the canonical links, rather than
    # whatever Host header the request came with.
    def link(self):
        return settings.SITE_URL + reverse("events:list")

    def feed_url(self):
        return settings.SITE_URL + reverse("events:feed")

    def feed_guid(self):
        return self.feed_url()

    def items(self):
        return Event.objects.published()[:FEED_LENGTH]

    # XML allows no control characters: text stored around Django (raw SQL,
    # a restore) is cleaned here, as on saving.
    def item_title(self, item):
        return clean_text(item.title)

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def item_updateddate(self, item):
        return item.updated_at

    def item_description(self, item):
        parts = [format_html("<p>{}: {}</p>", _("When"), event_when(item))]
        if location := event_location(item):
            parts.append(format_html("<p>{}: {}</p>", _("Where"), clean_text(location)))
        if item.description:
            parts.append(linebreaks(clean_text(item.description), autoescape=True))
        return "".join(parts)
