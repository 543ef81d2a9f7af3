"""The .ics files, read back with the icalendar parser as a calendar program
would: one file per event and the subscription feed of all events."""

import datetime
import functools

import icalendar
import pytest
from django.utils import timezone

from projects.models import Event, Project
from projects.views import CALENDAR_DAYS_AHEAD, CALENDAR_PAST_EVENTS
from tests.conftest import SITE
from tests.factories import make_event

EVENT = "tournee-digital-auftakt-salzwedel"

pytestmark = pytest.mark.usefixtures("site_url")


# A consultation hour in the future; each test changes what it is about.
make_surgery = functools.partial(
    make_event,
    **{
        "slug": "sprechstunde",
        "title_de": "Digitale Sprechstunde",
        "title_en": "Digital surgery",
        "start_date": datetime.date(2030, 6, 15),
        "venue_de": "Kreisverwaltung",
        "venue_en": "District administration",
        "address": "Karl-Marx-Straße 32, 29410 Hansestadt Salzwedel",
    },
)


def get_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response, icalendar.Calendar.from_ical(response.content)


@pytest.mark.parametrize(
    ("url", "summary", "page"),
    [
        (
            f"/veranstaltungen/{EVENT}.ics",
            "Auftaktveranstaltung der landesweiten Tournee.Digital",
            f"/veranstaltungen/{EVENT}/",
        ),
        (
            f"/en/events/{EVENT}.ics",
            "Kick-off event of the state-wide Tournee.Digital",
            f"/en/events/{EVENT}/",
        ),
    ],
)
def test_event_ics_has_the_rfc_5545_fields(client, content, url, summary, page):
    response, calendar = get_calendar(client, url)
    assert response["Content-Disposition"] == f'attachment; filename="{EVENT}.ics"'
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    (event,) = calendar.events
    assert str(event["UID"]) == f"event-{EVENT}@rdz.example.org"
    assert str(event["SUMMARY"]) == summary
    assert str(event["URL"]) == SITE + page
    assert str(event["LOCATION"]) == "Salzwedel"
    assert event["SEQUENCE"] == 0
    stamp = event.decoded("DTSTAMP")
    assert stamp.utcoffset() == datetime.timedelta(0)
    # An all-day event: dates, and DTEND is the day after (exclusive).
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event.decoded("DTSTART") == datetime.date(2020, 8, 31)
    assert event.decoded("DTEND") == datetime.date(2020, 9, 1)
    assert b"DTSTART;VALUE=DATE:20200831\r\n" in response.content


def test_the_same_event_gives_the_same_file(client, content):
    first = client.get(f"/veranstaltungen/{EVENT}.ics").content
    second = client.get(f"/veranstaltungen/{EVENT}.ics").content
    assert first == second


def test_timed_event_uses_europe_berlin_with_vtimezone(client, db):
    make_surgery(start_time=datetime.time(10, 0), end_time=datetime.time(12, 30))
    response, calendar = get_calendar(client, "/veranstaltungen/sprechstunde.ics")
    (event,) = calendar.events
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.hour, start.minute, str(start.tzinfo)) == (10, 0, "Europe/Berlin")
    # Summer time: 10:00 in Berlin is 08:00 UTC.
    assert start.astimezone(datetime.UTC).hour == 8
    assert (end.hour, end.minute) == (12, 30)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(event["LOCATION"]) == (
        "Kreisverwaltung, Karl-Marx-Straße 32, 29410 Hansestadt Salzwedel"
    )


def test_multi_day_all_day_event_ends_the_day_after_its_last_day(client, db):
    make_surgery(start_date=datetime.date(2030, 6, 1), end_date=datetime.date(2030, 6, 3))
    _response, calendar = get_calendar(client, "/en/events/sprechstunde.ics")
    (event,) = calendar.events
    assert event.decoded("DTSTART") == datetime.date(2030, 6, 1)
    assert event.decoded("DTEND") == datetime.date(2030, 6, 4)
    assert not calendar.walk("VTIMEZONE")


