"""/sitemap.xml (parsed with ElementTree), /robots.txt and
/.well-known/security.txt (RFC 9116)."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from legal.models import LegalPage
from projects.models import Event, Project
from rdz_site.sitemaps import MAX_URLS
from tests.conftest import EVENT, PAGES, SITE

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

pytestmark = pytest.mark.usefixtures("site_url")


def section_urls(client):
    """The addresses of the section pages the index at /sitemap.xml lists."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == SITEMAP + "sitemapindex"
    return [urlsplit(loc.text) for loc in root.iter(SITEMAP + "loc")]


def entries(client):
    """{address: {hreflang: address}} of every section page."""
    found = {}
    for url in section_urls(client):
        response = client.get(url.path, dict(parse_qsl(url.query)))
        assert response.status_code == 200, url
        root = ET.fromstring(response.content)
        assert root.tag == SITEMAP + "urlset"
        assert len(root.findall(SITEMAP + "url")) <= MAX_URLS
        for entry in root.findall(SITEMAP + "url"):
            found[entry.findtext(SITEMAP + "loc")] = {
                link.get("hreflang"): link.get("href")
                for link in entry.findall(XHTML + "link")
                if link.get("rel") == "alternate"
            }
    return found


@pytest.fixture
def sitemap(client, content):
    return entries(client)


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
    listed = " ".join(entries(client))
    assert "/datenschutz/" not in listed
    assert EVENT not in listed
    assert "/suche/" not in listed


def test_event_entries_have_lastmod(client, content):
    (events,) = [url for url in section_urls(client) if url.path == "/sitemap-events.xml"]
    root = ET.fromstring(client.get(events.path).content)
    lastmods = [
        url.findtext(SITEMAP + "lastmod")
        for url in root.findall(SITEMAP + "url")
        if EVENT in url.findtext(SITEMAP + "loc")
    ]
    assert len(lastmods) == 2
    assert all(datetime.date.fromisoformat(value[:10]) for value in lastmods)


def test_many_events_make_many_small_pages(client, content):
    """Ten thousand events made one 8 MB sitemap that took seconds to build."""
    day = datetime.date(2020, 1, 1)
    Event.objects.bulk_create(
        Event(slug=f"termin-{n}", title_de=f"Termin {n}", start_date=day) for n in range(1200)
    )
    sections = [url for url in section_urls(client) if url.path == "/sitemap-events.xml"]
    pages = -(-1201 * 2 // MAX_URLS)  # 1,200 new events and the fixture's, in two languages
    assert [dict(parse_qsl(url.query)).get("p") for url in sections] == [
        None,
        *(str(page) for page in range(2, pages + 1)),
    ]
    listed = entries(client)
    assert {f"{SITE}/veranstaltungen/termin-{n}/" for n in range(1200)} <= set(listed)
    assert client.get("/sitemap-events.xml", {"p": str(pages + 1)}).status_code == 404


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


def test_security_txt_follows_rfc_9116(client, db, settings):
    settings.SECURITY_CONTACTS = ["mailto:security@example.org"]
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = {}
    for line in response.content.decode().splitlines():
        name, _sep, value = line.partition(": ")
        fields.setdefault(name, []).append(value)
    assert fields["Contact"] == ["mailto:security@example.org"]
    assert fields["Canonical"] == [f"{SITE}/.well-known/security.txt"]
    assert fields["Preferred-Languages"] == ["de, en"]
    (expires,) = fields["Expires"]
    ahead = datetime.datetime.fromisoformat(expires) - datetime.datetime.now(datetime.UTC)
    # Less than a year, as RFC 9116 recommends, and more than ten months.
    assert datetime.timedelta(days=300) < ahead < datetime.timedelta(days=365)
    assert client.get("/.well-known/security.txt").content == response.content


@pytest.mark.parametrize(
    ("today", "expires"),
    [
        (datetime.date(2026, 1, 1), "2026-12-01"),
        (datetime.date(2026, 1, 31), "2026-12-01"),
        (datetime.date(2026, 2, 1), "2027-01-01"),
        (datetime.date(2026, 12, 31), "2027-11-01"),
    ],
)
def test_security_txt_expires_the_same_all_month(today, expires):
    from rdz_site.machine_views import security_txt_expiry

    assert security_txt_expiry(today).date().isoformat() == expires


@pytest.mark.parametrize("url", ["/robots.txt", "/.well-known/security.txt", "/sitemap.xml"])
def test_machine_pages_answer_head(client, db, settings, url):
    settings.SECURITY_CONTACTS = ["mailto:security@example.org"]
    response = client.head(url)
    assert response.status_code == 200
    assert response.content == b""


def test_security_txt_drops_contacts_that_are_not_uris(client, db, settings):
    settings.SECURITY_CONTACTS = ["www.example.org", "mailto:security@example.org"]
    body = client.get("/.well-known/security.txt").content.decode()
    assert "Contact: mailto:security@example.org" in body
    assert "www.example.org" not in body


@pytest.mark.parametrize("contacts", [[], ["www.example.org"]])
def test_security_txt_is_not_served_without_a_reporting_address(client, db, settings, contacts):
    """Nobody has confirmed an address yet: no file rather than a guessed
    contact, and the deploy check says why."""
    from django.core.checks import run_checks

    settings.SECURITY_CONTACTS = contacts
    assert client.get("/.well-known/security.txt").status_code == 404
    ids = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "rdz_site.W001" in ids
    settings.SECURITY_CONTACTS = ["mailto:security@example.org"]
    assert "rdz_site.W001" not in [m.id for m in run_checks(include_deployment_checks=True)]


def test_security_contacts_default_is_empty(monkeypatch):
    """No address that nobody confirmed ships as the default."""
    import runpy
    from pathlib import Path

    monkeypatch.delenv("SECURITY_CONTACTS", raising=False)
    settings_file = Path(__file__).resolve().parents[2] / "rdz_site" / "settings.py"
    assert runpy.run_path(str(settings_file))["SECURITY_CONTACTS"] == []


def test_many_projects_are_counted_not_loaded_for_the_index(client, content):
    """The index counts each section: 300 projects (600 addresses) make two
    pages, and building the index fetches no project."""
    Project.objects.bulk_create(
        Project(slug=f"projekt-{n}", title_de=f"Projekt {n}", start_date=datetime.date(2020, 1, 1))
        for n in range(300)
    )
    with CaptureQueriesContext(connection) as queries:
        sections = [url for url in section_urls(client) if url.path == "/sitemap-projects.xml"]
    assert [dict(parse_qsl(url.query)).get("p") for url in sections] == [None, "2"]
    assert not [
        q for q in queries if 'FROM "projects_project"' in q["sql"] and "COUNT" not in q["sql"]
    ]
    listed = entries(client)
    assert {f"{SITE}/projekte/projekt-{n}/" for n in range(300)} <= set(listed)
