"""Publishing is an explicit act: a new project, event, contact or
organisation made in the admin is a draft; its form says plainly whether it
is public; every list shows the status right after the title."""

import datetime
import re

import pytest

from contacts.models import Contact, Organisation
from projects.models import Event, Project
from tests.conftest import EVENT, PROJECT

from .admin_forms import admin_url, form_data

NEW = {
    Project: {
        "title_de": "Entwurfsprojekt",
        "slug": "entwurfsprojekt",
        "summary_de": "Kurz.",
        "start_date": "2026-01-01",
        "quote_date_precision": "day",
    },
    Event: {"title_de": "Entwurfstermin", "slug": "entwurfstermin", "start_date": "2026-01-01"},
    Organisation: {
        "name_de": "Entwurfsverein",
        "slug": "entwurfsverein",
        "kind": "association",
        "order": "9",
    },
    Contact: {"function_de": "Entwurfsstelle", "slug": "entwurfsstelle", "order": "9"},
}


@pytest.mark.parametrize("model", list(NEW))
def test_a_new_item_is_a_draft(redaktion_client, model):
    page = redaktion_client.get(admin_url(model, "add"))
    html = page.content.decode()
    assert re.search(r'<input[^>]*value="False"[^>]*checked', html)
    assert "Entwurf – nicht öffentlich" in html
    # The form as the browser sends it, the status left as it was.
    data = form_data(page, **NEW[model])
    if model is Contact:
        data["organisation"] = str(Organisation.objects.first().pk)
    response = redaktion_client.post(admin_url(model, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item = model.objects.get(slug=NEW[model]["slug"])
    assert item.is_published is False
    assert not model.objects.published().filter(pk=item.pk).exists()


def test_the_form_says_whether_the_item_is_public(redaktion_client):
    project = Project.objects.get(slug=PROJECT)
    url = admin_url(Project, "change", project.pk)
    page = redaktion_client.get(url)
    assert "Öffentlich:" in page.content.decode()
    response = redaktion_client.post(url, form_data(page, is_published="False"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.is_published is False
    html = redaktion_client.get(url).content.decode()
    assert "Nicht öffentlich:" in html
    assert "Besucherinnen und Besucher sehen diesen Eintrag nicht." in html


@pytest.mark.parametrize("model", list(NEW))
def test_the_status_is_the_column_after_the_title(redaktion_client, model):
    html = redaktion_client.get(admin_url(model, "changelist")).content.decode()
    columns = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert columns[1] == "status", columns
    assert "Öffentlich" in html


def test_the_list_filters_by_each_status(redaktion_client):
    """The status column's values, not only "published: yes / no"."""
    from django.utils import timezone

    from tests.factories import make_event

    now = timezone.now()
    make_event("entwurf", title_de="Probe Entwurf", is_published=False)
    make_event(
        "eingereicht", title_de="Probe eingereicht", is_published=False, review_state="submitted"
    )
    make_event("geplant", title_de="Probe geplant", visible_from=now + datetime.timedelta(days=3))
    make_event(
        "abgelaufen", title_de="Probe abgelaufen", visible_until=now - datetime.timedelta(days=3)
    )
    listed = {}
    for value in ("draft", "submitted", "scheduled", "public", "expired"):
        html = redaktion_client.get(admin_url(Event, "changelist"), {"status": value}).content
        listed[value] = {
            title
            for title in (
                "Probe Entwurf",
                "Probe eingereicht",
                "Probe geplant",
                "Probe abgelaufen",
                "Tournee.Digital",
            )
            if title in html.decode()
        }
    assert listed == {
        "draft": {"Probe Entwurf"},
        "submitted": {"Probe eingereicht"},
        "scheduled": {"Probe geplant"},
        "public": {"Tournee.Digital"},
        "expired": {"Probe abgelaufen"},
    }


def test_the_status_names_a_schedule(redaktion_client):
    event = Event.objects.get(slug=EVENT)
    event.visible_from = event.updated_at.replace(year=2099)
    event.save()
    html = redaktion_client.get(admin_url(Event, "changelist")).content.decode()
    assert "Geplant ab" in html


def test_the_buttons_publish_and_withdraw(redaktion_client):
    event = Event.objects.get(slug=EVENT)
    url = admin_url(Event, "change", event.pk)
    page = redaktion_client.get(url)
    assert 'name="_unpublish"' in page.content.decode()
    redaktion_client.post(url, {**form_data(page), "_unpublish": "1"})
    event.refresh_from_db()
    assert event.is_published is False
    page = redaktion_client.get(url)
    assert 'name="_publish"' in page.content.decode()
    redaktion_client.post(url, {**form_data(page), "_publish": "1"})
    event.refresh_from_db()
    assert event.is_published is True


def test_a_new_item_published_at_once_is_said_so(redaktion_client):
    page = redaktion_client.get(admin_url(Event, "add"))
    data = form_data(
        page, title_de="Sprechstunde", slug="sprechstunde", start_date="01.07.2030", _publish="1"
    )
    response = redaktion_client.post(admin_url(Event, "add"), data, follow=True)
    assert "„Sprechstunde“ wurde gesichert und veröffentlicht.</li>" in response.content.decode()
    assert Event.objects.get(slug="sprechstunde").is_published


def test_publishing_by_button_is_said_and_kept_in_the_history(redaktion_client):
    """ "Sichern und veröffentlichen" on an unchanged draft: the message says
    it is public now, and the history records the status, not "Keine
    Felder geändert"."""
    event = Event.objects.get(slug=EVENT)
    event.is_published = False
    event.save()
    url = admin_url(Event, "change", event.pk)
    page = redaktion_client.get(url)
    response = redaktion_client.post(url, {**form_data(page), "_publish": "1"}, follow=True)
    # Plainly: "Öffentlich" after "veröffentlicht" would only repeat it.
    assert f"„{event}“ wurde gesichert und veröffentlicht.</li>" in response.content.decode()
    history = redaktion_client.get(admin_url(Event, "history", event.pk)).content.decode()
    assert "Status geändert." in history
    assert "Keine Felder geändert." not in history


def test_publishing_with_other_changes_is_one_sentence_in_the_history(redaktion_client):
    event = Event.objects.get(slug=EVENT)
    event.is_published = False
    event.save()
    url = admin_url(Event, "change", event.pk)
    data = {**form_data(redaktion_client.get(url), venue_de="Rathaus"), "_publish": "1"}
    assert redaktion_client.post(url, data).status_code == 302
    history = redaktion_client.get(admin_url(Event, "history", event.pk)).content.decode()
    assert "Status und Veranstaltungsort (Deutsch) geändert." in history
