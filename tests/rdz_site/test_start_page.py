"""The editor's start page: drafts, items going live or expiring in the next
14 days and the last 20 changes by anyone, each linked to its form."""

import datetime

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from projects.models import Event, Project
from tests.conftest import EVENT, PROJECT

from .admin_forms import admin_url, form_data


def section(html, name):
    start = html.index(f'id="editorial-{name}"')
    return html[start : html.index("</div>", start)]


def test_the_start_page_lists_drafts_and_the_schedule_with_links(redaktion_client):
    project = Project.objects.get(slug=PROJECT)
    project.is_published = False
    project.save()
    event = Event.objects.get(slug=EVENT)
    event.visible_until = timezone.now() + datetime.timedelta(days=3)
    event.save()
    later = Event.objects.create(
        title_de="Viel später",
        slug="viel-spaeter",
        start_date=datetime.date(2030, 1, 1),
        visible_from=timezone.now() + datetime.timedelta(days=30),
    )
    html = redaktion_client.get("/admin/").content.decode()
    drafts = section(html, "drafts")
    assert f'href="{admin_url(Project, "change", project.pk)}"' in drafts
    scheduled = section(html, "scheduled")
    assert f'href="{admin_url(Event, "change", event.pk)}"' in scheduled
    assert "läuft ab" in scheduled
    assert later.title_de not in scheduled


def log_change(user, obj):
    """A change of `obj` by `user` in the admin's log, as a save records it."""
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj),
        action_flag=CHANGE,
    )


def test_the_start_page_lists_changes_by_anyone(redaktion_client, django_user_model):
    event = Event.objects.get(slug=EVENT)
    colleague = django_user_model.objects.create_user("kollegin", is_staff=True)
    log_change(colleague, event)
    changes = section(redaktion_client.get("/admin/").content.decode(), "changes")
    assert f'href="{admin_url(Event, "change", event.pk)}"' in changes
    assert "kollegin" in changes  # no full name: the user name


def test_the_start_page_names_colleagues_by_their_full_name(redaktion_client, django_user_model):
    colleague = django_user_model.objects.create_user(
        "kmueller", first_name="Karla", last_name="Müller", is_staff=True
    )
    event = Event.objects.get(slug=EVENT)
    log_change(colleague, event)
    changes = section(redaktion_client.get("/admin/").content.decode(), "changes")
    assert "Karla Müller:" in changes
    assert "kmueller" not in changes


def test_the_start_page_does_not_repeat_the_changes_as_recent_actions(redaktion_client):
    html = redaktion_client.get("/admin/").content.decode()
    assert 'id="editorial-changes"' in html
    assert 'id="recent-actions-module"' not in html


def test_the_start_page_shows_only_20_changes(redaktion_client):
    event = Event.objects.get(slug=EVENT)
    url = admin_url(Event, "change", event.pk)
    for number in range(22):
        redaktion_client.post(url, form_data(redaktion_client.get(url), venue_de=f"Ort {number}"))
    changes = section(redaktion_client.get("/admin/").content.decode(), "changes")
    assert changes.count("<li>") == 20


def test_the_start_page_says_what_a_change_changed_in_german(redaktion_client):
    event = Event.objects.get(slug=EVENT)
    url = admin_url(Event, "change", event.pk)
    redaktion_client.post(
        url, form_data(redaktion_client.get(url), venue_de="Rathaus", start_date="2027-01-02")
    )
    changes = section(redaktion_client.get("/admin/").content.decode(), "changes")
    assert (
        "(Veranstaltung)</span>: Beginn (Datum) und Veranstaltungsort (Deutsch) geändert.</li>"
        in changes
    )


def notice(client):
    html = client.get("/admin/").content.decode()
    if 'id="set-up-app"' not in html:
        return None
    return html[html.index('id="set-up-app"') : html.index("</div>", html.index("set-up-app"))]


def test_the_start_page_asks_for_app_and_codes_until_both_are_there(redaktion_client):
    """Signed in with the administration's one-time code, an editor is told
    to set up the app and make recovery codes (and where); then the notice
    is gone."""
    assert "Richten Sie die App ein, mit der Sie sich künftig anmelden" in notice(redaktion_client)
    assert 'href="/admin/two-factor/"' in notice(redaktion_client)
    TOTPDevice.objects.create(user=redaktion_client.user, name="App", confirmed=True)
    assert notice(redaktion_client) is not None  # no recovery codes yet
    redaktion_client.post("/admin/two-factor/", {"action": "recovery"})
    assert notice(redaktion_client) is None
