"""Generated scale data: the command, and pages that stay small and indexed."""

import io
import re
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Contact
from pagecache.models import current_version
from projects.feeds import FEED_LENGTH
from projects.models import Event, Milestone, Project
from projects.views import CALENDAR_PAST_EVENTS, UPCOMING_ON_PAGE


def make_scale_data(*args):
    out = io.StringIO()
    call_command("make_scale_data", *args, stdout=out)
    return out.getvalue()


# Several pages of each list (10 events, contacts, projects per page), yet quick.
EVENTS, CONTACTS, PROJECTS, MILESTONES = 60, 60, 15, 20
SMALL = (
    *("--events", str(EVENTS), "--upcoming", "5"),
    *("--contacts", str(CONTACTS), "--projects", str(PROJECTS), "--milestones", str(MILESTONES)),
)


def test_command_creates_marked_data_and_deletes_it_again(content):
    real = (Event.objects.count(), Contact.objects.count(), Project.objects.count())
    version = current_version()
    output = make_scale_data(*SMALL)
    assert (
        f"Created {EVENTS} events, {CONTACTS} contacts, {PROJECTS} projects and "
        f"{MILESTONES} milestones"
    ) in output
    assert current_version() != version  # bulk_create sends no signals; the command bumps
    generated = Event.objects.filter(slug__startswith="bench-")
    assert generated.count() == EVENTS
    assert Event.objects.upcoming().filter(slug__startswith="bench-").count() <= 5
    assert all(
        e.title_de.startswith("Testdaten") and e.title_en.startswith("Test data") for e in generated
    )
    assert Contact.objects.filter(slug__startswith="bench-", name="").count() == CONTACTS
    assert Milestone.objects.filter(slug__startswith="bench-").count() == MILESTONES
    assert Project.objects.filter(slug__startswith="bench-").count() == PROJECTS
    # The real project stays the featured one on the home page.
    assert not Project.objects.published().first().slug.startswith("bench-")

    # Running it again replaces the data instead of adding to it.
    make_scale_data(*SMALL)
    assert Event.objects.filter(slug__startswith="bench-").count() == EVENTS

    assert "Removed" in make_scale_data("--delete")
    assert (Event.objects.count(), Contact.objects.count(), Project.objects.count()) == real


def test_seed_makes_the_data_repeatable(db):
    make_scale_data("--events", "20", "--contacts", "5", "--milestones", "5", "--seed", "7")
    first = list(Event.objects.order_by("slug").values_list("title_de", "start_date"))
    make_scale_data("--events", "20", "--contacts", "5", "--milestones", "5", "--seed", "7")
    assert list(Event.objects.order_by("slug").values_list("title_de", "start_date")) == first


@pytest.mark.parametrize(
    "url",
    ["/veranstaltungen/", "/en/contacts/", "/ansprechpersonen/", "/projekte/", "/en/projects/"],
)
def test_list_pages_paginate_with_many_rows(client, content, url):
    make_scale_data(*SMALL)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(response.content) <= 50 * 1024
    assert 'rel="next"' in html
    assert client.get(url + "?page=2").status_code == 200
    assert client.get(url + "?page=999999").status_code == 404


def test_contacts_directory_shows_ten_contacts_a_page(client, content):
    make_scale_data(*SMALL)
    listed = Contact.objects.listed().count()
    pages = [client.get(f"/ansprechpersonen/?page={n}").content.decode() for n in (1, 2, "last")]
    assert [page.count('class="contact"') for page in pages] == [10, 10, (listed - 1) % 10 + 1]


