"""Two editors, one item: every change form carries the version it was opened
at; a save over a newer save is refused with both texts side by side, and
nothing is overwritten."""

import pytest

from projects.models import Event, Goal, Project
from tests.conftest import EVENT, PROJECT

from .admin_forms import admin_url, form_data


@pytest.fixture
def second_tab(redaktion_client):
    """The same editor in a second tab, or a colleague: the form is opened
    twice before either is saved."""
    return redaktion_client


def test_the_second_save_of_an_event_is_refused_and_shows_both_texts(redaktion_client, second_tab):
    event = Event.objects.get(slug=EVENT)
    url = admin_url(Event, "change", event.pk)
    mine = redaktion_client.get(url)
    theirs = second_tab.get(url)
    assert 'name="_version"' in mine.content.decode()

    saved = second_tab.post(url, form_data(theirs, venue_de="Kulturhaus Salzwedel"))
    assert saved.status_code == 302
    refused = redaktion_client.post(url, form_data(mine, description_de="Mein neuer Text."))

    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Mein neuer Text." in html
    assert "Kulturhaus Salzwedel" in html
    assert "nicht gespeichert" in html
    assert "Beschreibung (Deutsch)" in html
    assert "Beschreibung [de]" not in html
    assert "Vielleicht waren Sie es selbst" in html
    assert 'href="/admin/projects/">' in html  # the breadcrumb names the app
    event.refresh_from_db()
    assert event.venue_de == "Kulturhaus Salzwedel"
    assert event.description_de != "Mein neuer Text."


def test_a_save_after_reopening_the_current_version_goes_through(redaktion_client, second_tab):
    event = Event.objects.get(slug=EVENT)
    url = admin_url(Event, "change", event.pk)
    stale = redaktion_client.get(url)
    second_tab.post(url, form_data(second_tab.get(url), venue_de="Kulturhaus Salzwedel"))
    assert redaktion_client.post(url, form_data(stale, venue_de="Alt")).status_code == 409
    fresh = redaktion_client.get(url)
    response = redaktion_client.post(url, form_data(fresh, description_de="Mein neuer Text."))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.venue_de, event.description_de) == ("Kulturhaus Salzwedel", "Mein neuer Text.")


def test_a_form_with_errors_keeps_the_version_it_was_opened_at(redaktion_client, second_tab):
    event = Event.objects.get(slug=EVENT)
    url = admin_url(Event, "change", event.pk)
    opened = redaktion_client.get(url)
    again = redaktion_client.post(url, form_data(opened, start_date="kein Datum"))
    assert again.status_code == 200
    second_tab.post(url, form_data(second_tab.get(url), venue_de="Kulturhaus Salzwedel"))
    data = form_data(again, start_date=str(event.start_date))
    assert redaktion_client.post(url, data).status_code == 409


@pytest.mark.parametrize("change", ["goal", "project"])
def test_a_project_version_covers_its_goals(redaktion_client, second_tab, change):
    project = Project.objects.get(slug=PROJECT)
    url = admin_url(Project, "change", project.pk)
    mine = redaktion_client.get(url)
    goal = project.goals.first()
    if change == "goal":
        goal_url = admin_url(Goal, "change", goal.pk)
        second_tab.post(goal_url, form_data(second_tab.get(goal_url), title_de="Neu"))
    else:
        second_tab.post(url, form_data(second_tab.get(url), summary_de="Neu."))
    refused = redaktion_client.post(url, form_data(mine, background_de="Mein Hintergrund."))
    assert refused.status_code == 409
    project.refresh_from_db()
    assert project.background_de != "Mein Hintergrund."
