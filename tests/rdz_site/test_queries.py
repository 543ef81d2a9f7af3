"""A page costs the same few queries whether the database holds the real
content or 200 more rows of every kind: no query per goal, result, milestone,
event, contact or organisation."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts.models import Contact, Organisation
from projects.models import Event, Goal, Milestone, Project, Result

PROJECT = "regionales-digitalisierungszentrum"
EVENT = "tournee-digital-auftakt-salzwedel"
CONTACT = "wirtschaftsfoerderung-projekte"
URLS = [
    "/",
    "/en/",
    "/projekte/",
    "/en/projects/",
    f"/projekte/{PROJECT}/",
    f"/en/projects/{PROJECT}/",
    "/ansprechpersonen/",
    "/en/contacts/",
    "/veranstaltungen/",
    "/en/events/",
    f"/veranstaltungen/{EVENT}/",
    f"/en/events/{EVENT}/",
    "/impressum/",
    "/en/privacy/",
    "/barrierefreiheit/",
    "/en/easy-read/",
    # Files and machine pages
    "/veranstaltungen/feed.atom",
    "/en/events/calendar.ics",
    f"/veranstaltungen/{EVENT}.ics",
    f"/en/contacts/{CONTACT}.vcf",
    "/sitemap.xml",
    "/sitemap-events.xml",
    "/suche/?q=digital",
    "/veranstaltungen/demnaechst/",
    "/en/search/?q=event",
]
MAX_QUERIES = 8
EXTRA = 200


def count_queries(client, urls=URLS):
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def add_rows(n=EXTRA):
    """n more goals, results, milestones, events (half of them ahead),
    contacts and organisations, all attached to the project so that its page
    shows them, and n more projects."""
    project = Project.objects.get(slug=PROJECT)
    Project.objects.bulk_create(
        Project(
            slug=f"projekt-{i}",
            title_de=f"Projekt {i}",
            title_en=f"Project {i}",
            summary_de="Kurz.",
            summary_en="Short.",
            start_date=datetime.date(2000, 1, 1),
        )
        for i in range(n)
    )
    goals = Goal.objects.bulk_create(
        Goal(project=project, order=100 + i, title_de=f"Ziel {i}", title_en=f"Goal {i}")
        for i in range(n)
    )
    Result.objects.bulk_create(
        Result(
            goal=goals[i],
            order=1,
            text_de=f"Ergebnis {i}",
            text_en=f"Result {i}",
            date=datetime.date(2021, 1, 1) + datetime.timedelta(days=i),
            date_precision="day",
        )
        for i in range(n)
    )
    Milestone.objects.bulk_create(
        Milestone(
            project=project,
            slug=f"m-{i}",
            title_de=f"Meilenstein {i}",
            title_en=f"Milestone {i}",
            date=datetime.date(2015, 1, 1),
            date_precision=("year", "month", "day")[i % 3],
        )
        for i in range(n)
    )
    today = timezone.localdate()
    Event.objects.bulk_create(
        Event(
            slug=f"termin-{i}",
            title_de=f"Termin {i}",
            title_en=f"Event {i}",
            start_date=today + datetime.timedelta(days=(i + 1) * (1 if i % 2 else -1)),
            start_time=datetime.time(10) if i % 3 == 0 else None,
            end_time=datetime.time(12) if i % 3 == 0 else None,
            venue_de=f"Ort {i}" if i % 5 == 0 else "",
            project=project,
        )
        for i in range(n)
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            slug=f"org-{i}",
            name_de=f"Organisation {i}",
            name_en=f"Organisation {i}",
            kind="association",
            city="Salzwedel",
            phone="03901 1",
            website="https://example.org",
            order=10,
        )
        for i in range(n)
    )
    contacts = Contact.objects.bulk_create(
        Contact(
            slug=f"kontakt-{i}",
            name=f"Person {i}",
            role_de="Rolle",
            role_en="Role",
            organisation=organisations[i],
            phone="03901 2",
            email=f"p{i}@example.org",
        )
        for i in range(n)
    )
    project.contacts.add(*contacts)


def test_query_count_does_not_grow_with_the_content(client, content):
    """Today every event is past; with an upcoming one the home page asks for
    upcoming instead of past events. Both states are compared at 1 and 200."""
    today = timezone.localdate()
    count_queries(client)  # warm-up: first-request costs are not per page
    few_past = count_queries(client)
    Event.objects.create(
        slug="bald", title_de="Bald", title_en="Soon", start_date=today + datetime.timedelta(3)
    )
    few_upcoming = count_queries(client)

    add_rows()
    assert count_queries(client) == few_upcoming
    Event.objects.filter(start_date__gte=today).update(is_published=False)
    assert count_queries(client) == few_past

    assert max(few_past.values()) <= MAX_QUERIES, few_past
    assert max(few_upcoming.values()) <= MAX_QUERIES, few_upcoming
    # The archive's later pages (only there with many events) cost no more
    # than the first, which also lists the upcoming events.
    later = count_queries(client, ["/veranstaltungen/?page=2", "/en/events/?page=10"])
    assert set(later.values()) == {few_past["/veranstaltungen/"] - 1}
    # The contacts directory's later pages cost what its first does.
    later = count_queries(client, ["/ansprechpersonen/?page=2", "/en/contacts/?page=last"])
    assert set(later.values()) == {few_past["/ansprechpersonen/"]}
    # So do the project list's.
    later = count_queries(client, ["/projekte/?page=2", "/en/projects/?page=last"])
    assert set(later.values()) == {few_past["/projekte/"]}


def test_the_extra_rows_are_on_the_pages(client, content):
    """Guards the test above: the pages really list the extra rows."""
    add_rows(20)
    project_page = client.get(f"/projekte/{PROJECT}/").content.decode()
    for text in ("Ziel 19", "Ergebnis 19", "Meilenstein 19", "Termin 19", "Person 19"):
        assert text in project_page
    # Ten contacts a page: the 21 contacts fill three.
    contacts_page = client.get("/ansprechpersonen/?page=2").content.decode()
    assert "Organisation 19" in contacts_page and "Person 19" in contacts_page
    assert "Termin 1<" in client.get("/veranstaltungen/").content.decode()
    assert "Ziel 19" in client.get("/").content.decode()
    # Ten projects a page: the 21 projects fill three.
    assert "Projekt 19" in client.get("/projekte/?page=2").content.decode()
