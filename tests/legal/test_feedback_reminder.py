"""`manage.py remind_feedback`, run daily: one German e-mail to
FEEDBACK_RECIPIENTS listing the accessibility feedback that is overdue or
due within a week, with links into the admin; nothing when none is due."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from legal.models import Feedback


@pytest.fixture(autouse=True)
def _recipients(settings):
    settings.FEEDBACK_RECIPIENTS = ["redaktion@example.org", "barrierefreiheit@example.org"]
    settings.SITE_URL = "https://rdz.example.org"


def make_feedback(days_ago, page="/veranstaltungen/", answered=False):
    return Feedback.objects.create(
        page=page,
        name="Erika Muster",
        email="erika@example.org",
        message="Die Termine sind schwer zu lesen.",
        language="de",
        received_at=timezone.now() - datetime.timedelta(days=days_ago),
        answered_at=timezone.localdate() if answered else None,
    )


def remind():
    out = StringIO()
    call_command("remind_feedback", stdout=out, stderr=out)
    return out.getvalue()


def test_lists_overdue_and_soon_due_feedback_with_links(db):
    overdue = make_feedback(days_ago=40, page="/projekte/")
    due = make_feedback(days_ago=27, page="/ansprechpersonen/")
    make_feedback(days_ago=3, page="/spaeter/")  # due in about four weeks
    make_feedback(days_ago=45, page="/beantwortet/", answered=True)

    assert "Reminded 2 recipient(s) of 2 feedback item(s)." in remind()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["redaktion@example.org", "barrierefreiheit@example.org"]
    assert message.subject == "Feedback zur Barrierefreiheit: 2 Rückmeldungen zu beantworten"
    body = message.body
    assert "innerhalb eines Monats" in body
    assert "1 Rückmeldung ist überfällig" in body and "Ombudsstelle" in body
    # The earliest deadline first, each with its admin link.
    assert body.index("/projekte/") < body.index("/ansprechpersonen/")
    assert f"https://rdz.example.org/admin/legal/feedback/{overdue.pk}/change/" in body
    assert f"https://rdz.example.org/admin/legal/feedback/{due.pk}/change/" in body
    assert "ÜBERFÄLLIG: Antwort bis" in body and "fällig: Antwort bis" in body
    assert "https://rdz.example.org/admin/legal/feedback/?status=open" in body
    assert "/spaeter/" not in body and "/beantwortet/" not in body
    # What visitors wrote and who they are stays in the admin.
    assert "Erika" not in body and "erika@example.org" not in body
    assert "schwer zu lesen" not in body


def test_a_due_date_of_today_counts(db):
    item = make_feedback(days_ago=0)
    item.answer_by = timezone.localdate()
    item.save()
    remind()
    assert len(mail.outbox) == 1
    assert "Feedback zur Barrierefreiheit: 1 Rückmeldung zu beantworten" in mail.outbox[0].subject


def test_sends_nothing_when_nothing_is_due(db):
    make_feedback(days_ago=3)
    make_feedback(days_ago=60, answered=True)
    assert "no reminder sent" in remind()
    assert mail.outbox == []


def test_sends_nothing_without_recipients_and_says_so(db, settings):
    settings.FEEDBACK_RECIPIENTS = []
    make_feedback(days_ago=40)
    assert "FEEDBACK_RECIPIENTS is empty" in remind()
    assert mail.outbox == []
