"""The admin for the county's editors: every registered model's list, add and
change pages render, the translation tabs load their script from our own
server, and invalid input gives a form error instead of stored nonsense."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.urls import reverse

from contacts.models import Contact, Organisation
from projects.models import Event, Goal, Project
from tests.conftest import sign_in
from tests.rdz_site.admin_forms import admin_url

JQUERY_UI = "vendor/jquery-ui/jquery-ui.min.js"


@pytest.fixture
def editor(client, content, django_user_model):
    user = django_user_model.objects.create_superuser("redaktion", "redaktion@example.org", "x")
    Group.objects.get_or_create(name="Redaktion")
    return sign_in(client, user, "x")


def registered_models():
    """The models with an admin page, by label."""
    models = [model for model in apps.get_models() if admin.site.is_registered(model)]
    return sorted(models, key=lambda model: model._meta.label)


def test_every_admin_page_renders(editor, rf, django_user_model):
    request = rf.get("/admin/")
    request.user = django_user_model.objects.get(username="redaktion")
    pages = [reverse("admin:index")]
    forbidden = []
    opened = set()
    for model in registered_models():
        model_admin = admin.site.get_model_admin(model)
        pages.append(admin_url(model, "changelist"))
        # Some models (e.g. records written by the site itself) cannot be
        # added by hand: their add page must refuse, not crash.
        if model_admin.has_add_permission(request):
            pages.append(admin_url(model, "add"))
        else:
            forbidden.append(admin_url(model, "add"))
        # Models whose rows only visitors create (none in the fixtures) have
        # no change form to open here; the content models all have rows.
        instance = model._default_manager.order_by("pk").first()
        if instance is not None:
            pages.append(admin_url(model, "change", instance.pk))
            opened.add(model._meta.label)
    assert opened >= {
        "auth.Group",
        "auth.User",
        "projects.Project",
        "projects.Goal",
        "projects.Event",
        "contacts.Organisation",
        "contacts.Contact",
    }
    for url in pages:
        response = editor.get(url)
        assert response.status_code == 200, url
        assert b"ajax.googleapis.com" not in response.content, url
        assert b"code.jquery.com" not in response.content, url
    for url in forbidden:
        assert editor.get(url).status_code == 403, url


def test_every_form_shows_each_field_once(editor):
    """A field shown twice is saved from its lower copy: what an editor
    entered in the upper one (the contact's "visible from") was lost."""
    checked = set()
    for model in registered_models():
        instance = model._default_manager.order_by("pk").first()
        urls = [admin_url(model, "add")]
        if instance is not None:
            urls.append(admin_url(model, "change", instance.pk))
        for url in urls:
            response = editor.get(url)
            if response.status_code != 200:  # models nobody adds by hand
                continue
            names = flatten_fieldsets(response.context["adminform"].fieldsets)
            assert sorted({name for name in names if names.count(name) > 1}) == [], url
            checked.add(model._meta.label)
    assert {"contacts.Contact", "projects.Event", "legal.LegalPage"} <= checked


def test_changelist_search_filters_and_date_hierarchy_render(editor):
    for model, query in [
        (Project, "?q=Digital"),
        (Event, "?start_date__year=2020"),
        (Event, "?is_published__exact=1&q=Tournee"),
        (Contact, "?q=Wirtschaft"),
        (Organisation, "?kind__exact=ministry"),
    ]:
        response = editor.get(admin_url(model, "changelist") + query)
        assert response.status_code == 200, (model, query)
        assert b"result_list" in response.content, (model, query)


@pytest.mark.parametrize("model", [Project, Goal, Event, Organisation, Contact])
def test_change_form_has_self_hosted_translation_tabs(editor, model):
    html = editor.get(admin_url(model, "change", model.objects.first().pk)).content.decode()
    assert f"/static/{JQUERY_UI}" in html
    assert "modeltranslation/js/tabbed_translation_fields.js" in html
    assert "modeltranslation/css/tabbed_translation_fields.css" in html
    # Both language columns of a translated field are on the form.
    field = (
        "title"
        if model in (Project, Goal, Event)
        else ("name" if model is Organisation else "function")
    )
    assert f'name="{field}_de"' in html
    assert f'name="{field}_en"' in html
    assert "googleapis" not in html


def test_the_admin_speaks_german_whatever_the_browser_asks_for(editor):
    response = editor.get(admin_url(Project, "changelist"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="de"' in html
    assert "Projekte" in html


def test_the_admin_names_entries_in_german_whatever_their_gender(editor):
    """Django's German fixes one article for every model ("Ausgewählte
    Projekt löschen", "Es kann unten erneut geändert werden" for an event);
    locale/ words these phrases to fit every model."""
    listing = editor.get(admin_url(Project, "changelist")).content.decode()
    assert "<h1>Projekt wählen</h1>" in listing
    assert "Filter: Status" in listing
    assert "Ausgewählte Einträge löschen (Projekte)" in listing
    start = editor.get("/admin/").content.decode()
    assert 'title="Bereich „Ansprechpersonen und Organisationen“"' in start
    contact = Contact.objects.first()
    form = editor.get(admin_url(Contact, "change", contact.pk)).content.decode()
    assert "Ausgewählten Eintrag bearbeiten (Organisation)" in form
    response = editor.post(
        admin_url(Event, "add"),
        {
            "title_de": "Sprechstunde",
            "slug": "sprechstunde",
            "start_date": "01.07.2030",
            "_continue": "1",
        },
        follow=True,
    )
    assert "wurde erfolgreich hinzugefügt. Unten können Sie weiter daran arbeiten." in (
        response.content.decode()
    )


def test_the_account_pages_speak_german_where_django_does_not(editor):
    """Django 5.2's German leaves the new password and group-chooser phrases
    in English; the administration makes editors' accounts there."""
    page = editor.get(admin_url(get_user_model(), "add")).content.decode()
    assert "Sobald das Konto angelegt ist, können Sie weitere Angaben bearbeiten." in page
    assert "Anmeldung mit Passwort" in page
    catalogue = editor.get("/admin/jsi18n/").content.decode()
    assert '"Remove selected %s": "Markierte %s entfernen"' in catalogue


def test_the_vendored_jquery_ui_is_there_with_its_licence():
    found = finders.find(JQUERY_UI)
    assert found
    assert finders.find("vendor/jquery-ui/LICENSE.txt")


def test_project_change_form_has_its_inlines(editor):
    project = Project.objects.get()
    html = editor.get(admin_url(Project, "change", project.pk)).content.decode()
    for prefix in ("goals", "milestones", "fundings"):
        assert f'name="{prefix}-TOTAL_FORMS"' in html
    # "View on site" leads to the public page.
    view_on_site = re.search(r'href="(/admin/r/\d+/\d+/)"', html)
    assert view_on_site
    response = editor.get(view_on_site.group(1))
    assert response.status_code == 302
    assert response["Location"].endswith("/projekte/regionales-digitalisierungszentrum/")


def project_form(**fields):
    data = {
        "title_de": "Neues Projekt",
        "title_en": "",
        "slug": "neues-projekt",
        "is_published": "True",
        "summary_de": "Worum es geht.",
        "summary_en": "",
        "background_de": "",
        "background_en": "",
        "start_date": "2021-06-30",
        "end_date": "2019-07-01",
        "quote_date_precision": "day",
    }
    for prefix in ("goals", "milestones", "fundings"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | fields


def test_project_with_end_before_start_is_not_saved(editor):
    before = Project.objects.count()
    response = editor.post(admin_url(Project, "add"), project_form())
    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html
    assert "Das Ende darf nicht vor dem Beginn liegen." in html
    assert Project.objects.count() == before


def test_project_with_a_taken_slug_is_not_saved(editor):
    response = editor.post(
        admin_url(Project, "add"),
        project_form(slug="regionales-digitalisierungszentrum", end_date="2021-07-01"),
    )
    assert response.status_code == 200
    # Not Django's "Projekt mit diesem Wert für das Feld … existiert bereits.":
    # what to do instead (a repeated event takes the same name from its title).
    assert "Diesen Kurznamen hat schon ein anderer Eintrag. Bitte ändern Sie ihn" in (
        response.content.decode()
    )
    assert Project.objects.count() == 1


def test_valid_project_is_saved(editor):
    response = editor.post(admin_url(Project, "add"), project_form(end_date="2021-07-01"))
    assert response.status_code == 302
    assert Project.objects.get(slug="neues-projekt").title_de == "Neues Projekt"


def test_event_with_an_end_but_no_valid_start_gives_a_form_error(editor):
    data = {
        "title_de": "Termin",
        "title_en": "",
        "slug": "termin",
        "is_published": "True",
        "start_date": "kein Datum",
        "end_date": "2020-08-31",
        "end_time": "10:00",
        "venue_de": "",
        "venue_en": "",
        "address": "",
        "description_de": "",
        "description_en": "",
    }
    response = editor.post(admin_url(Event, "add"), data)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Event.objects.filter(slug="termin").exists()


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get(admin_url(Project, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
