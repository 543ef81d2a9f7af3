"""The page cache: served from memory, yet never stale.

Runs against whatever CACHE_URL selects (.ci/run repeats it with Redis).
"""

import contextlib
import datetime
import gzip
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import brotli
import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path, reverse
from django.utils import timezone, translation

from contacts.models import Contact
from projects.models import Event, Project
from tests.servers import free_ports, gunicorn

BASE_DIR = Path(__file__).resolve().parent.parent
FIXTURES = ("organisations", "contacts", "projects", "events")
PROJECT = "regionales-digitalisierungszentrum"
EVENT = "tournee-digital-auftakt-salzwedel"
PAGES = ["/", "/en/", f"/projekte/{PROJECT}/", f"/en/projects/{PROJECT}/", "/veranstaltungen/"]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def make_event(**fields):
    today = timezone.localdate()
    defaults = {
        "title_de": "Testtermin",
        "title_en": "Test event",
        "slug": "testtermin",
        "start_date": today,
    }
    return Event.objects.create(**{**defaults, **fields})


def section_of(html, title):
    """'upcoming' or 'past': where the events page lists a title."""
    upcoming, _, past = html.partition('id="past-heading"')
    return "upcoming" if title in upcoming else "past" if title in past else None


# Hits -------------------------------------------------------------------------


@pytest.mark.parametrize("url", PAGES)
def test_second_get_is_a_hit_with_one_query(
    client, content, page_cache, url, django_assert_num_queries
):
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(1):  # the content version, nothing else
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert not second.cookies


def test_languages_and_query_strings_are_separate_entries(client, content, page_cache):
    assert client.get("/").content != client.get("/en/").content
    client.get("/veranstaltungen/")
    assert client.get("/veranstaltungen/?page=1")["X-Page-Cache"] == "miss"
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html


def test_a_hit_carries_the_headers_of_later_middleware(client, content, page_cache):
    fresh = client.get("/en/")
    hit = client.get("/en/")
    assert hit["X-Page-Cache"] == "hit"
    for header in (
        "Content-Type",
        "X-Frame-Options",
        "Content-Language",
        "Content-Security-Policy",
        "Permissions-Policy",
        "Referrer-Policy",
        "X-Content-Type-Options",
    ):
        assert hit[header] == fresh[header], header
    assert hit["X-Frame-Options"] == "DENY"
    assert "Accept-Encoding" in hit["Vary"]
    assert hit["Cache-Control"] == "no-cache"


