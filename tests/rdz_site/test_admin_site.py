"""The admin as the Redaktion sees it (rdz_site/admin.py): named for the RDZ,
in German, the content first and the technical tables last (django-axes'
for superusers only), the feedback that is due on the start page, and who
answered an item recorded."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from tests.conftest import sign_in
from tests.factories import make_feedback

PASSWORD = "startseite-123-geheim"


@pytest.fixture
def editor(redaktion_client):
    return redaktion_client


def index_html(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_admin_is_the_redaktions_own(editor):
    html = index_html(editor)
    assert "RDZ Altmarkkreis Salzwedel – Redaktion" in html
    assert "<title>Was möchten Sie bearbeiten? | RDZ-Redaktion</title>" in html
    assert "Django" not in html
    assert "Website-Verwaltung" not in html


def app_order(html, names):
    positions = {name: html.find(f">{name}<") for name in names}
    assert all(position >= 0 for position in positions.values()), positions
    return sorted(names, key=positions.get)


def test_editors_see_their_content_first_and_no_technical_tables(editor):
    html = index_html(editor)
    expected = [
        "Projekte und Veranstaltungen",
        "Ansprechpersonen",
        "Rechtliche Seiten und Feedback",
    ]
    assert app_order(html, expected) == expected
    # Within the apps, what is edited most comes first.
    assert html.find(">Projekte<") < html.find(">Veranstaltungen<") < html.find(">Ziele<")
    assert "Axes" not in html and "Zugriff" not in html
    assert editor.get("/admin/axes/").status_code == 404


def test_superusers_find_accounts_and_login_records_after_the_content(admin_client):
    html = index_html(admin_client)
    apps = [
        "Projekte und Veranstaltungen",
        "Rechtliche Seiten und Feedback",
        "Authentifizierung und Autorisierung",
        "Axes",
    ]
    assert app_order(html, apps) == apps


def test_the_start_page_counts_the_feedback_that_is_due(editor):
    make_feedback(days_ago=40)  # overdue
    make_feedback(days_ago=35)  # overdue
    make_feedback(days_ago=26)  # due within a week
    make_feedback(days_ago=2)  # due in about four weeks
    make_feedback(days_ago=40, answered=True)
    html = index_html(editor)
    assert "Zu beantwortendes Feedback zur Barrierefreiheit" in html
    assert "2 überfällig" in html
    assert "1 in den nächsten 7 Tagen fällig" in html

    changelist = reverse("admin:legal_feedback_changelist")
    overdue = editor.get(changelist + "?status=overdue").content.decode()
    assert overdue.count("field-page") == 2
    due = editor.get(changelist + "?status=due").content.decode()
    assert due.count("field-page") == 1


def test_the_start_page_says_so_when_nothing_is_due(editor):
    html = index_html(editor)
    assert "0 überfällig" in html
    assert "0 in den nächsten 7 Tagen fällig" in html


def test_who_answered_is_recorded_when_the_answer_date_is_first_entered(editor):
    item = make_feedback(days_ago=10)
    url = reverse("admin:legal_feedback_change", args=[item.pk])
    today = timezone.localdate().isoformat()
    response = editor.post(url, {"answered_at": today, "staff_note": "Per E-Mail geantwortet."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.answered_by == editor.user
    assert "redakteurin" in editor.get(url).content.decode()

    # Another editor correcting the date does not take it over.
    chefin = type(editor.user).objects.create_superuser("chefin", "c@example.org", PASSWORD)
    colleague = sign_in(Client(), chefin, PASSWORD)
    colleague.post(url, {"answered_at": today, "staff_note": "Datum geprüft."})
    item.refresh_from_db()
    assert item.answered_by == editor.user

    # Clearing the date opens the item again and forgets who answered.
    editor.post(url, {"answered_at": "", "staff_note": ""})
    item.refresh_from_db()
    assert item.answered_at is None and item.answered_by is None


def test_every_label_and_help_text_of_the_content_is_german():
    untranslated = []
    for model in (model for model in apps.get_models() if admin.site.is_registered(model)):
        if model._meta.app_label not in {"contacts", "projects", "legal"}:
            continue
        texts = [model._meta.verbose_name, model._meta.verbose_name_plural]
        for field in model._meta.get_fields():
            if getattr(field, "primary_key", False):
                continue
            texts += [getattr(field, "verbose_name", ""), getattr(field, "help_text", "")]
        for text in filter(None, texts):
            with override("de"):
                german = str(text)
            with override("en"):
                english = str(text)
            if german == english:
                untranslated.append(f"{model._meta.label}: {english}")
    assert untranslated == []
