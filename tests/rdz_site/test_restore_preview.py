"""Restores that show what they change, with permissions checked first: before
a restore or recovery is saved the editor sees fields old -> new and every
child row deleted or brought back; a child's recovery shows in its parent's
history; the history speaks the admin's language; a staff user without
rights gets 403 and leaves no trace."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from reversion.models import Revision, Version

from projects.models import Event, Milestone, Project
from tests.conftest import EVENT, PROJECT

from .admin_forms import admin_url, form_data


def edit_project(client, **changes):
    project = Project.objects.get(slug=PROJECT)
    url = admin_url(Project, "change", project.pk)
    assert client.post(url, form_data(client.get(url), **changes)).status_code == 302
    return project


def add_milestone(client, project, title):
    page = client.get(admin_url(Milestone, "add"))
    data = form_data(
        page,
        project=str(project.pk),
        date="2026-01-01",
        title_de=title,
        slug="neu",
        date_precision="day",
    )
    assert client.post(admin_url(Milestone, "add"), data).status_code == 302
    return Milestone.objects.get(project=project, slug="neu")


def test_a_restore_lists_fields_and_the_rows_it_deletes_before_saving(redaktion_client):
    project = edit_project(redaktion_client, background_de="Versehentlich überschrieben.")
    first = Version.objects.get_for_object(project).order_by("pk").first()
    milestone = add_milestone(redaktion_client, project, "Neuer Meilenstein")
    page = redaktion_client.get(admin_url(Project, "revision", project.pk, first.pk))
    html = page.content.decode()
    assert "Was sich beim Sichern ändert" in html
    assert "Versehentlich überschrieben." in html  # the field's current value
    assert "Diese Zeilen werden gelöscht" in html
    assert "Meilenstein: Neuer Meilenstein" in html
    # Shown only: nothing changed yet.
    assert Milestone.objects.filter(pk=milestone.pk).exists()
    project.refresh_from_db()
    assert project.background_de == "Versehentlich überschrieben."


def test_a_change_at_the_end_of_a_long_text_shows_in_the_preview(redaktion_client):
    """Both columns used to show the same first 200 characters."""
    lead = "Ein langer Hintergrund, der gleich bleibt. " * 12
    project = edit_project(redaktion_client, background_de=lead + "Alter Schluss.")
    first = Version.objects.get_for_object(project).order_by("pk").last()
    edit_project(redaktion_client, background_de=lead + "Neuer Schluss.")
    page = redaktion_client.get(admin_url(Project, "revision", project.pk, first.pk))
    html = page.content.decode()
    preview = html[html.index('id="restore-changes"') :]
    preview = preview[: preview.index("</table>")]
    assert "Neuer Schluss." in preview  # now
    assert "Alter Schluss." in preview  # after restoring
    # Cut where a word begins.
    assert re.search(r"<td>…(\w+)", preview)[1] in lead.split()


def test_a_recovered_child_shows_in_its_parents_history(redaktion_client):
    project = Project.objects.get(slug=PROJECT)
    milestone = project.milestones.first()
    delete = admin_url(Milestone, "delete", milestone.pk)
    assert redaktion_client.post(delete, {"post": "yes"}).status_code == 302
    version = Version.objects.get_deleted(Milestone).get(object_id=str(milestone.pk))
    url = admin_url(Milestone, "recover", version.pk)
    page = redaktion_client.get(url)
    assert "Diese gelöschten Zeilen kommen zurück" not in page.content.decode()
    response = redaktion_client.post(url, form_data(page), follow=True)
    assert "wurde wiederhergestellt" in response.content.decode()
    history = redaktion_client.get(admin_url(Project, "history", project.pk)).content.decode()
    assert f"Meilenstein „{milestone.title}“ wiederhergestellt" in history


def test_the_history_names_fields_in_german(redaktion_client):
    project = edit_project(redaktion_client, background_de="Neuer Hintergrund.")
    history = redaktion_client.get(admin_url(Project, "history", project.pk)).content.decode()
    assert "Hintergrund (Deutsch)" in history
    assert "Background [de]" not in history


@pytest.fixture
def no_rights_client(redaktion_client):
    """Staff, but in no group: may sign in to the admin and nothing else."""
    redaktion_client.user.groups.clear()
    return redaktion_client


def test_a_staff_user_without_rights_gets_403_and_leaves_no_trace(no_rights_client):
    project = Project.objects.get(slug=PROJECT)
    deleted = Milestone.objects.first()
    deleted.delete()  # kept as a version by the history
    version = Version.objects.get_deleted(Milestone).first()
    before = (Revision.objects.count(), Version.objects.count())
    urls = [
        admin_url(Project, "history", project.pk),
        admin_url(Project, "revision", project.pk, version.pk),
        admin_url(Milestone, "recover", version.pk),
        admin_url(Milestone, "recoverlist"),
        admin_url(Project, "change", project.pk),
    ]
    for url in urls:
        assert no_rights_client.get(url).status_code == 403, url
        assert no_rights_client.post(url, {"title_de": "X"}).status_code == 403, url
    assert (Revision.objects.count(), Version.objects.count()) == before


def test_view_on_site_only_for_those_who_may_change_the_item(redaktion_client):
    project = Project.objects.get(slug=PROJECT)
    project.is_published = False
    project.save()
    content_type = ContentType.objects.get_for_model(Project)
    url = reverse("admin:view_on_site", args=[content_type.pk, project.pk])
    assert redaktion_client.get(url).status_code == 302
    redaktion_client.user.groups.clear()
    response = redaktion_client.get(url)
    assert response.status_code == 403
    assert PROJECT not in response.headers.get("Location", "")


def test_a_restore_lists_child_rows_whose_fields_change(redaktion_client):
    project = Project.objects.get(slug=PROJECT)
    first = edit_project(redaktion_client)  # a version as the project is now
    version = Version.objects.get_for_object(first).order_by("-pk").first()
    goal = project.goals.order_by("order")[2]
    index = list(project.goals.order_by("order")).index(goal)
    was = goal.title_de
    edit_project(redaktion_client, **{f"goals-{index}-title_de": "Umbenanntes Ziel"})
    add_milestone(redaktion_client, project, "Neuer Meilenstein")
    html = redaktion_client.get(admin_url(Project, "revision", project.pk, version.pk))
    html = html.content.decode()
    changed = html[html.index('class="restore-changed"') :]
    changed = changed[: changed.index("</p>")]
    assert "Ziel: Umbenanntes Ziel" in changed
    assert f"Umbenanntes Ziel → {was}" in changed
    assert "Meilenstein: Neuer Meilenstein" in html  # deleted, as before
    goal.refresh_from_db()
    assert goal.title_de == "Umbenanntes Ziel"  # shown only


def test_a_recovery_says_the_item_and_its_rows_come_back(redaktion_client):
    project = Project.objects.get(slug=PROJECT)
    milestones = [str(milestone) for milestone in project.milestones.all()]
    assert milestones
    delete = admin_url(Project, "delete", project.pk)
    assert redaktion_client.post(delete, {"post": "yes"}).status_code == 302
    version = Version.objects.get_deleted(Project).get(object_id=str(project.pk))
    html = redaktion_client.get(admin_url(Project, "recover", version.pk)).content.decode()
    assert "Kein Feld und keine Zeile ändert sich" not in html
    assert f"Dieser gelöschte Eintrag kommt zurück:</strong> Projekt: {project}" in html
    assert "Mit ihm kommen diese Zeilen zurück:" in html
    for name in milestones:
        assert f"Meilenstein: {name}" in html


@pytest.mark.parametrize("model", [Project, Event])
def test_the_delete_confirmation_says_how_to_bring_it_back(redaktion_client, model):
    obj = model.objects.first()
    html = redaktion_client.get(admin_url(model, "delete", obj.pk)).content.decode()
    plural = str(model._meta.verbose_name_plural)
    assert f"„Gelöschte {plural} wiederherstellen“" in html
    assert f'href="{admin_url(model, "recoverlist")}"' in html


def test_deleting_several_also_says_how_to_bring_them_back(redaktion_client):
    events = list(Event.objects.values_list("pk", flat=True))
    html = redaktion_client.post(
        admin_url(Event, "changelist"),
        {"action": "delete_selected", "_selected_action": events},
    ).content.decode()
    assert "„Gelöschte Veranstaltungen wiederherstellen“" in html
    assert Event.objects.count() == len(events)


def test_recovering_a_public_item_warns_that_it_is_public_at_once(redaktion_client):
    event = Event.objects.filter(is_published=True).first()
    delete = admin_url(Event, "delete", event.pk)
    assert redaktion_client.post(delete, {"post": "yes"}).status_code == 302
    version = Version.objects.get_deleted(Event).get(object_id=str(event.pk))
    html = redaktion_client.get(admin_url(Event, "recover", version.pk)).content.decode()
    assert 'id="recover-public"' in html
    assert "sehen ihn Besucherinnen und Besucher wieder" in html


def test_empty_and_missing_are_no_change_in_the_preview(redaktion_client):
    """A language column stored empty in one version and missing (NULL) in
    the other shows "–" on both sides: no row for it."""
    event = Event.objects.get(slug=EVENT)
    url = admin_url(Event, "change", event.pk)
    assert redaktion_client.post(url, form_data(redaktion_client.get(url))).status_code == 302
    version = Version.objects.get_for_object(event).order_by("pk").last()
    stored = version.field_dict["venue_en"]
    Event.objects.filter(pk=event.pk).update(venue_en="" if stored is None else None)
    html = redaktion_client.get(admin_url(Event, "revision", event.pk, version.pk)).content.decode()
    assert "Veranstaltungsort (Englisch)" not in html