def test_editing_an_event_raises_sequence_and_dtstamp(client, db):
    event = make_surgery()
    # Saved an hour ago: DTSTAMP has whole seconds.
    event.updated_at -= datetime.timedelta(hours=1)
    Event.objects.filter(pk=event.pk).update(updated_at=event.updated_at)
    _response, calendar = get_calendar(client, "/veranstaltungen/sprechstunde.ics")
    before = calendar.events[0]
    event.title_de = "Digitale Sprechstunde (verschoben)"
    event.save()
    _response, calendar = get_calendar(client, "/veranstaltungen/sprechstunde.ics")
    after = calendar.events[0]
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after.decoded("DTSTAMP") > before.decoded("DTSTAMP")
    assert str(after["UID"]) == str(before["UID"])


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/veranstaltungen/kalender.ics", "Veranstaltungen – RDZ Altmarkkreis Salzwedel"),
        ("/en/events/calendar.ics", "Events – RDZ Altmarkkreis Salzwedel"),
    ],
)
def test_subscription_feed_lists_published_events(client, content, url, name):
    soon = timezone.localdate() + datetime.timedelta(days=30)
    make_surgery(start_date=soon, start_time=datetime.time(18, 0))
    make_surgery(slug="entwurf", title_de="Entwurf", is_published=False)
    response, calendar = get_calendar(client, url)
    # Served inline: calendar programs subscribe to the address.
    assert "attachment" not in response.get("Content-Disposition", "")
    assert str(calendar["NAME"]) == name
    assert str(calendar["X-WR-CALNAME"]) == name
    assert calendar.decoded("REFRESH-INTERVAL") == datetime.timedelta(hours=12)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    uids = sorted(str(event["UID"]) for event in calendar.events)
    assert uids == ["event-sprechstunde@rdz.example.org", f"event-{EVENT}@rdz.example.org"]
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_description_mentions_the_project(client, content):
    _response, calendar = get_calendar(client, f"/en/events/{EVENT}.ics")
    description = str(calendar.events[0]["DESCRIPTION"])
    assert "kick-off event in Salzwedel on 31 August 2020" in description
    assert Project.objects.get().title_en in description


@pytest.mark.parametrize("slug", ["entwurf", "gibt-es-nicht"])
def test_unpublished_or_unknown_event_has_no_ics(client, db, slug):
    make_surgery(slug="entwurf", is_published=False)
    assert client.get(f"/veranstaltungen/{slug}.ics").status_code == 404


@pytest.mark.parametrize("language, prefix", [("de", "/veranstaltungen/"), ("en", "/en/events/")])
def test_events_pages_link_the_calendars(client, content, language, prefix):
    listing = client.get(prefix).content.decode()
    ics_feed = prefix + ("kalender.ics" if language == "de" else "calendar.ics")
    assert f'href="{ics_feed}"' in listing
    assert ("Kalender abonnieren" if language == "de" else "Subscribe to the calendar") in listing
    detail = client.get(f"{prefix}{EVENT}/").content.decode()
    assert f'href="{prefix}{EVENT}.ics"' in detail


def test_subscription_feed_holds_the_upcoming_and_the_latest_past_events(client, db):
    today = timezone.localdate()
    for number in range(1, CALENDAR_PAST_EVENTS + 6):
        make_surgery(slug=f"vergangen-{number}", start_date=today - datetime.timedelta(days=number))
    make_surgery(slug="bald", start_date=today + datetime.timedelta(days=30))
    make_surgery(slug="heute", start_date=today)
    ahead = datetime.timedelta(days=CALENDAR_DAYS_AHEAD)
    make_surgery(slug="in-zwei-jahren", start_date=today + ahead)
    make_surgery(slug="noch-spaeter", start_date=today + ahead + datetime.timedelta(days=1))
    _response, calendar = get_calendar(client, "/veranstaltungen/kalender.ics")
    uids = [str(event["UID"]).split("@")[0] for event in calendar.events]
    assert len(uids) == CALENDAR_PAST_EVENTS + 3
    # Oldest first: the latest past events, then today's and the coming ones
    # of the next two years; a later one comes in as it nears.
    assert uids[0] == f"event-vergangen-{CALENDAR_PAST_EVENTS}"
    assert uids[-4:] == ["event-vergangen-1", "event-heute", "event-bald", "event-in-zwei-jahren"]


def test_each_events_file_is_its_own_calendar(client, db):
    """Calendar programs tell imported calendars apart by their UID."""
    make_surgery()
    make_surgery(slug="sprechstunde-2", start_date=datetime.date(2030, 7, 1))
    uids = set()
    for slug in ("sprechstunde", "sprechstunde-2"):
        _response, calendar = get_calendar(client, f"/veranstaltungen/{slug}.ics")
        uids.add(str(calendar["UID"]))
        (event,) = calendar.events
        assert str(calendar["UID"]) != str(event["UID"])
    _response, feed = get_calendar(client, "/veranstaltungen/kalender.ics")
    assert len(uids | {str(feed["UID"])}) == 3


def test_events_at_the_same_time_keep_one_order(client, empty_site):
    """A tie-breaker for the archive's pages and the feeds: without it the
    database may return ties in any order, and an event may show on two
    archive pages or on none."""
    day = datetime.date(2020, 5, 5)
    for number in range(12):
        make_surgery(slug=f"gleichzeitig-{number:02d}", start_date=day)
    pages = [client.get("/veranstaltungen/", {"page": page}).content.decode() for page in (1, 2)]
    listed = [
        slug
        for html in pages
        for slug in sorted({f"gleichzeitig-{n:02d}" for n in range(12)}, reverse=True)
        if f"/{slug}/" in html
    ]
    assert sorted(listed) == sorted(f"gleichzeitig-{n:02d}" for n in range(12))
    order = list(Event.objects.past().values_list("slug", flat=True))
    assert order == [f"gleichzeitig-{n:02d}" for n in reversed(range(12))]
