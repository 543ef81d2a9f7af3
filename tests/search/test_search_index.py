"""The search index follows every change to the content: an edit, a deletion,
unpublishing, a renamed project or organisation, loaddata, migrate and the
rebuild command. Tested through `search()` and the search page, the way a
visitor would notice a stale index."""

import datetime
import functools

import pytest
from django.core.management import call_command

from contacts.models import Contact, Organisation
from projects.models import Event, Goal, Milestone, Project, Result
from search.query import search
from tests.factories import make_event

PROJECT = "regionales-digitalisierungszentrum"


def found(query, language="de"):
    """{kind: [(title, context, url), ...]} for the query."""
    return {
        group.kind: [(hit.title, hit.context, hit.url) for hit in group.hits]
        for group in search(query, language)
    }


make_meeting = functools.partial(
    make_event, slug="treffen", title_de="Treffen", start_date=datetime.date(2030, 1, 1)
)


def test_an_edited_title_is_found_by_its_new_words_only(empty_site):
    event = make_meeting(title_de="Sprechstunde Breitband", title_en="Broadband surgery")
    assert found("Breitband") == {
        "events": [("Sprechstunde Breitband", "", "/veranstaltungen/treffen/")]
    }
    event.title_de = "Sprechstunde Glasfaser"
    event.save()
    assert found("Breitband") == {}
    assert list(found("Glasfaser")) == ["events"]
    # The English entry is current too.
    assert found("broadband", "en")["events"][0][2] == "/en/events/treffen/"


def test_a_deleted_event_is_not_found(db):
    make_meeting(title_de="Abschlusskonferenz").delete()
    assert found("Abschlusskonferenz") == {}


def test_unpublishing_a_project_hides_its_goals_results_and_milestones(content):
    project = Project.objects.get(slug=PROJECT)
    assert {"goals", "results", "milestones"} & set(found("Glasfaser") | found("HAUS5"))
    project.is_published = False
    project.save()
    assert found("Glasfaser") == {}
    assert found("HAUS5") == {}
    project.is_published = True
    project.save()
    assert "milestones" in found("Glasfaser")


def test_a_renamed_project_is_the_new_context_of_its_goals(content):
    project = Project.objects.get(slug=PROJECT)
    goal = Goal.objects.filter(project=project).first()
    project.title_de = "Neuer Projekttitel"
    project.save()
    assert found(goal.title_de)["goals"] == [
        (goal.title_de, "Neuer Projekttitel", f"/projekte/{PROJECT}/#goal-{goal.order}")
    ]


def test_a_renamed_goal_is_the_new_title_of_its_results(content):
    result = Result.objects.select_related("goal").first()
    result.goal.title_de = "Umbenanntes Ziel"
    result.goal.save()
    words = " ".join(result.text_de.split()[:5])
    assert "Umbenanntes Ziel" in {title for title, _c, _u in found(words)["results"]}


def test_contacts_follow_their_organisation(content):
    organisation = Organisation.objects.create(
        slug="verein", name_de="Digitalverein Altmark", kind="association", city="Gardelegen"
    )
    assert found("Gardelegen") == {}  # no listed contact yet: not on the contacts page
    contact = Contact.objects.create(
        slug="vorstand", function_de="Vorstand", organisation=organisation
    )
    assert found("Gardelegen")["organisations"][0][0] == "Digitalverein Altmark"
    organisation.name_de = "Digitalverein Westaltmark"
    organisation.save()
    assert found("Vorstand")["contacts"] == [
        ("Vorstand", "Digitalverein Westaltmark", "/ansprechpersonen/vorstand/")
    ]
    contact.is_published = False
    contact.save()
    assert found("Gardelegen") == {}
    assert found("Vorstand") == {}


def test_an_organisation_whose_last_contact_moved_away_is_not_found(content):
    """It has gone from the contacts page, so its hit would lead nowhere."""
    old, new = (
        Organisation.objects.create(slug=slug, name_de=name, kind="association", city=city)
        for slug, name, city in (
            ("alt", "Alter Verein", "Kalbe"),
            ("neu", "Neuer Verein", "Klötze"),
        )
    )
    contact = Contact.objects.create(slug="vorstand", function_de="Vorstand", organisation=old)
    assert found("Kalbe")["organisations"][0][0] == "Alter Verein"
    contact.organisation = new
    contact.save()
    assert found("Kalbe") == {}
    assert found("Klötze")["organisations"][0][0] == "Neuer Verein"
    assert found("Vorstand")["contacts"][0][1] == "Neuer Verein"


