"""The editors' side in a real browser, signed in as a "Redaktion" editor
(not a superuser): the project's change page fits on a few screens, and the
main path of docs/redaktion.md works end to end."""

import datetime
import re

import pytest

from .conftest import open_change_form

pytestmark = [pytest.mark.browser]

# At 1280×900 the project's change page was 7,630 px tall with every goal,
# milestone and funding a stacked inline (and all fields open). The status
# at the top (a line saying whether the item is public, the status choice
# and the folded visibility window) adds about 150 px on purpose. Measured
# 2,665 px with everything merged; the limit leaves a little room.
MAX_PROJECT_PAGE_HEIGHT = 2700


@pytest.mark.django_db
def test_the_redaktion_group_may_restore_what_it_may_delete():
    """Restoring needs the model's add and change permissions, which the
    group has for everything it may delete. (Being the one test here that
    uses the database the ordinary way, it also makes pytest-django create
    the test database when this file runs alone.)"""
    from .conftest import redaktion_group

    codenames = set(redaktion_group().permissions.values_list("codename", flat=True))
    deletable = {name.removeprefix("delete_") for name in codenames if name.startswith("delete_")}
    assert deletable
    for model in deletable - {"feedback"}:
        assert {f"add_{model}", f"change_{model}"} <= codenames, model


def test_the_project_change_page_fits_on_a_few_screens(site, editor_tab, django_db_blocker):
    from projects.models import Project

    with django_db_blocker.unblock():
        project = Project.objects.get()
    open_change_form(editor_tab, f"{site.url}/admin/projects/project/{project.pk}/change/")
    height = editor_tab.evaluate("() => document.documentElement.scrollHeight")
    print(f"project change page: {height} px at 1280x900")
    assert height <= MAX_PROJECT_PAGE_HEIGHT


def test_an_editor_adds_an_event_in_both_languages_previews_publishes_and_recovers_it(
    site, editor_tab, django_db_blocker
):
    """The main path of docs/redaktion.md, clicked through as an editor."""
    from playwright.sync_api import expect

    from projects.models import Event

    tab = editor_tab
    day = datetime.date.today() + datetime.timedelta(days=30)
    title_de, title_en = "Sprechstunde Digitalisierung", "Digitalisation consultation hour"
    try:
        # A new event, German first, then English; not yet published.
        _add_draft_event(tab, site, day, title_de, title_en)
        expect(tab.locator(".messagelist .success")).to_be_visible()
        with django_db_blocker.unblock():
            event = Event.objects.get(title_de=title_de)
        assert event.slug == "sprechstunde-digitalisierung"
        assert event.title_en == title_en
        assert title_de not in _public(tab, f"{site.url}/veranstaltungen/")

        # Previewed: the admin's "Vorschau" opens the draft at its public URL.
        tab.goto(f"{site.url}/admin/projects/event/{event.pk}/change/")
        tab.locator("a.viewsitelink", has_text="Vorschau").click()
        expect(tab.locator(".draft-banner")).to_contain_text("Entwurf – nicht öffentlich")
        expect(tab.locator("h1")).to_have_text(title_de)

        # Published: on the events page in both languages.
        tab.goto(f"{site.url}/admin/projects/event/{event.pk}/change/")
        tab.get_by_label("Veröffentlicht – öffentlich").check()
        tab.click("input[name=_continue]")
        assert title_de in _public(tab, f"{site.url}/veranstaltungen/")
        assert title_en in _public(tab, f"{site.url}/en/events/")

        # Deleted by mistake ...
        tab.goto(f"{site.url}/admin/projects/event/{event.pk}/change/")
        tab.locator("a.deletelink").click()
        tab.locator("#content form input[type=submit]").click()
        expect(tab.locator(".messagelist .success")).to_be_visible()
        assert title_de not in _public(tab, f"{site.url}/veranstaltungen/")

        # ... and back from the list of deleted events.
        tab.goto(f"{site.url}/admin/projects/event/")
        tab.locator("a.recoverlink").click()
        tab.locator("#change-history a", has_text=re.compile(r"\d")).first.click()
        assert tab.input_value("#id_title_de") == title_de
        tab.click("input[name=_save]")
        expect(tab.locator(".messagelist .success")).to_be_visible()
        assert title_de in _public(tab, f"{site.url}/veranstaltungen/")
        assert title_en in _public(tab, f"{site.url}/en/events/")
    finally:
        with django_db_blocker.unblock():
            Event.objects.filter(title_de=title_de).delete()