@pytest.mark.parametrize(
    ("url", "language", "other"),
    [
        ("/veranstaltungen/", "en", "/en/events/"),
        ("/en/contacts/", "de", "/ansprechpersonen/"),
        ("/projekte/", "en", "/en/projects/"),
    ],
)
def test_later_list_pages_are_their_own_canonical_pages(client, content, url, language, other):
    """Page 2 is a page of its own for search engines, not a copy of page 1;
    its counterpart in the other language is page 2 there."""
    make_scale_data(*SMALL)
    site = settings.SITE_URL
    assert f'<link rel="canonical" href="{site}{url}">' in client.get(url).content.decode()
    second = client.get(url + "?page=2").content.decode()
    assert f'<link rel="canonical" href="{site}{url}?page=2">' in second
    assert f'<meta property="og:url" content="{site}{url}?page=2">' in second
    assert f'<link rel="alternate" hreflang="{language}" href="{site}{other}?page=2">' in second
    assert f'<a href="{other}?page=2" hreflang="{language}"' in second  # the language switcher
    # "last" names the last page by its number.
    last = client.get(url + "?page=last").content.decode()
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', last)[1]
    assert re.fullmatch(rf"{re.escape(site + url)}\?page=[2-9][0-9]*", canonical)
    numbered = client.get(canonical.removeprefix(site)).content.decode()
    assert f'<link rel="canonical" href="{canonical}">' in numbered


def test_project_list_shows_ten_projects_a_page_newest_first(client, content):
    make_scale_data(*SMALL)
    published = Project.objects.published().count()
    first, last = (client.get(f"/projekte/?page={n}").content.decode() for n in (1, "last"))
    assert [page.count('class="card"') for page in (first, last)] == [10, (published - 1) % 10 + 1]
    # The project that started latest first: the real one, then the
    # generated ones (started in 2000, a day apart, the last made latest).
    titles = re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', first)
    # (Long German words carry soft hyphens.)
    assert [title.replace("\N{SOFT HYPHEN}", "") for title in titles[:3]] == [
        "Regionales Digitalisierungszentrum",
        f"Testdaten: Projekt {PROJECTS - 1}",
        f"Testdaten: Projekt {PROJECTS - 2}",
    ]
    assert "Projekte – Seite 2 " in last and 'rel="prev"' in last


def test_feed_and_calendar_stay_bounded(client, content):
    """Of many past events, the feed holds the newest and the calendar the
    upcoming ones and the latest past ones."""
    make_scale_data(*SMALL)
    feed = ET.fromstring(client.get("/veranstaltungen/feed.atom").content)
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == FEED_LENGTH
    calendar = icalendar.Calendar.from_ical(client.get("/veranstaltungen/kalender.ics").content)
    upcoming = Event.objects.upcoming().count()
    assert upcoming
    assert len(calendar.events) == CALENDAR_PAST_EVENTS + upcoming


def test_events_page_lists_the_soonest_upcoming_and_links_to_the_rest(client, content):
    make_scale_data("--events", "40", "--upcoming", "25", "--contacts", "1", "--milestones", "1")
    upcoming = Event.objects.upcoming()
    assert upcoming.count() > UPCOMING_ON_PAGE
    html = client.get("/veranstaltungen/").content.decode()
    section = html.split('id="past-heading"')[0]
    assert section.count('class="event-item"') == UPCOMING_ON_PAGE
    assert upcoming[0].title in section
    assert 'href="/veranstaltungen/demnaechst/"' in section

    first = client.get("/en/events/upcoming/").content.decode()
    assert first.count('class="event-item"') == UPCOMING_ON_PAGE
    assert 'rel="next"' in first
    rest = client.get("/en/events/upcoming/?page=2").content.decode()
    assert rest.count('class="event-item"') == min(upcoming.count() - UPCOMING_ON_PAGE, 10)


def test_upcoming_page_without_upcoming_events_says_so(client, content):
    html = client.get("/veranstaltungen/demnaechst/").content.decode()
    assert "Zurzeit stehen hier keine kommenden Veranstaltungen." in html
    assert "demnaechst" not in client.get("/veranstaltungen/").content.decode()


def test_event_lists_read_their_rows_from_indexes(db):
    """The upcoming events come from the index on the last day, without an
    end to the range. The past events' page walks the index on the start
    and stops; the count for the page numbers reads the index alone.
    SQLite's plans; PostgreSQL chooses by table statistics and reads a
    test's few rows whole."""
    if connection.vendor != "sqlite":
        pytest.skip("query plans of SQLite")
    assert "event_published_last_day" in Event.objects.upcoming()[:11].explain()
    past = Event.objects.past()
    assert "event_published_start" in past[:10].explain()
    assert "TEMP B-TREE" not in past[:10].explain()
    with CaptureQueriesContext(connection) as queries:
        past.count()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + queries[0]["sql"])
        plan = str(cursor.fetchall())
    assert "event_published_span" in plan
