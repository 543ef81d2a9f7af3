"""History and restore in the admin (django-reversion, core/admin.py): an
editor of the "Redaktion" group (not a superuser) restores an earlier
version of a project and a deleted goal through the admin's own pages, and
visitors see the result at once (page cache, search).

Every form is sent the way a browser sends it: the fields as the page shows
them, read from the HTML."""

from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from reversion import is_registered
from reversion.models import Version

from contacts.models import Contact, Organisation
from legal.models import Feedback, LegalPage, Limitation
from projects.models import Event, Funding, Goal, Milestone, Project, Result
from tests.conftest import sign_in
from tests.rdz_site.admin_forms import admin_url

PASSWORD = "versionen-123-geheim"
PROJECT_PAGE = "/projekte/regionales-digitalisierungszentrum/"
VERSIONED = (
    Project,
    Goal,
    Result,
    Milestone,
    Funding,
    Event,
    Organisation,
    Contact,
    LegalPage,
    Limitation,
)


class FormReader(HTMLParser):
    """The fields a browser would send with the page's change form."""

    def __init__(self):
        super().__init__()
        self.data, self.inside, self.field, self.options = {}, False, None, None

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self.inside = True
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.add(attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea":
            self.field = (attrs["name"], [])
        elif tag == "select":
            self.options = (attrs["name"], [], [])  # name, selected, first option
        elif tag == "option" and self.options:
            value = attrs.get("value", "")
            self.options[2].append(value)
            if "selected" in attrs:
                self.options[1].append(value)

    def handle_data(self, data):
        if self.field:
            self.field[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.field:
            # The parser keeps the newline that HTML drops after <textarea>.
            self.add(self.field[0], "".join(self.field[1]).removeprefix("\n"))
            self.field = None
        elif tag == "select" and self.options:
            name, selected, first = self.options
            for value in selected or first[:1]:
                self.add(name, value)
            self.options = None


def form_data(response):
    assert response.status_code == 200, response.status_code
    reader = FormReader()
    reader.feed(response.content.decode())
    assert reader.data, "no change form on the page"
    return reader.data


def submit(client, url, **changes):
    """Open the form at `url`, change some fields, and send it."""
    data = form_data(client.get(url))
    data.update({name: [value] for name, value in changes.items()})
    return client.post(url, data)


@pytest.fixture
def versioned(content):
    """The content with a first version of every item, as after
    `manage.py createinitialrevisions` on an existing site."""
    call_command("createinitialrevisions", verbosity=0)


@pytest.fixture
def editor_only(redaktion_client):
    """A client signed in as an editor of the "Redaktion" group."""
    return redaktion_client


@pytest.fixture
def editor(versioned, editor_only):
    """The same, on a site whose items all have a first version."""
    return editor_only


def versions(obj):
    """The versions of `obj`, the newest first."""
    return list(Version.objects.get_for_object(obj).order_by("-pk"))


# What is versioned ---------------------------------------------------------------------


def test_every_content_model_has_a_history_and_feedback_none():
    assert all(is_registered(model) for model in VERSIONED)
    # Personal data with its own retention period: no copies.
    assert not is_registered(Feedback)


WITH_ADMIN = (Project, Goal, Milestone, Event, Organisation, Contact)


@pytest.mark.parametrize("model", WITH_ADMIN)
def test_history_and_language_tabs_together(admin_client, model):
    """Each content model's admin offers the recovery of deleted items
    (django-reversion) and its add form the language tabs (modeltranslation)."""
    opts = model._meta
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    recover = reverse(f"admin:{opts.app_label}_{opts.model_name}_recoverlist")
    assert f'href="{recover}"' in changelist.content.decode()
    add_form = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert "tabbed_translation_fields.js" in add_form.content.decode()


def test_legal_pages_have_a_history_and_language_tabs_but_nothing_to_recover(admin_client, content):
    """The legal pages are a fixed set: never added or deleted, so never
    recovered; each keeps its history and edits in both languages."""
    page = LegalPage.objects.get(kind="imprint")
    changelist = admin_client.get(reverse("admin:legal_legalpage_changelist")).content.decode()
    assert reverse("admin:legal_legalpage_recoverlist") not in changelist
    form = admin_client.get(reverse("admin:legal_legalpage_change", args=[page.pk]))
    html = form.content.decode()
    assert reverse("admin:legal_legalpage_history", args=[page.pk]) in html
    assert "tabbed_translation_fields.js" in html


def test_a_projects_version_holds_its_goals_results_milestones_and_funding(versioned):
    project = Project.objects.get()
    revision = versions(project)[0].revision
    held = {version.content_type.model_class() for version in revision.version_set.all()}
    assert held == {Project, Goal, Result, Milestone, Funding}


# Restoring an earlier version -------------------------------------------------------------


def test_editor_restores_an_earlier_title_and_visitors_see_it_at_once(editor, client, page_cache):
    project = Project.objects.get()
    old_title = project.title_de
    assert old_title in client.get(PROJECT_PAGE).content.decode()  # now cached

    change = admin_url(Project, "change", project.pk)
    mistake = "Ein versehentlich überschriebener Titel"
    assert submit(editor, change, title_de=mistake).status_code == 302
    assert mistake in client.get(PROJECT_PAGE).content.decode()

    history = editor.get(admin_url(Project, "history", project.pk))
    assert history.status_code == 200
    first = versions(project)[-1]
    revision_url = admin_url(Project, "revision", project.pk, first.pk)
    assert revision_url in history.content.decode()

    # Looking at the old version changes nothing.
    shown = editor.get(revision_url)
    assert f'value="{old_title}"' in shown.content.decode()
    project.refresh_from_db()
    assert project.title_de == mistake

    # Saving it restores it, for visitors too (the page cache follows).
    response = editor.post(revision_url, form_data(shown))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title_de == old_title
    html = client.get(PROJECT_PAGE).content.decode()
    assert old_title in html
    assert "versehentlich" not in html
    # The restore is a version of its own: nothing is lost.
    assert len(versions(project)) == 3
    # The start page's last changes say so, not "no fields changed".
    start = editor.get("/admin/").content.decode()
    changes = start[start.index('id="editorial-changes"') :]
    assert "(Projekt)</span>: Fassung vom " in changes
    assert "Keine Felder geändert" not in changes


def test_the_first_change_of_content_from_the_fixtures_can_be_undone(content, editor_only):
    """No `createinitialrevisions`: the state before the first change is kept."""
    project = Project.objects.get()
    original = project.title_de
    change = admin_url(Project, "change", project.pk)
    assert submit(editor_only, change, title_de="Überschrieben").status_code == 302
    before, after = versions(project)[1], versions(project)[0]
    assert before.field_dict["title_de"] == original
    assert after.field_dict["title_de"] == "Überschrieben"
    url = admin_url(Project, "revision", project.pk, before.pk)
    assert editor_only.post(url, form_data(editor_only.get(url))).status_code == 302
    project.refresh_from_db()
    assert project.title_de == original


def test_a_change_page_with_a_wrong_id_is_no_error(content, editor_only):
    for url in ("/admin/projects/project/abc/change/", "/admin/projects/project/99999/change/"):
        assert editor_only.post(url, {}).status_code == 302


def test_restoring_an_event_never_turns_its_calendar_revision_back(editor):
    event = Event.objects.order_by("pk").first()
    first = versions(event)[-1]
    change = admin_url(Event, "change", event.pk)
    assert submit(editor, change, title_de="Geänderter Termin").status_code == 302
    event.refresh_from_db()
    edited = event.revision

    url = admin_url(Event, "revision", event.pk, first.pk)
    assert editor.post(url, form_data(editor.get(url))).status_code == 302
    event.refresh_from_db()
    assert event.title_de != "Geänderter Termin"
    # Calendar programs take an update only with a higher SEQUENCE.
    assert event.revision > edited


def test_restoring_a_project_deletes_the_goal_added_since(editor):
    project = Project.objects.get()
    first = versions(project)[-1]
    Goal.objects.create(project=project, order=99, title="Ein Ziel, das es damals nicht gab")
    url = admin_url(Project, "revision", project.pk, first.pk)
    assert editor.post(url, form_data(editor.get(url))).status_code == 302
    assert not Goal.objects.filter(order=99).exists()
    assert Goal.objects.filter(project=project).count() == 3


# Recovering a deleted item ----------------------------------------------------------------


def test_editor_recovers_a_deleted_goal_with_its_results(editor, client):
    project = Project.objects.get()
    goal = Goal.objects.filter(results__isnull=False).distinct().first()
    results = list(goal.results.values_list("text_de", flat=True))
    assert results
    delete = editor.post(admin_url(Goal, "delete", goal.pk), {"post": "yes"})
    assert delete.status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()
    assert goal.title_de not in client.get(PROJECT_PAGE).content.decode()

    # Meanwhile the project is edited and gets a new milestone: recovering the
    # goal must keep both (it restores the goal, not the project's version).
    change = admin_url(Project, "change", project.pk)
    assert submit(editor, change, title_de="Neuer Projekttitel").status_code == 302
    Milestone.objects.create(project=project, slug="neu", date="2021-07-01", title="Neu")

    recover_list = editor.get(admin_url(Goal, "recoverlist"))
    assert recover_list.status_code == 200
    deleted = Version.objects.get_deleted(Goal).get(object_id=str(goal.pk))
    url = admin_url(Goal, "recover", deleted.pk)
    assert url in recover_list.content.decode()

    response = editor.post(url, form_data(editor.get(url)))
    assert response.status_code == 302
    start = editor.get("/admin/").content.decode()
    assert f"Ziel „{goal.title_de}“ wiederhergestellt." in start
    recovered = Goal.objects.get(pk=goal.pk)
    assert sorted(recovered.results.values_list("text_de", flat=True)) == sorted(results)
    project.refresh_from_db()
    assert project.title_de == "Neuer Projekttitel"
    assert project.milestones.filter(slug="neu").exists()

    html = client.get("/projekte/regionales-digitalisierungszentrum/").content.decode()
    assert goal.title_de in html
    # The search index follows, as after any save.
    found = client.get("/suche/", {"q": goal.title_de.split()[0]}).content.decode()
    assert goal.title_de in found


def test_a_goal_of_a_deleted_project_waits_for_its_project(editor):
    project = Project.objects.get()
    goal = project.goals.first()
    assert editor.post(admin_url(Project, "delete", project.pk), {"post": "yes"}).status_code == 302

    deleted_goal = Version.objects.get_deleted(Goal).get(object_id=str(goal.pk))
    url = admin_url(Goal, "recover", deleted_goal.pk)
    response = editor.post(url, {}, follow=True)
    assert response.status_code == 200
    assert f"Stellen Sie zuerst „{project.title_de}“ wieder her." in response.content.decode()
    assert not Goal.objects.exists()

    # The project comes back with everything that was on its page.
    deleted_project = Version.objects.get_deleted(Project).get()
    url = admin_url(Project, "recover", deleted_project.pk)
    assert editor.post(url, form_data(editor.get(url))).status_code == 302
    project = Project.objects.get()
    assert project.goals.count() == 3
    assert Result.objects.filter(goal__project=project).count() == 3
    assert project.milestones.count() == 8


def test_what_was_never_saved_in_the_admin_is_recoverable_once_deleted(content, editor_only):
    """No `createinitialrevisions`: the item's state is kept when it is deleted."""
    event = Event.objects.order_by("pk").first()
    assert not Version.objects.get_for_object(event).exists()
    assert (
        editor_only.post(admin_url(Event, "delete", event.pk), {"post": "yes"}).status_code == 302
    )
    deleted = Version.objects.get_deleted(Event).get(object_id=str(event.pk))
    url = admin_url(Event, "recover", deleted.pk)
    assert editor_only.post(url, form_data(editor_only.get(url))).status_code == 302
    assert Event.objects.get(pk=event.pk).title_de == event.title_de
    # Not to be taken for an ordinary restore on the start page.
    assert "(Veranstaltung)</span>: Nach dem Löschen wiederhergestellt (Fassung vom " in (
        editor_only.get("/admin/").content.decode()
    )


def test_a_milestone_deleted_on_the_project_page_is_recoverable(content, editor_only):
    project = Project.objects.get()
    milestone = project.milestones.order_by("date").first()
    change = admin_url(Project, "change", project.pk)
    data = form_data(editor_only.get(change))
    row = next(
        name.removesuffix("-id")
        for name, values in data.items()
        if name.startswith("milestones-") and name.endswith("-id") and values == [str(milestone.pk)]
    )
    data[f"{row}-DELETE"] = ["on"]
    assert editor_only.post(change, data).status_code == 302
    assert not Milestone.objects.filter(pk=milestone.pk).exists()

    recover_list = editor_only.get(admin_url(Milestone, "recoverlist")).content.decode()
    assert milestone.title_de in recover_list
    deleted = Version.objects.get_deleted(Milestone).get(object_id=str(milestone.pk))
    url = admin_url(Milestone, "recover", deleted.pk)
    assert editor_only.post(url, form_data(editor_only.get(url))).status_code == 302
    assert project.milestones.filter(pk=milestone.pk).exists()


def test_versions_of_one_model_are_not_restored_through_another(editor):
    contact = Contact.objects.first()
    version = versions(contact)[0]
    assert editor.get(admin_url(Goal, "recover", version.pk)).status_code == 404


def test_restoring_needs_the_rights_to_edit(versioned, django_user_model):
    user = django_user_model.objects.create_user("gast", "g@example.org", PASSWORD, is_staff=True)
    client = sign_in(Client(), user, PASSWORD)
    project = Project.objects.get()
    version = versions(project)[0]
    assert client.get(admin_url(Project, "history", project.pk)).status_code == 403
    assert client.get(admin_url(Project, "revision", project.pk, version.pk)).status_code == 403
    assert client.get(admin_url(Project, "recoverlist")).status_code == 403
    assert client.post(admin_url(Project, "recover", version.pk)).status_code == 403
