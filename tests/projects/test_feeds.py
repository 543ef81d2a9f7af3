"""The Atom feed of events (RFC 4287), parsed with ElementTree."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from projects.models import Event
from tests.conftest import SITE

ATOM = "{http://www.w3.org/2005/Atom}"
EVENT = "tournee-digital-auftakt-salzwedel"

pytestmark = pytest.mark.usefixtures("site_url")


def get_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


@pytest.mark.parametrize(
    ("url", "listing", "title", "entry_title"),
    [
        (
            "/veranstaltungen/feed.atom",
            "/veranstaltungen/",
            "Veranstaltungen – RDZ Altmarkkreis Salzwedel",
            "Auftaktveranstaltung der landesweiten Tournee.Digital",
        ),
        (
            "/en/events/feed.atom",
            "/en/events/",
            "Events – RDZ Altmarkkreis Salzwedel",
            "Kick-off event of the state-wide Tournee.Digital",
        ),
    ],
)
def test_atom_feed_has_the_required_elements(client, content, url, listing, title, entry_title):
    feed = get_feed(client, url)
    assert feed.tag == ATOM + "feed"
    assert feed.findtext(ATOM + "title") == title
    assert feed.findtext(ATOM + "id") == SITE + url
    assert datetime.datetime.fromisoformat(feed.findtext(ATOM + "updated"))
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Altmarkkreis Salzwedel"
    links = {link.get("rel"): link.get("href") for link in feed.findall(ATOM + "link")}
    assert links == {"alternate": SITE + listing, "self": SITE + url}

    (entry,) = feed.findall(ATOM + "entry")
    assert entry.findtext(ATOM + "title") == entry_title
    page = f"{SITE}{listing}{EVENT}/"
    assert entry.find(ATOM + "link").get("href") == page
    assert entry.findtext(ATOM + "id") == page
    assert datetime.datetime.fromisoformat(entry.findtext(ATOM + "updated"))
    summary = entry.find(ATOM + "summary")
    assert summary.get("type") == "html"
    assert "Salzwedel" in summary.text


def test_feed_leaves_out_unpublished_events_and_escapes_text(client, content):
    Event.objects.create(
        slug="entwurf", title_de="Entwurf", start_date=datetime.date(2030, 1, 1), is_published=False
    )
    Event.objects.create(
        slug="markt",
        title_de="Markt & <Messe>",
        start_date=datetime.date(2030, 2, 1),
        description_de="<script>alert(1)</script>",
    )
    feed = get_feed(client, "/veranstaltungen/feed.atom")
    titles = [entry.findtext(ATOM + "title") for entry in feed.findall(ATOM + "entry")]
    assert "Entwurf" not in titles
    assert "Markt & <Messe>" in titles
    summaries = [entry.findtext(ATOM + "summary") for entry in feed.findall(ATOM + "entry")]
    # The summary is HTML: the description's markup arrives escaped as text.
    assert any("&lt;script&gt;" in summary for summary in summaries)
    assert not any("<script>" in summary for summary in summaries)


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("/veranstaltungen/", "/veranstaltungen/feed.atom"),
        (f"/en/events/{EVENT}/", "/en/events/feed.atom"),
    ],
)
def test_events_pages_announce_the_feed(client, content, page, feed):
    html = client.get(page).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert f'href="{feed}"' in html
