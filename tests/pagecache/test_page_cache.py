"""The page cache: served from memory, yet never stale.

Runs against whatever CACHE_URL selects (.ci/run repeats it with Redis).
"""

import contextlib
import datetime
import functools
import gzip
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
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
from tests.conftest import sign_in
from tests.factories import make_event
from tests.servers import BASE_DIR, copy_database, free_ports, gunicorn

PROJECT = "regionales-digitalisierungszentrum"
EVENT = "tournee-digital-auftakt-salzwedel"
PAGES = ["/", "/en/", f"/projekte/{PROJECT}/", f"/en/projects/{PROJECT}/", "/veranstaltungen/"]


make_test_event = functools.partial(
    make_event, "testtermin", title_de="Testtermin", title_en="Test event", days_from_today=0
)


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


def test_languages_and_page_numbers_are_separate_entries(client, content, page_cache):
    assert client.get("/").content != client.get("/en/").content
    for number in range(11):
        make_event(slug=f"alt-{number}", start_date=timezone.localdate() - datetime.timedelta(30))
    first = client.get("/veranstaltungen/")
    assert client.get("/veranstaltungen/?page=2")["X-Page-Cache"] == "miss"
    second = client.get("/veranstaltungen/?page=2")
    assert second["X-Page-Cache"] == "hit" and second.content != first.content
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
    # Browsers ask again every time; nginx may keep it a second (shared.py).
    assert hit["Cache-Control"] == fresh["Cache-Control"]
    assert hit["Cache-Control"].startswith("max-age=0, s-maxage=1")


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


@pytest.mark.parametrize(
    "cookie", ["_ga=GA1.2.3; consent=all", "csrftoken=abcdefghijklmnopqrstuvwxyz012345", "x=1"]
)
def test_a_visitors_cookies_do_not_switch_the_cache_off(client, content, page_cache, cookie):
    """Cookies of a parent domain (analytics, a consent tool) or the feedback
    form's CSRF cookie come with every request of such visitors."""
    client.get("/")
    response = client.get("/", HTTP_COOKIE=cookie)
    assert response["X-Page-Cache"] == "hit"
    assert not response.cookies


def test_pages_that_depend_on_a_cookie_are_never_stored_even_for_visitors_with_cookies(
    client, content, page_cache
):
    form = "/barrierefreiheit/feedback/"
    client.get(form)
    response = client.get(form, HTTP_COOKIE="_ga=1")
    assert "X-Page-Cache" not in response
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_query_parameters_pages_do_not_read_are_not_part_of_the_key(client, content, page_cache):
    client.get("/")
    for query in ("v=1&utm_source=newsletter", "page=7", "page=abc", "p=2&page=1"):
        assert client.get(f"/?{query}")["X-Page-Cache"] == "hit", query


@pytest.mark.parametrize("query", ["page=1", "page=01", "page=last", "page=2&page=3", "page=-2"])
def test_page_numbers_that_are_not_canonical_are_not_stored(client, content, page_cache, query):
    client.get("/veranstaltungen/")
    for _ in range(2):
        assert "X-Page-Cache" not in client.get(f"/veranstaltungen/?{query}")
    assert client.get("/veranstaltungen/")["X-Page-Cache"] == "hit"


def test_search_queries_are_neither_served_nor_stored(client, content, page_cache):
    """Their values are endless: stored, they would push real pages out."""
    for _ in range(2):
        response = client.get("/suche/", {"q": "Digitalisierung"})
        assert "X-Page-Cache" not in response
        assert "Digitalisierung" in response.content.decode()


def test_logged_in_editors_see_fresh_pages(client, admin_client, content, page_cache, settings):
    assert settings.PAGE_CACHE_STAFF_COOKIE in admin_client.cookies
    client.get("/")
    assert "X-Page-Cache" not in admin_client.get("/")
    assert "X-Page-Cache" not in admin_client.get("/admin/")
    admin_client.post("/admin/logout/")
    assert admin_client.cookies[settings.PAGE_CACHE_STAFF_COOKIE].value == ""
    assert admin_client.get("/")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    "cookies",
    [
        "sessionid=x",
        "sessionid=0123456789abcdefghijklmnopqrstuv; staff=forged",
        "staff={staff}",  # a real staff cookie, but not with its session
        "sessionid=another; staff={staff}",
    ],
)
def test_no_made_up_cookie_switches_the_cache_off(
    client, admin_client, content, page_cache, settings, cookies
):
    staff = admin_client.cookies[settings.PAGE_CACHE_STAFF_COOKIE].value
    client.get("/")
    response = client.get("/", HTTP_COOKIE=cookies.format(staff=staff))
    assert response["X-Page-Cache"] == "hit"


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


