"""JSON-LD blocks (parsed with json.loads) and Open Graph tags."""

import datetime
import json
import re

import pytest

from projects.models import Event, Project
from tests.conftest import SITE

PROJECT = "regionales-digitalisierungszentrum"
EVENT = "tournee-digital-auftakt-salzwedel"

pytestmark = pytest.mark.usefixtures("site_url")


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return [json.loads(block) for block in blocks]


def of_type(html, kind):
    found = [data for data in json_ld(html) if data["@type"] == kind]
    assert found, f"no {kind} on the page"
    for data in found:
        assert data["@context"] == "https://schema.org"
    return found


def og(html):
    return dict(re.findall(r'<meta property="(og:[a-z:_]+)" content="([^"]*)">', html))


@pytest.mark.parametrize("url", ["/", "/ansprechpersonen/", "/en/", "/en/contacts/"])
def test_county_as_government_organization_with_contact_point(client, content, url):
    (county,) = of_type(client.get(url).content.decode(), "GovernmentOrganization")
    assert county["name"].startswith("Altmarkkreis Salzwedel")
    assert county["url"] == "https://www.altmarkkreis-salzwedel.de"
    assert county["telephone"] == "+4939018400"
    assert county["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Karl-Marx-Straße 32",
        "postalCode": "29410",
        "addressLocality": "Hansestadt Salzwedel",
        "addressCountry": "DE",
    }
    (point,) = county["contactPoint"]
    assert point["@type"] == "ContactPoint"
    assert point["url"].startswith(SITE) and point["url"].endswith(
        "/wirtschaftsfoerderung-projekte/"
    )
    # Nothing the source does not give: no e-mail address anywhere.
    assert "email" not in county and "email" not in point


@pytest.mark.parametrize(
    ("url", "name"),
    [
        (f"/veranstaltungen/{EVENT}/", "Auftaktveranstaltung der landesweiten Tournee.Digital"),
        (f"/en/events/{EVENT}/", "Kick-off event of the state-wide Tournee.Digital"),
    ],
)
def test_event_page_has_event(client, content, url, name):
    (event,) = of_type(client.get(url).content.decode(), "Event")
    assert event["name"] == name
    assert event["url"] == SITE + url
    # All-day: a date without a time.
    assert event["startDate"] == "2020-08-31"
    # Neither status nor format is in the source.
    assert "eventStatus" not in event and "eventAttendanceMode" not in event
    assert event["location"] == {"@type": "Place", "name": "Salzwedel", "address": "Salzwedel"}
    # The source does not say who organised the kick-off: no organizer is claimed.
    assert "organizer" not in event


def test_timed_event_has_local_times_with_offset(client, db):
    Event.objects.create(
        slug="abend",
        title_de="Abend",
        start_date=datetime.date(2030, 1, 10),
        start_time=datetime.time(18, 0),
        end_time=datetime.time(20, 0),
    )
    (event,) = of_type(client.get("/veranstaltungen/abend/").content.decode(), "Event")
    assert event["startDate"] == "2030-01-10T18:00:00+01:00"
    assert event["endDate"] == "2030-01-10T20:00:00+01:00"
    assert "location" not in event and "organizer" not in event


def test_text_cannot_end_the_script_element(client, db):
    Event.objects.create(
        slug="boese",
        title_de="</script><script>alert(1)</script> & <!--",
        start_date=datetime.date(2030, 1, 10),
    )
    html = client.get("/veranstaltungen/boese/").content.decode()
    (event,) = of_type(html, "Event")
    assert event["name"] == "</script><script>alert(1)</script> & <!--"
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("url", [f"/projekte/{PROJECT}/", f"/en/projects/{PROJECT}/"])
def test_project_page_has_monetary_grant(client, content, url):
    (grant,) = of_type(client.get(url).content.decode(), "MonetaryGrant")
    assert grant["amount"] == {"@type": "MonetaryAmount", "currency": "EUR", "maxValue": 200000}
    assert grant["funder"]["name"] in (
        "Wirtschaftsministerium des Landes Sachsen-Anhalt",
        "Ministry of Economic Affairs of the State of Saxony-Anhalt",
    )
    assert grant["fundedItem"]["url"] == SITE + url
    assert grant["fundedItem"]["name"] == Project.objects.get().title


@pytest.mark.parametrize(
    ("url", "locale", "alternate", "title", "kind"),
    [
        ("/", "de_DE", "en_GB", "RDZ Altmarkkreis Salzwedel", "website"),
        ("/en/events/", "en_GB", "de_DE", "Events", "website"),
        (f"/en/projects/{PROJECT}/", "en_GB", "de_DE", "Regional Digitalisation Centre", "article"),
        (
            f"/veranstaltungen/{EVENT}/",
            "de_DE",
            "en_GB",
            "Auftaktveranstaltung der landesweiten Tournee.Digital",
            "article",
        ),
    ],
)
def test_open_graph(client, content, url, locale, alternate, title, kind):
    html = client.get(url).content.decode()
    tags = og(html)
    assert tags["og:url"] == SITE + url
    assert f'<link rel="canonical" href="{SITE}{url}">' in html
    assert (tags["og:locale"], tags["og:locale:alternate"]) == (locale, alternate)
    assert tags["og:title"] == title
    assert tags["og:type"] == kind
    assert tags["og:site_name"] == "RDZ Altmarkkreis Salzwedel"
    assert tags["og:description"]
    # A plain typographic card (scripts/make_share_image.py), 1200 x 630.
    assert tags["og:image"].startswith(SITE + "/static/img/share")
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"]


def test_the_share_image_is_the_size_link_previews_expect():
    from pathlib import Path

    from PIL import Image

    path = Path(__file__).resolve().parents[2] / "static" / "img" / "share.png"
    with Image.open(path) as image:
        assert image.size == (1200, 630)
    assert path.stat().st_size < 50 * 1024