@pytest.mark.parametrize(
    ("accept", "encoding", "decompress"),
    [
        ("gzip, deflate, br", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("br;q=0, gzip;q=0.5", "gzip", gzip.decompress),
        ("", None, bytes),
        ("identity", None, bytes),
    ],
)
def test_stored_compressed_variants(client, content, page_cache, accept, encoding, decompress):
    plain = client.get("/").content
    response = client.get("/", headers={"accept-encoding": accept})
    assert response["X-Page-Cache"] == "hit"
    assert response.get("Content-Encoding") == encoding
    assert int(response["Content-Length"]) == len(response.content)
    assert decompress(response.content) == plain
    if encoding:
        assert len(response.content) < len(plain) / 2


def test_head_is_answered_from_the_cache_without_a_body(client, content, page_cache):
    body = client.get("/").content
    response = client.head("/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b""
    assert int(response["Content-Length"]) == len(body)


def test_conditional_get_answers_304_without_a_body_length(client, content, page_cache):
    first = client.get("/en/")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    response = client.get("/en/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert "Content-Length" not in response
    assert response["ETag"] == etag
    response = client.get("/en/", headers={"if-modified-since": last_modified})
    assert response.status_code == 304
    assert client.get("/en/", headers={"if-none-match": '"other"'}).status_code == 200


def test_cache_can_be_turned_off(client, content, page_cache, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert "ETag" not in response


# What is never stored ------------------------------------------------------------


def test_requests_with_cookies_are_rendered_fresh(client, content, page_cache):
    client.cookies["anything"] = "1"
    client.get("/")
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert response.status_code == 200


def test_logged_in_editors_see_fresh_pages(admin_client, content, page_cache):
    admin_client.get("/")
    assert "X-Page-Cache" not in admin_client.get("/")
    assert "X-Page-Cache" not in admin_client.get("/admin/")


def test_not_found_and_admin_pages_are_not_stored(client, content, page_cache):
    for url in ("/projekte/gibt-es-nicht/", "/admin/login/", "/admin/login/"):
        assert "X-Page-Cache" not in client.get(url)
    assert "X-Page-Cache" not in client.get("/healthz")


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_feedback_form_is_never_stored(client, content, page_cache, language):
    with translation.override(language):
        url = reverse("legal:feedback")
    for _ in range(2):
        client.cookies.clear()
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "csrftoken" in response.cookies  # a fresh token for every visitor


def csrf_form_view(request):
    token = get_token(request)  # what {% csrf_token %} does
    return HttpResponse(f'<form method="post"><input name="t" value="{token}">{"x" * 300}</form>')


def cookie_view(request):
    response = HttpResponse("x" * 300)
    response.set_cookie("choice", "1")
    return response


def nonce_view(request):
    response = HttpResponse(f'<script nonce="{request.csp_nonce}"></script>{"x" * 300}')
    return response


def nonce_header_view(request):
    response = HttpResponse("x" * 300)
    response["Content-Security-Policy"] = "script-src 'nonce-abc123'"
    return response


def private_view(request):
    response = HttpResponse("x" * 300)
    response["Cache-Control"] = "private"
    return response


urlpatterns = [
    path("form/", csrf_form_view),
    path("cookie/", cookie_view),
    path("nonce/", nonce_view),
    path("nonce-header/", nonce_header_view),
    path("private/", private_view),
]


@pytest.mark.parametrize("url", ["/form/", "/cookie/", "/nonce/", "/nonce-header/", "/private/"])
def test_forms_cookies_nonces_and_private_pages_are_not_stored(
    client, db, page_cache, settings, url
):
    settings.ROOT_URLCONF = __name__
    first = client.get(url)
    assert first.status_code == 200
    client.cookies.clear()
    second = client.get(url)
    assert "X-Page-Cache" not in second
    if url == "/form/":
        assert "csrftoken" in second.cookies  # set again: the page was rendered afresh


# Invalidation ---------------------------------------------------------------------


class FormFields(HTMLParser):
    """The values a browser would submit from the first form with a submit button."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in {"submit", "button", "file"}:
            if a.get("type") in {"checkbox", "radio"}:
                if "checked" in a:
                    self.data.setdefault(name, []).append(a.get("value", "on"))
            else:
                self.data[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [] if "multiple" in a else "")
        elif tag == "option" and self._select and "selected" in a:
            if isinstance(self.data[self._select], list):
                self.data[self._select].append(a.get("value", ""))
            else:
                self.data[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            # Like a browser, drop the newline right after <textarea>.
            value = self.data[self._textarea]
            self.data[self._textarea] = value + (data if value else data.removeprefix("\n"))


def test_an_admin_edit_is_visible_on_the_next_request(client, content, page_cache):
    url = f"/veranstaltungen/{EVENT}/"
    assert "Auftaktveranstaltung" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"

    editor = get_user_model().objects.create_superuser("redaktion", "r@example.org", "pw")
    admin = type(client)()
    admin.force_login(editor)
    event = Event.objects.get(slug=EVENT)
    change_url = f"/admin/projects/event/{event.pk}/change/"
    parser = FormFields()
    parser.feed(admin.get(change_url).content.decode())
    data = {**parser.data, "title_de": "Geänderter Titel der Tournee"}
    response = admin.post(change_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Geänderter Titel der Tournee" in response.content.decode()
    assert "Geänderter Titel der Tournee" in client.get("/veranstaltungen/").content.decode()


def test_loaddata_is_visible(client, content, page_cache, tmp_path):
    assert "Neu geladener Termin" not in client.get("/veranstaltungen/").content.decode()
    fixture = tmp_path / "more_events.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "projects.event",
                    "fields": {
                        "slug": "neu-geladen",
                        "title_de": "Neu geladener Termin",
                        "title_en": "Newly loaded event",
                        "start_date": "2020-09-01",
                    },
                }
            ]
        )
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert "Neu geladener Termin" in client.get("/veranstaltungen/").content.decode()


def test_deletion_is_visible(client, content, page_cache):
    assert "Tournee.Digital" in client.get("/veranstaltungen/").content.decode()
    Event.objects.get(slug=EVENT).delete()
    assert "Tournee.Digital" not in client.get("/veranstaltungen/").content.decode()


def test_many_to_many_change_is_visible(client, content, page_cache):
    project = Project.objects.get(slug=PROJECT)
    contact = Contact.objects.listed().first()
    project.contacts.add(contact)
    url = f"/projekte/{PROJECT}/"
    assert f"#{contact.slug}" in client.get(url).content.decode()
    project.contacts.remove(contact)
    assert f"#{contact.slug}" not in client.get(url).content.decode()


def test_bulk_updates_need_the_bump_command(client, content, page_cache):
    client.get("/veranstaltungen/")
    Event.objects.filter(slug=EVENT).update(title_de="Per SQL geändert")
    assert "Per SQL geändert" not in client.get("/veranstaltungen/").content.decode()
    call_command("bump_content_version", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert "Per SQL geändert" in client.get("/veranstaltungen/").content.decode()


def test_flush_is_visible(client, content, page_cache):
    assert "Tournee.Digital" in client.get("/veranstaltungen/").content.decode()
    call_command("flush", interactive=False, verbosity=0)
    assert "Tournee.Digital" not in client.get("/veranstaltungen/").content.decode()


def test_an_event_becomes_past_when_the_date_changes(client, db, page_cache):
    make_event()
    assert section_of(client.get("/veranstaltungen/").content.decode(), "Testtermin") == "upcoming"
    assert section_of(client.get("/veranstaltungen/").content.decode(), "Testtermin") == "upcoming"

    real_localdate = timezone.localdate

    def two_days_later(value=None, timezone=None):
        if value is None:
            return real_localdate(timezone=timezone) + datetime.timedelta(days=2)
        return real_localdate(value, timezone)

    with mock.patch("django.utils.timezone.localdate", two_days_later):
        response = client.get("/veranstaltungen/")
    assert response["X-Page-Cache"] == "miss"
    assert section_of(response.content.decode(), "Testtermin") == "past"


# Two app servers, each with its own memory cache ------------------------------------


def fetch(port, url):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=5) as response:  # noqa: S310
        return response.headers.get("X-Page-Cache"), response.read().decode()


def test_two_processes_with_local_caches_never_serve_stale_pages(tmp_path):
    """Two gunicorn servers on one SQLite file, each with its own LocMemCache;
    a third process edits; both show the edit on the next request."""
    (tmp_path / "pc_settings.py").write_text(
        "from rdz_site.settings import *  # noqa\n"
        "STORAGES = {**STORAGES, 'staticfiles': "
        "{'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{BASE_DIR}",
        "DJANGO_SETTINGS_MODULE": "pc_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": "locmem://",
        "DJANGO_PAGE_CACHE": "1",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, str(BASE_DIR / "manage.py")]

    def run(*args):
        subprocess.run(
            [*manage, *args], env=env, cwd=tmp_path, check=True, capture_output=True, timeout=60
        )

    run(
        "shell",
        "-c",
        "from django.core.management import call_command as c; "
        f"c('migrate', verbosity=0); c('loaddata', *{FIXTURES!r}, verbosity=0)",
    )
    with contextlib.ExitStack() as servers:
        ports = free_ports(8700, 8709, 2)
        for port in ports:
            servers.enter_context(gunicorn(port, env, tmp_path, "--workers", "1"))
        url = f"/veranstaltungen/{EVENT}/"
        for port in ports:
            fetch(port, url)
            state, html = fetch(port, url)
            assert state == "hit"
            assert "Auftaktveranstaltung" in html

        title = "Bearbeitet von einem dritten Prozess"
        run(
            "shell",
            "-c",
            f"from projects.models import Event; e = Event.objects.get(slug={EVENT!r}); "
            f"e.title_de = {title!r}; e.save()",
        )
        for port in ports:
            state, html = fetch(port, url)
            assert (state, title in html) == ("miss", True)
            state, html = fetch(port, url)
            assert (state, title in html) == ("hit", True)