def numbered_view(request):
    return HttpResponse(f"Seite {request.GET.get('page', '1')} " + "x" * 300)


numbered_view.page_cache_parameters = ("page",)


urlpatterns = [
    path("impressum/", numbered_view),
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


def test_another_urlconf_is_asked_anew_which_parameters_a_page_reads(
    client, content, page_cache, settings
):
    """The parameters of a path are remembered per process; a changed
    URLconf (here a test's) must not meet the old answer."""
    client.get("/impressum/")  # the site's legal notice, which reads no parameter
    settings.ROOT_URLCONF = __name__
    # Here a view that reads "page": page 2 is a page of its own.
    assert "Seite 2" in client.get("/impressum/", {"page": "2"}).content.decode()


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
    admin = sign_in(type(client)(), editor, "pw")
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
    assert contact.get_absolute_url() in client.get(url).content.decode()
    project.contacts.remove(contact)
    assert contact.get_absolute_url() not in client.get(url).content.decode()


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
    make_test_event()
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


def test_two_processes_with_local_caches_never_serve_stale_pages(tmp_path, site_database):
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

    copy_database(site_database, tmp_path / "db.sqlite3")
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


# Restores and releases ---------------------------------------------------------------


def test_after_a_restore_the_latest_edit_is_served(client, content, page_cache):
    """Back up, edit and cache, restore, edit again: a version that counts
    up would be the same number twice, and the page from before the restore
    would come back as a hit."""
    from pagecache.models import ContentVersion

    url = f"/veranstaltungen/{EVENT}/"
    event = Event.objects.get(slug=EVENT)
    backup = (ContentVersion.objects.values_list("version", "changed_at").get(), event.title_de)
    event.title_de = "Stand vor der Wiederherstellung"
    event.save()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    # The restore writes the old rows back, without any signal (pg_restore,
    # or the SQLite file copied back).
    (version, changed_at), title = backup
    ContentVersion.objects.update(version=version, changed_at=changed_at)
    Event.objects.filter(pk=event.pk).update(title_de=title)
    event.refresh_from_db()
    event.title_de = "Stand nach der Wiederherstellung"
    event.save()
    html = client.get(url).content.decode()
    assert "Stand nach der Wiederherstellung" in html
    assert "Stand vor der Wiederherstellung" not in html


def test_each_release_has_its_own_pages(client, content, page_cache, settings, tmp_path):
    """Old and new code share the cache during a rolling release."""
    templates = tmp_path / "templates"
    templates.mkdir()
    base = (BASE_DIR / "templates" / "base.html").read_text()
    (templates / "base.html").write_text(base.replace("</body>", "<!-- release 2 --></body>"))
    old = settings.TEMPLATES[0]
    new = {**old, "DIRS": [templates, *old["DIRS"]]}
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"

    settings.TEMPLATES = [new]
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "release 2" in response.content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"

    settings.TEMPLATES = [old]
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert "release 2" not in response.content.decode()


def test_last_modified_is_the_time_of_the_last_change(client, content, page_cache):
    """The same on every server, so that If-Modified-Since works behind a
    load balancer."""
    from django.utils.http import parse_http_date

    from pagecache.models import ContentVersion

    changed_at = ContentVersion.objects.get().changed_at
    midnight = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
    response = client.get("/")
    assert parse_http_date(response["Last-Modified"]) == int(max(changed_at, midnight).timestamp())
    cache.clear()
    assert client.get("/")["Last-Modified"] == response["Last-Modified"]


def test_saving_a_draft_does_not_move_last_modified(client, content, page_cache):
    first = client.get("/")
    later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        make_event(slug="entwurf", is_published=False)
    again = client.get("/")
    assert again["X-Page-Cache"] == "miss"
    assert again["Last-Modified"] == first["Last-Modified"]
    with mock.patch("django.utils.timezone.now", return_value=later):
        make_event(
            slug="oeffentlich",
            title_de="Testtermin",
            start_date=timezone.localdate() + datetime.timedelta(5),
        )
    changed = client.get("/")
    assert "Testtermin" in changed.content.decode()
    assert changed["Last-Modified"] != first["Last-Modified"]


def test_an_undone_edit_does_not_bring_back_the_old_last_modified(client, content, page_cache):
    """A client that saw the edit and asks If-Modified-Since must get the
    page again, not a 304 for the edited one it holds."""
    from django.utils.http import parse_http_date

    first = client.get("/")
    later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        event = make_event(
            slug="oeffentlich",
            title_de="Testtermin",
            start_date=timezone.localdate() + datetime.timedelta(5),
        )
    edited = client.get("/")
    assert "Testtermin" in edited.content.decode()
    with mock.patch("django.utils.timezone.now", return_value=later):
        event.delete()
    undone = client.get("/")
    assert undone["ETag"] == first["ETag"]  # the body of before the edit
    assert parse_http_date(undone["Last-Modified"]) >= parse_http_date(edited["Last-Modified"])
    asked = client.get("/", HTTP_IF_MODIFIED_SINCE=edited["Last-Modified"])
    assert asked.status_code == 200


# App servers: shared cache, releases, a broken database ----------------------------


SITE = "rdz.test"


def site_env(tmp_path, settings_module="pc_settings", **extra):
    return {
        **os.environ,
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{BASE_DIR}",
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": "locmem://",
        "DJANGO_PAGE_CACHE": "1",
        "DJANGO_ALLOWED_HOSTS": f"127.0.0.1,{SITE}",
        "DJANGO_LOG_LEVEL": "CRITICAL",
        **extra,
    }


def write_settings(tmp_path, name="pc_settings", extra=""):
    (tmp_path / f"{name}.py").write_text(
        "from rdz_site.settings import *  # noqa\n"
        "STORAGES = {**STORAGES, 'staticfiles': "
        "{'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n" + extra
    )


def status_of(port, url):
    """Status, X-Page-Cache and text of a page, asked for by one site name
    on every server, as behind a load balancer."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{url}", headers={"Host": SITE})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, response.headers.get("X-Page-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Page-Cache"), error.read().decode()


def test_two_releases_sharing_one_cache_never_serve_each_others_pages(tmp_path, site_database):
    """Two gunicorn servers, one with a changed template, both with the same
    file-based cache and database: each only ever serves its own HTML."""
    cache_setting = (
        "CACHES = {'default': {'BACKEND': "
        "'django.core.cache.backends.filebased.FileBasedCache', "
        f"'LOCATION': {str(tmp_path / 'cache')!r}}}}}\n"
    )
    templates = tmp_path / "templates"
    templates.mkdir()
    base = (BASE_DIR / "templates" / "base.html").read_text()
    (templates / "base.html").write_text(base.replace("</body>", "<!-- release 2 --></body>"))
    write_settings(tmp_path, "old_release", cache_setting)
    write_settings(
        tmp_path,
        "new_release",
        cache_setting + f"TEMPLATES[0]['DIRS'] = [{str(templates)!r}, *TEMPLATES[0]['DIRS']]\n",
    )
    copy_database(site_database, tmp_path / "db.sqlite3")
    with contextlib.ExitStack() as servers:
        old_port, new_port = free_ports(8710, 8719, 2)
        for port, module in ((old_port, "old_release"), (new_port, "new_release")):
            env = site_env(tmp_path, module)
            servers.enter_context(gunicorn(port, env, tmp_path, "--workers", "1"))
        for _ in range(2):
            for port, marked in ((old_port, False), (new_port, True)):
                for url in ("/", f"/projekte/{PROJECT}/"):
                    status, _state, html = status_of(port, url)
                    assert status == 200
                    assert ("release 2" in html) is marked, (port, url)
        assert status_of(new_port, "/")[1] == "hit"


def test_a_broken_database_is_an_outage_that_cached_pages_survive(tmp_path, site_database):
    """The SQLite file is overwritten while the server runs: stored pages
    are still served, others get the 503 page, /healthz says so."""
    write_settings(tmp_path)
    env = site_env(tmp_path)
    copy_database(site_database, tmp_path / "db.sqlite3")
    port = free_ports(8720, 8729)[0]
    with gunicorn(port, env, tmp_path, "--workers", "1"):
        url = f"/projekte/{PROJECT}/"
        assert status_of(port, url)[:2] == (200, "miss")
        assert status_of(port, url)[:2] == (200, "hit")

        database = tmp_path / "db.sqlite3"
        for path in (database, tmp_path / "db.sqlite3-wal", tmp_path / "db.sqlite3-shm"):
            if path.exists():
                with path.open("r+b") as file:
                    file.write(b"this is not a database any more" * 4096)

        status, state, html = status_of(port, url)
        assert (status, state) == (200, "stale")
        assert "Regionales Digitalisierungszentrum" in html
        status, _state, html = status_of(port, "/veranstaltungen/")
        assert status == 503
        assert "Vorübergehend nicht erreichbar" in html
        status, _state, body = status_of(port, "/healthz")
        assert (status, body.splitlines()[0]) == (503, "database: unavailable")
