"""Scheduled publishing: one rule (PublishedQuerySet.published()) decides what
the public sees at the minute, and every public output follows it, with the
page cache on. The clock is moved forward instead of waiting."""

import contextlib
import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from contacts.models import Contact, Organisation
from projects.models import Event, Project
from tests.conftest import PROJECT

SLUG = "zeitplan-termin"
# Every kind of public output that can show an event, in both languages.
EVENT_URLS = [
    "/",
    "/en/",
    "/veranstaltungen/",
    "/en/events/",
    f"/veranstaltungen/{SLUG}/",
    f"/en/events/{SLUG}/",
    f"/veranstaltungen/{SLUG}.ics",
    "/veranstaltungen/kalender.ics",
    "/en/events/calendar.ics",
    "/veranstaltungen/feed.atom",
    "/en/events/feed.atom",
    f"/projekte/{PROJECT}/",
    f"/en/projects/{PROJECT}/",
    "/sitemap-events.xml",
    "/suche/?q=Zeitplan",
    "/en/search/?q=Timed",
]


@pytest.fixture
def page_cache(settings, db):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


@contextlib.contextmanager
def clock(moment):
    """The site's clock (django.utils.timezone.now) set to `moment`."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def shows(client, url, texts):
    response = client.get(url)
    assert response.status_code in {200, 404}, url
    body = response.content.decode()
    return response.status_code == 200 and any(text in body for text in texts)


def contact_name_de(contact):
    with translation.override("de"):
        return contact.display_name


def scheduled_event(**window):
    return Event.objects.create(
        title_de="Zeitplan-Termin",
        title_en="Timed meeting",
        slug=SLUG,
        start_date=timezone.localdate() + datetime.timedelta(days=3),
        project=Project.objects.get(slug=PROJECT),
        **window,
    )


def test_an_event_goes_live_at_the_minute_on_every_output(client, page_cache):
    now = timezone.now()
    scheduled_event(visible_from=now + datetime.timedelta(minutes=1))
    texts = ("Zeitplan-Termin", "Timed meeting", SLUG)
    with clock(now):
        assert [url for url in EVENT_URLS if shows(client, url, texts)] == []
    with clock(now + datetime.timedelta(seconds=59)):
        assert [url for url in EVENT_URLS if shows(client, url, texts)] == []
    with clock(now + datetime.timedelta(minutes=1)):
        assert [url for url in EVENT_URLS if not shows(client, url, texts)] == []


def test_an_event_expires_at_the_minute_on_every_output(client, page_cache):
    now = timezone.now()
    scheduled_event(visible_until=now + datetime.timedelta(minutes=1))
    texts = ("Zeitplan-Termin", "Timed meeting", SLUG)
    with clock(now):
        assert [url for url in EVENT_URLS if not shows(client, url, texts)] == []
    with clock(now + datetime.timedelta(minutes=1, seconds=1)):
        assert [url for url in EVENT_URLS if shows(client, url, texts)] == []


def test_a_page_goes_live_without_a_write_and_says_so_to_browsers(client, page_cache):
    now = timezone.now()
    scheduled_event(visible_from=now + datetime.timedelta(minutes=1))
    with clock(now):
        first = client.get("/veranstaltungen/")
        assert client.get("/veranstaltungen/").headers["X-Page-Cache"] == "hit"
    with clock(now + datetime.timedelta(minutes=2)):
        later = client.get(
            "/veranstaltungen/", HTTP_IF_MODIFIED_SINCE=first.headers["Last-Modified"]
        )
    assert later.status_code == 200
    assert "Zeitplan-Termin" in later.content.decode()


def test_a_project_and_a_contact_follow_their_window(client, page_cache):
    now = timezone.now()
    project = Project.objects.get(slug=PROJECT)
    project.visible_from = now + datetime.timedelta(minutes=1)
    project.save()
    contact = Contact.objects.first()
    contact.visible_until = now + datetime.timedelta(minutes=1)
    contact.save()
    project_urls = [
        "/projekte/",
        "/en/projects/",
        "/sitemap-projects.xml",
        "/suche/?q=Digitalisierungszentrum",
    ]
    contact_urls = [
        "/ansprechpersonen/",
        "/en/contacts/",
        # The German search, so the German name (whatever language an
        # earlier request in this process left active).
        "/suche/?q=" + contact_name_de(contact).split()[0],
    ]
    with clock(now):
        assert not any(shows(client, url, [f"/{PROJECT}/"]) for url in project_urls[:3])
        assert client.get(f"/projekte/{PROJECT}/").status_code == 404
        assert all(shows(client, url, [contact.slug]) for url in contact_urls)
        assert client.get(contact.vcard_url).status_code == 200
    with clock(now + datetime.timedelta(minutes=1)):
        assert all(shows(client, url, [f"/{PROJECT}/"]) for url in project_urls[:3])
        assert client.get(f"/projekte/{PROJECT}/").status_code == 200
        assert not any(shows(client, url, [contact.slug]) for url in contact_urls)
        assert client.get(contact.vcard_url).status_code == 404


def test_a_draft_organisation_hides_its_contacts(client, db):
    Organisation.objects.update(is_published=False)
    assert client.get("/ansprechpersonen/").content.decode().count('class="organisation"') == 0
    assert client.get(Contact.objects.first().vcard_url).status_code == 404


@pytest.mark.parametrize("window", ["draft", "scheduled"])
def test_an_event_never_names_a_project_the_public_may_not_see(client, db, window):
    project = Project.objects.get(slug=PROJECT)
    if window == "draft":
        project.is_published = False
    else:
        project.visible_from = timezone.now() + datetime.timedelta(days=1)
    project.save()
    event = scheduled_event()
    for url in (
        f"/veranstaltungen/{event.slug}/",
        f"/en/events/{event.slug}/",
        f"/veranstaltungen/{event.slug}.ics",
        "/veranstaltungen/kalender.ics",
        "/en/events/calendar.ics",
    ):
        body = client.get(url).content.decode()
        assert "Timed meeting" in body or "Zeitplan-Termin" in body, url
        # Neither a link to the project nor the calendar's "Projekt: …" line
        # (the project's title is also the site's name, so it is not searched).
        assert f"/{PROJECT}/" not in body, url
        assert "Projekt: " not in body and "Project: " not in body, url
