"""Preview before publishing: an editor sees an unpublished project or event
at its public URL, marked as a draft; nobody else does, and no list, feed,
calendar, sitemap, search or cache ever holds it."""

import datetime
import zoneinfo

import pytest
from django.core.cache import cache
from django.urls import reverse

from projects.models import Event, Project

PROJECT = "regionales-digitalisierungszentrum"
EVENT = "tournee-digital-auftakt-salzwedel"


@pytest.fixture
def drafts(content):
    """The project and the event unpublished, as an editor would in the admin."""
    for item in (Project.objects.get(slug=PROJECT), Event.objects.get(slug=EVENT)):
        item.is_published = False
        item.save()


DRAFT_URLS = [
    (f"/projekte/{PROJECT}/", "Entwurf – nicht öffentlich"),
    (f"/en/projects/{PROJECT}/", "Draft – not public"),
    (f"/veranstaltungen/{EVENT}/", "Entwurf – nicht öffentlich"),
    (f"/en/events/{EVENT}/", "Draft – not public"),
]


@pytest.mark.parametrize(("url", "banner"), DRAFT_URLS)
def test_an_editor_sees_the_draft_with_a_banner(redaktion_client, drafts, url, banner):
    response = redaktion_client.get(url)
    assert response.status_code == 200
    assert banner in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize(("url", "banner"), DRAFT_URLS)
def test_visitors_get_404(client, drafts, url, banner):
    assert client.get(url).status_code == 404


def test_published_pages_have_no_banner(redaktion_client, content):
    html = redaktion_client.get(f"/projekte/{PROJECT}/").content.decode()
    assert "Entwurf – nicht öffentlich" not in html


def test_a_draft_is_never_cached(redaktion_client, client, drafts, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    url = f"/veranstaltungen/{EVENT}/"
    assert redaktion_client.get(url).status_code == 200
    assert client.get(url).status_code == 404
    assert "X-Page-Cache" not in redaktion_client.get(url)
    cache.clear()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/projekte/",
        "/veranstaltungen/",
        "/veranstaltungen/feed.atom",
        "/veranstaltungen/kalender.ics",
        "/sitemap-projects.xml",
        "/sitemap-events.xml",
        "/suche/?q=Tournee",
    ],
)
def test_drafts_stay_out_of_lists_feeds_and_search_also_for_editors(redaktion_client, drafts, url):
    html = redaktion_client.get(url).content.decode()
    assert f"/{EVENT}/" not in html
    assert f"/{EVENT}.ics" not in html


def test_the_admin_links_a_draft_as_preview(redaktion_client, drafts):
    event = Event.objects.get(slug=EVENT)
    page = redaktion_client.get(reverse("admin:projects_event_change", args=[event.pk]))
    html = page.content.decode()
    assert ">Vorschau<" in html
    Event.objects.filter(pk=event.pk).update(is_published=True)
    page = redaktion_client.get(reverse("admin:projects_event_change", args=[event.pk]))
    assert ">Vorschau<" not in page.content.decode()


def test_a_scheduled_item_is_previewed_as_scheduled(redaktion_client, content):
    event = Event.objects.get(slug=EVENT)
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    event.visible_from = datetime.datetime(2030, 12, 10, 8, 0, tzinfo=berlin)
    event.save()
    html = redaktion_client.get(f"/veranstaltungen/{EVENT}/").content.decode()
    assert "Geplant – öffentlich ab 10. Dezember 2030, 08:00" in html
    assert "Entwurf – nicht öffentlich" not in html
    change = reverse("admin:projects_event_change", args=[event.pk])
    admin_page = redaktion_client.get(change).content.decode()
    assert 'class="viewsitelink">Vorschau</a>' in admin_page
    event.visible_from = None
    event.save()
    admin_page = redaktion_client.get(change).content.decode()
    assert 'class="viewsitelink">Auf der Website anzeigen</a>' in admin_page
