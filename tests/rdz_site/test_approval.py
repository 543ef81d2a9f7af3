"""The optional second pair of eyes: editors of "Redaktion (ohne Freigabe)"
write and submit for approval but cannot publish, by no URL and no form
field; approvers see submitted items on the start page, get an e-mail, and
approve (publish) or return them with a comment."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from legal.models import LegalPage
from projects.models import Event, Project
from tests.conftest import EVENT, PROJECT, sign_in

from .admin_forms import admin_url, form_data

NEW_EVENT = {"title_de": "Zur Freigabe", "slug": "zur-freigabe", "start_date": "2030-01-01"}


@pytest.fixture
def author(redaktion_client):
    """The signed-in editor, moved to the group without the right to publish."""
    redaktion_client.user.groups.set([Group.objects.get(name="Redaktion (ohne Freigabe)")])
    return redaktion_client


@pytest.fixture
def approver(django_user_model):
    user = django_user_model.objects.create_user("freigabe", "freigabe@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktion"))
    return user


def add_event(client, **extra):
    page = client.get(admin_url(Event, "add"))
    data = form_data(page, **NEW_EVENT, **extra)
    return client.post(admin_url(Event, "add"), data)


def test_no_form_field_publishes_without_the_right(author):
    response = add_event(author, is_published="True", visible_from_0="2020-01-01")
    assert response.status_code == 302
    event = Event.objects.get(slug="zur-freigabe")
    assert (event.is_published, event.visible_from) == (False, None)
    url = admin_url(Event, "change", event.pk)
    page = author.get(url)
    assert 'name="is_published"' not in page.content.decode()
    assert 'name="_publish"' not in page.content.decode()
    author.post(url, form_data(page, is_published="True", _publish="1"))
    event.refresh_from_db()
    assert event.is_published is False


def test_no_url_publishes_without_the_right(author, approver):
    add_event(author, _submit_review="1")
    event = Event.objects.get(slug="zur-freigabe")
    review = reverse("admin:projects_event_review", args=[event.pk])
    assert author.post(review, {"decision": "approve"}).status_code == 403
    # A published item is read-only for them: no change, no delete, no restore.
    published = Event.objects.get(slug=EVENT)
    assert author.post(admin_url(Event, "change", published.pk), {}).status_code == 403
    assert author.post(admin_url(Event, "delete", published.pk), {"post": "yes"}).status_code == 403
    pk = published.pk
    published.delete()
    version = Version.objects.get_deleted(Event).get(object_id=str(pk))
    assert author.post(admin_url(Event, "recover", version.pk), {}).status_code == 403
    event.refresh_from_db()
    assert event.is_published is False
    assert not Event.objects.filter(slug=EVENT).exists()


def test_the_legal_pages_are_changed_only_by_those_who_publish(author):
    """They are public at all times: changing the Impressum is publishing."""
    page = LegalPage.objects.get(kind="imprint")
    url = admin_url(LegalPage, "change", page.pk)
    shown = author.get(url)
    assert shown.status_code == 200
    assert 'name="title_de"' not in shown.content.decode()  # read-only
    assert "Sie können diese Seite lesen, aber nicht ändern" in shown.content.decode()
    # Its texts as the page shows them, not as HTML source.
    assert "&lt;p&gt;" not in shown.content.decode()
    assert "Text vor den Angaben (Deutsch)" in shown.content.decode()
    # Looking at the broken links is no publishing: they may.
    assert author.get(reverse("admin:links_brokenlink_changelist")).status_code == 200
    assert author.post(url, form_data(shown, title_de="Geändert")).status_code == 403
    author.user.groups.set([Group.objects.get(name="Redaktion")])
    shown = author.get(url)
    assert 'name="title_de"' in shown.content.decode()
    assert author.post(url, form_data(shown, title_de="Geändert")).status_code == 302
    page.refresh_from_db()
    assert page.title_de == "Geändert"


def test_a_submitted_item_reaches_the_approver_who_publishes_it(
    author, approver, django_capture_on_commit_callbacks, django_user_model
):
    # The administration's superuser account may publish too, but is no editor.
    django_user_model.objects.create_superuser("it", "it@example.org", "it-passwort-123")
    with django_capture_on_commit_callbacks(execute=True):
        response = add_event(author, _submit_review="1")
    assert response.status_code == 302
    event = Event.objects.get(slug="zur-freigabe")
    assert event.review_state == "submitted"
    assert [message.to for message in mail.outbox] == [["freigabe@example.org"]]
    assert admin_url(Event, "change", event.pk) in mail.outbox[0].body
    # The author's start page: the item among the drafts, marked as
    # submitted; no box of what waits for approval (they approve nothing).
    start = author.get("/admin/").content.decode()
    assert 'id="editorial-waiting"' not in start
    drafts = start[start.index('id="editorial-drafts"') :]
    assert (
        'Zur Freigabe</a> <span class="quiet">(Veranstaltung)</span> – '
        "<strong>zur Freigabe eingereicht</strong>"
    ) in drafts
    # The same editor, now given the right to publish, approves.
    author.user.groups.set([Group.objects.get(name="Redaktion")])
    start = author.get("/admin/").content.decode()
    waiting = start[start.index('id="editorial-waiting"') :]
    assert f'href="{admin_url(Event, "change", event.pk)}"' in waiting[: waiting.index("</div>")]
    review = reverse("admin:projects_event_review", args=[event.pk])
    assert author.post(review, {"decision": "approve"}).status_code == 302
    event.refresh_from_db()
    assert (event.is_published, event.review_state) == (True, "")
    assert Event.objects.published().filter(pk=event.pk).exists()


def test_a_returned_item_carries_the_comment(author):
    add_event(author, _submit_review="1")
    event = Event.objects.get(slug="zur-freigabe")
    without = list(author.user.groups.all())
    author.user.groups.set([Group.objects.get(name="Redaktion")])
    review = reverse("admin:projects_event_review", args=[event.pk])
    author.post(review, {"decision": "return", "comment": ""})
    event.refresh_from_db()
    assert event.review_state == "submitted"  # no return without a comment
    author.post(review, {"decision": "return", "comment": "Bitte den Ort ergänzen."})
    author.user.groups.set(without)
    event.refresh_from_db()
    assert (event.is_published, event.review_state) == (False, "returned")
    page = author.get(admin_url(Event, "change", event.pk)).content.decode()
    assert "Bitte den Ort ergänzen." in page


def test_the_redaktion_keeps_both_rights(redaktion_client):
    project = Project.objects.get(slug=PROJECT)
    url = admin_url(Project, "change", project.pk)
    page = redaktion_client.get(url)
    assert 'name="_submit_review"' not in page.content.decode()
    response = redaktion_client.post(url, form_data(page, is_published="False"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.is_published is False


def test_submitting_says_so(author):
    page = author.get(admin_url(Event, "add"))
    # One verb on every button, Django's own: "Sichern".
    assert 'value="Sichern und zur Freigabe einreichen"' in page.content.decode()
    assert "Speichern" not in page.content.decode()
    data = form_data(page, **NEW_EVENT, _submit_review="1")
    response = author.post(admin_url(Event, "add"), data, follow=True)
    html = response.content.decode()
    assert "„Zur Freigabe“ wurde gesichert und zur Freigabe eingereicht." in html
    assert "erfolgreich hinzugefügt" not in html


@pytest.fixture
def approver_client(approver):
    approver.first_name, approver.last_name = "Frida", "Freigabe"
    approver.set_password("freigabe-123-geheim")
    approver.save()
    return sign_in(Client(), approver, "freigabe-123-geheim")


def test_the_submitter_hears_of_the_return_and_sees_it_on_the_start_page(
    author, approver_client, django_capture_on_commit_callbacks
):
    author.user.first_name, author.user.last_name = "Rita", "Redakteurin"
    author.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        add_event(author, _submit_review="1")
    assert "Rita Redakteurin hat" in mail.outbox[0].body
    event = Event.objects.get(slug="zur-freigabe")
    review = reverse("admin:projects_event_review", args=[event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        data = {"decision": "return", "comment": "Bitte den Ort ergänzen."}
        assert approver_client.post(review, data).status_code == 302
    returned = mail.outbox[-1]
    assert returned.to == ["r@example.org"]
    assert "Frida Freigabe hat" in returned.body
    assert "Bitte den Ort ergänzen." in returned.body
    assert admin_url(Event, "change", event.pk) in returned.body
    start = author.get("/admin/").content.decode()
    drafts = start[start.index('id="editorial-drafts"') :]
    drafts = drafts[: drafts.index("</div>")]
    assert "zurückgegeben:</strong> Bitte den Ort ergänzen." in drafts


def test_the_submitter_hears_of_the_approval(
    author, approver_client, django_capture_on_commit_callbacks
):
    add_event(author, _submit_review="1")
    event = Event.objects.get(slug="zur-freigabe")
    review = reverse("admin:projects_event_review", args=[event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert approver_client.post(review, {"decision": "approve"}).status_code == 302
    assert [message.to for message in mail.outbox] == [["r@example.org"]]
    assert "Frida Freigabe hat" in mail.outbox[0].body
    assert "freigegeben und veröffentlicht" in mail.outbox[0].body


def test_a_published_item_shows_its_status_in_words_to_an_author(author):
    """Editors without the right to publish see a published item read only:
    its status as the list says it, not a tick."""
    event = Event.objects.get(slug=EVENT)
    html = author.get(admin_url(Event, "change", event.pk)).content.decode()
    assert 'name="is_published"' not in html
    start = html.index('class="form-row field-status"')
    status = html[start : html.index("</fieldset>", start)]
    assert '<div class="readonly">Öffentlich</div>' in status
    assert "icon-yes" not in status
    assert "Sie können diesen Eintrag lesen, aber nicht ändern" in html


def readonly_status(html):
    start = html.index('class="form-row field-status"')
    return html[start : html.index("</fieldset>", start)]


def test_an_authors_new_item_says_draft_and_then_waiting(author):
    """Without the right to publish, the status is not a control: a new
    item says it is a draft, a submitted one that it waits for approval."""
    status = readonly_status(author.get(admin_url(Event, "add")).content.decode())
    assert '<div class="readonly">Entwurf – nicht öffentlich</div>' in status
    add_event(author, _submit_review="1")
    event = Event.objects.get(slug=NEW_EVENT["slug"])
    status = readonly_status(author.get(admin_url(Event, "change", event.pk)).content.decode())
    assert '<div class="readonly">Warten auf Freigabe</div>' in status
    assert "icon-no" not in status


def test_authors_are_not_offered_to_delete_several_at_once(author, redaktion_client):
    html = author.get(admin_url(Event, "changelist")).content.decode()
    assert 'value="delete_selected"' not in html


def test_a_published_item_read_only_names_each_language(author):
    """Without the language tabs (nothing to edit), "Titel (Deutsch)", as
    the history and the legal pages say, not "Titel [de]"."""
    event = Event.objects.get(slug=EVENT)
    html = author.get(admin_url(Event, "change", event.pk)).content.decode()
    assert 'name="title_de"' not in html
    assert "Titel (Deutsch):" in html
    assert "Titel (Englisch):" in html
    assert "[de]" not in html
