"""/sitemap.xml (parsed with ElementTree), /robots.txt and
/.well-known/security.txt (RFC 9116)."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from legal.models import LegalPage
from projects.models import Event

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SITE = "https://rdz.example.org"
PROJECT = "regionales-digitalisierungszentrum"
EVENT = "tournee-digital-auftakt-salzwedel"

# (German, English) addresses that must be listed.
PAGES = [
    ("/", "/en/"),
    ("/projekte/", "/en/projects/"),
    (f"/projekte/{PROJECT}/", f"/en/projects/{PROJECT}/"),
    ("/veranstaltungen/", "/en/events/"),
    (f"/veranstaltungen/{EVENT}/", f"/en/events/{EVENT}/"),
    ("/ansprechpartner/", "/en/contacts/"),
]


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def sitemap(client, content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == SITEMAP + "urlset"
    entries = {}
    for url in root.findall(SITEMAP + "url"):
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall(XHTML + "link")
            if link.get("rel") == "alternate"
        }
        entries[url.findtext(SITEMAP + "loc")] = alternates
    return entries


def test_sitemap_lists_every_page_in_both_languages_with_alternates(sitemap):
    for german, english in PAGES:
        alternates = {"de": SITE + german, "en": SITE + english, "x-default": SITE + german}
        assert sitemap[SITE + german] == alternates
        assert sitemap[SITE + english] == alternates


def test_sitemap_lists_the_published_legal_pages(sitemap):
    pages = list(LegalPage.objects.published())
    assert pages, "the fixtures publish the legal pages"
    urls = {"/impressum/", "/en/legal-notice/", "/datenschutz/", "/en/privacy/"}
    assert urls <= {loc.removeprefix(SITE) for loc in sitemap}


def test_sitemap_leaves_out_what_is_not_public(client, content):
    LegalPage.objects.filter(kind="privacy").update(is_published=False)
    Event.objects.filter(slug=EVENT).update(is_published=False)
    body = client.get("/sitemap.xml").content.decode()
    assert "/datenschutz/" not in body
    assert EVENT not in body
    assert "/suche/" not in body


def test_event_entries_have_lastmod(client, content):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    lastmods = [
        url.findtext(SITEMAP + "lastmod")
        for url in root.findall(SITEMAP + "url")
        if EVENT in url.findtext(SITEMAP + "loc")
    ]
    assert len(lastmods) == 2
    assert all(datetime.date.fromisoformat(value[:10]) for value in lastmods)


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    # Nothing public is hidden from crawlers.
    assert "Disallow: /" not in lines


def test_security_txt_follows_rfc_9116(client, db):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = {}
    for line in response.content.decode().splitlines():
        name, _sep, value = line.partition(": ")
        fields.setdefault(name, []).append(value)
    assert fields["Contact"] == ["https://www.altmarkkreis-salzwedel.de"]
    assert fields["Canonical"] == [f"{SITE}/.well-known/security.txt"]
    assert fields["Preferred-Languages"] == ["de, en"]
    (expires,) = fields["Expires"]
    ahead = datetime.datetime.fromisoformat(expires) - datetime.datetime.now(datetime.UTC)
    assert datetime.timedelta(days=364) < ahead <= datetime.timedelta(days=365)


def test_security_txt_drops_contacts_that_are_not_uris(client, db, settings):
    settings.SECURITY_CONTACTS = ["www.example.org", "mailto:security@example.org"]
    body = client.get("/.well-known/security.txt").content.decode()
    assert "Contact: mailto:security@example.org" in body
    assert "www.example.org" not in body
