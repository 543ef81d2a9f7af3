"""`manage.py check_links` asks every external link in the content once, with
short timeouts, and the admin shows editors the broken ones with where they
are. A local HTTP server stands in for the internet."""

import datetime
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.utils import timezone

from contacts.models import Organisation
from legal.models import LegalPage
from links.models import BrokenLink


class Handler(BaseHTTPRequestHandler):
    def answer(self, body):
        if self.path == "/slow":
            time.sleep(2)
        status = {"/ok": 200, "/gone": 404, "/slow": 200}.get(self.path, 200)
        if self.path == "/no-head":
            status = 405 if self.command == "HEAD" else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self.answer(False)

    def do_GET(self):
        self.answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def local_links(empty_site, server, settings):
    """Content whose only external links point at the local server."""
    settings.LINK_CHECK_TIMEOUT = 0.5
    county = Organisation.objects.create(
        name_de="Altmarkkreis Salzwedel", slug="kreis", kind="county_unit", website=f"{server}/ok"
    )
    LegalPage.objects.create(
        kind="imprint",
        title_de="Impressum",
        provider=county,
        intro_de=(
            f'<p><a href="{server}/gone">Weg</a>, <a href="{server}/no-head">ohne HEAD</a>, '
            f"siehe {server}/slow.</p>"
        ),
    )
    return server


def test_broken_links_are_listed_with_where_they_are(local_links, redaktion_client):
    call_command("check_links", verbosity=0)
    broken = {link.url.removeprefix(local_links): link for link in BrokenLink.objects.all()}
    assert set(broken) == {"/gone", "/slow"}
    assert broken["/gone"].problem == "HTTP-Status 404"
    assert broken["/slow"].problem == "Keine Antwort innerhalb von 0,5 Sekunden"
    page = LegalPage.objects.get()
    assert broken["/gone"].edit_url == f"/admin/legal/legalpage/{page.pk}/change/#id_intro_de"
    html = redaktion_client.get("/admin/links/brokenlink/").content.decode()
    assert "<h1>Defekte Links</h1>" in html  # not "Defekter Link wählen"
    assert f'<a href="{local_links}/gone" rel="noreferrer">' in html
    assert "Rechtliche Seite „Impressum“, Feld „Text vor den Angaben (Deutsch)“" in html
    assert re.search(r'<a href="/admin/legal/legalpage/\d+/change/#id_intro_de">', html)


def test_a_link_that_works_again_leaves_the_list(local_links):
    call_command("check_links", verbosity=0)
    first = BrokenLink.objects.get(url__endswith="/gone").first_seen
    call_command("check_links", verbosity=0)
    assert BrokenLink.objects.get(url__endswith="/gone").first_seen == first  # kept, not new
    page = LegalPage.objects.get()
    page.intro_de = f'<p><a href="{local_links}/ok">Da</a></p>'
    page.save()
    call_command("check_links", verbosity=0)
    assert not BrokenLink.objects.exists()


def test_editors_may_only_look(local_links, redaktion_client):
    call_command("check_links", verbosity=0)
    link = BrokenLink.objects.first()
    assert redaktion_client.get("/admin/links/brokenlink/add/").status_code == 403
    assert redaktion_client.get(f"/admin/links/brokenlink/{link.pk}/delete/").status_code == 403
    assert "Defekte Links" in redaktion_client.get("/admin/").content.decode()


def test_a_server_that_refuses_is_named_in_words_not_errno(local_links):
    """A closed port: the editor reads what happened, not the system's error."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    Organisation.objects.update(website=f"{closed}/")
    call_command("check_links", verbosity=0)
    link = BrokenLink.objects.get(url__startswith=closed)
    assert link.problem == "Der Server lehnt die Verbindung ab"
    assert "Errno" not in link.problem


def _last_check_line(client):
    html = client.get("/admin/links/brokenlink/").content.decode()
    match = re.search(r'<p id="last-link-check">(.*?)</p>', html, re.S)
    return " ".join(match[1].split()), html


def test_the_list_says_when_the_check_last_ran(local_links, redaktion_client):
    """An empty list is not mistaken for a check that never ran: the list
    says when the last check finished and how many links it asked."""
    line, _html = _last_check_line(redaktion_client)
    assert line == (
        "Noch nicht geprüft: Die Prüfung läuft jede Nacht, die Liste füllt sich nach ihrem "
        "ersten Lauf."
    )

    call_command("check_links", verbosity=0)
    line, html = _last_check_line(redaktion_client)
    assert re.fullmatch(
        r"Zuletzt geprüft am \d{1,2}\. \w+ \d{4}, \d{2}:\d{2} Uhr\. "
        r"Geprüfte Links: 4, davon defekt: 2\.",
        line,
    ), line
    assert "errornote" not in html

    # Fixed, and checked again: the list is empty, and still says so.
    page = LegalPage.objects.get()
    page.intro_de = f'<p><a href="{local_links}/ok">Da</a></p>'
    page.save()
    call_command("check_links", verbosity=0)
    line, _html = _last_check_line(redaktion_client)
    assert line.endswith("Geprüfte Links: 1, davon defekt: 0.")


def test_a_link_used_in_two_places_counts_once_and_is_listed_twice(local_links, redaktion_client):
    page = LegalPage.objects.get()
    page.intro_en = f'<p><a href="{local_links}/gone">Gone</a></p>'
    page.save()
    call_command("check_links", verbosity=0)
    line, _html = _last_check_line(redaktion_client)
    assert line.endswith(
        "Geprüfte Links: 4, davon defekt: 2. Die Liste unten hat eine Zeile für jede Stelle, "
        "an der ein defekter Link steht (3 Zeilen)."
    ), line
    assert BrokenLink.objects.count() == 3


def test_a_check_that_stopped_running_is_pointed_out(local_links, redaktion_client):
    from links.models import LinkCheck

    call_command("check_links", verbosity=0)
    LinkCheck.objects.update(finished_at=timezone.now() - datetime.timedelta(days=3))
    _line, html = _last_check_line(redaktion_client)
    assert (
        '<p class="errornote">Seitdem lief die nächtliche Prüfung nicht mehr. Bitte sagen Sie '
        "der IT Bescheid: Die Liste unten ist vielleicht nicht aktuell.</p>"
    ) in html