def test_loaddata_indexes_both_languages(content):
    assert found("Tournee")["events"][0][2] == "/veranstaltungen/tournee-digital-auftakt-salzwedel/"
    assert found("Tournee", "en")["events"][0][2] == "/en/events/tournee-digital-auftakt-salzwedel/"


def test_the_rebuild_command_catches_up_with_writes_that_send_no_signals(empty_site, capsys):
    make_meeting(title_de="Stammtisch")
    Event.objects.filter(slug="treffen").update(title_de="Netzwerktreffen")
    assert found("Netzwerktreffen") == {}  # QuerySet.update() sends no signal
    call_command("rebuild_search_index")
    assert "Search index rebuilt: 2 entries." in capsys.readouterr().out
    assert list(found("Netzwerktreffen")) == ["events"]
    assert list(found("Netzwerktreffen", "en")) == ["events"]
    assert found("Stammtisch") == {}


def test_migrate_rebuilds_the_index(db):
    make_meeting(title_de="Hackathon")
    Event.objects.filter(slug="treffen").update(title_de="Makerspace")
    call_command("migrate", "search", verbosity=0)
    assert list(found("Makerspace", "en")) == ["events"]


def test_hits_keep_the_order_of_their_pages(db):
    for day, time in (
        (3, None),
        (5, None),
        (5, datetime.time(9)),
        (5, datetime.time(18)),
        (1, None),
    ):
        make_meeting(
            slug=f"runde-{day}-{time or 'ganztags'}".replace(":", ""),
            title_de=f"Runde {day} {time or 'ganztags'}",
            start_date=datetime.date(2030, 1, day),
            start_time=time,
        )
    # Like the events page: latest first, later times before earlier ones,
    # all-day events after the timed ones of the same day.
    assert [title for title, _c, _u in found("Runde")["events"]] == [
        "Runde 5 18:00:00",
        "Runde 5 09:00:00",
        "Runde 5 ganztags",
        "Runde 3 ganztags",
        "Runde 1 ganztags",
    ]


@pytest.mark.parametrize("query", ["MEILENSTEIN", "meilenstein", "ÄRZTEHAUS", "ärztehaus", "ÄR"])
def test_case_does_not_matter_also_for_umlauts(empty_site, query):
    make_meeting(title_de="Meilenstein im Ärztehaus")
    assert list(found(query)) == ["events"]


@pytest.mark.parametrize(
    ("title", "query"),
    [
        ('Workshop "KI-Start"', '"KI-Start"'),
        ("C++-Kurs", "C++"),
        ("100% digital", "100%"),
        ("Treffen (NEAR) im Markt", "(NEAR)"),
        ("Tarif a*b", "a*b"),
        ("Netz_werk", "z_w"),
    ],
)
def test_search_syntax_is_plain_text(client, db, title, query):
    make_meeting(title_de=title)
    make_meeting(slug="anderes", title_de="Anderes Treffen im Netzwerk")
    assert [hit[0] for hit in found(query)["events"]] == [title]
    assert client.get("/suche/", {"q": query}).status_code == 200


@pytest.mark.parametrize("query", ["_b", "%b", "x_b Treffen", "Treffen x%b"])
def test_short_words_are_plain_text_too(db, query):
    """One- and two-letter words are matched as substrings only (LIKE): its
    wildcards in the query are plain characters, also next to longer words."""
    title = "x_b Treffen" if "_" in query else "x%b Treffen"
    make_meeting(title_de=title)
    make_meeting(slug="anderes", title_de="xab Treffen")
    assert [hit[0] for hit in found(query)["events"]] == [title]


def test_milestones_of_a_project_move_with_it(content):
    milestone = Milestone.objects.filter(project__slug=PROJECT).first()
    assert (
        found(milestone.title_de)["milestones"][0][1] == Project.objects.get(slug=PROJECT).title_de
    )