def test_after_a_form_too_large_the_back_button_keeps_what_was_typed(site, editor_tab):
    """The too-large page (and docs/redaktion.md) sends editors back with the
    browser's Back button, saying their text is still there."""
    from playwright.sync_api import expect

    tab = editor_tab
    open_change_form(tab, f"{site.url}/admin/projects/event/add/")
    tab.fill("#id_title_de", "Sehr lange Veranstaltung")
    tab.fill("#id_description_de", "Langer Text. " * 90_000)  # over 1 MB
    tab.click("input[name=_continue]")
    expect(tab.locator("#content-main")).to_contain_text("Deshalb wurde nichts gespeichert")
    tab.go_back()
    expect(tab.locator("#id_title_de")).to_have_value("Sehr lange Veranstaltung")
    assert len(tab.input_value("#id_description_de")) > 1024 * 1024


def _add_draft_event(tab, site, day, title_de, title_en):
    from playwright.sync_api import expect

    tab.goto(f"{site.url}/admin/projects/event/add/")
    tab.fill("#id_title_de", title_de)
    tab.locator("#id_title_de").blur()  # fills in the short name (URL)
    # A new event is a draft unless the editor publishes it.
    expect(tab.locator("#id_is_published_0")).to_be_checked()
    tab.fill("#id_start_date", day.strftime("%d.%m.%Y"))
    tab.fill("#id_start_time", "10:00")
    tab.fill("#id_venue_de", "Kreisverwaltung Salzwedel")
    tab.select_option("#modeltranslation-main-switch", label="en")
    assert tab.locator("#id_title_en").is_visible()
    tab.fill("#id_title_en", title_en)
    tab.fill("#id_venue_en", "District administration, Salzwedel")
    tab.click("input[name=_continue]")


def _public(tab, url):
    """The page's text as a visitor's browser shows it."""
    tab.goto(url)
    return tab.locator("main").inner_text()


def test_the_status_is_the_column_after_the_title_and_fits_at_1366(site, editor_tab):
    """Every list with a published state shows it right after the title,
    within a 1366 px wide screen and without scrolling sideways."""
    editor_tab.set_viewport_size({"width": 1366, "height": 768})
    for path in ("projects/project", "projects/event", "contacts/contact", "contacts/organisation"):
        editor_tab.goto(f"{site.url}/admin/{path}/")
        headers = editor_tab.locator("#result_list thead th")
        classes = [headers.nth(i).get_attribute("class") or "" for i in range(3)]
        assert "column-status" in classes[2], (path, classes)
        box = editor_tab.locator("#result_list th.column-status").bounding_box()
        assert box["x"] + box["width"] <= 1366, path
        cell = editor_tab.locator("#result_list tbody td.field-status").first.bounding_box()
        assert cell["x"] + cell["width"] <= 1366, path
        overflow = editor_tab.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)
        # Nor inside the list: Django lets the table scroll in its own box.
        inner = editor_tab.evaluate(
            "() => { const box = document.querySelector('#changelist .results');"
            " return box.scrollWidth - box.clientWidth; }"
        )
        assert inner <= 0, (path, inner)


def test_a_milestones_title_has_room_at_1366(site, editor_tab, django_db_blocker):
    """At 1366 px a milestone's title shows about 40 characters (it was cut
    after 25), and the table of milestones still fits without scrolling."""
    from projects.models import Project

    with django_db_blocker.unblock():
        project = Project.objects.get()
    editor_tab.set_viewport_size({"width": 1366, "height": 768})
    open_change_form(editor_tab, f"{site.url}/admin/projects/project/{project.pk}/change/")
    title = editor_tab.locator("#id_milestones-0-title_de").bounding_box()
    assert title["width"] >= 280, title
    overflow = editor_tab.evaluate(
        "() => { const box = document.querySelector('#milestones-group fieldset');"
        " return box.scrollWidth - box.clientWidth; }"
    )
    assert overflow <= 0, overflow


def test_a_link_to_an_english_field_opens_the_english_tab(site, editor_tab, django_db_blocker):
    """The broken-link list and the box of missing legal facts link to a
    field (#id_description_en); the form opens on that field's language."""
    from projects.models import Event

    with django_db_blocker.unblock():
        event = Event.objects.first()
    editor_tab.goto(f"{site.url}/admin/projects/event/{event.pk}/change/#id_description_en")
    field = editor_tab.locator("#id_description_en")
    field.wait_for(state="visible")
    assert editor_tab.locator("#id_description_de").is_hidden()
    assert editor_tab.evaluate("() => document.activeElement.id") == "id_description_en"
