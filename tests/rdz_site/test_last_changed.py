"""Every content page says when its content last changed ("Stand: …"),
taken from the content itself: the newest `updated_at` of what it shows."""

import datetime
import re

import pytest
from django.utils import timezone

from contacts.models import Organisation
from legal.models import LegalPage
from projects.models import Project
from tests.conftest import PAGES

LEGAL = [
    ("/impressum/", "/en/legal-notice/"),
    ("/datenschutz/", "/en/privacy/"),
    ("/barrierefreiheit/", "/en/accessibility/"),
    ("/leichte-sprache/", "/en/easy-read/"),
]
STAMP = re.compile(r'<p class="last-changed">(Stand|Last updated): <time datetime="([-\d]+)">')


def last_changed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    found = STAMP.findall(response.content.decode())
    assert len(found) == 1, f"{url}: {found}"
    ((label, date),) = found
    assert label == ("Last updated" if url.startswith("/en/") else "Stand")
    return date


@pytest.mark.parametrize("url", [url for pair in PAGES + LEGAL for url in pair])
def test_every_content_page_is_dated_from_its_content(client, content, url):
    # The fixtures' content was last changed on 7 December 2026.
    assert last_changed(client, url) == "2026-12-07"


def test_dates_read_as_in_each_language(client, content):
    assert (
        'Stand: <time datetime="2026-12-07">7. Dezember 2026</time>'
        in client.get("/datenschutz/").content.decode()
    )
    assert (
        'Last updated: <time datetime="2026-12-07">7 December 2026</time>'
        in client.get("/en/privacy/").content.decode()
    )


def test_an_edit_moves_the_date_of_the_pages_that_show_it(client, content):
    today = timezone.localdate().isoformat()
    page = LegalPage.objects.get(kind="privacy")
    page.body_de += "<p>Ergänzt.</p>"
    page.save()
    assert last_changed(client, "/datenschutz/") == today
    assert last_changed(client, "/impressum/") == "2026-12-07"
    # The county's address is shown with every contact.
    Organisation.objects.get(slug="altmarkkreis-salzwedel").save()
    assert last_changed(client, "/ansprechpersonen/") == today
    assert last_changed(client, "/") == today


def test_a_project_saved_with_update_fields_is_dated_too(content):
    project = Project.objects.get()
    project.title_de = "Regionales Digitalisierungszentrum"
    project.save(update_fields=["title_de"])
    project.refresh_from_db()
    assert project.updated_at > timezone.now() - datetime.timedelta(minutes=1)
