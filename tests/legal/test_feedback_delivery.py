"""The staff e-mail about feedback never keeps the visitor waiting and is
never lost; feedback sent while the database is down is not lost silently."""

import threading
import time
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from legal.feedback import NOTIFY_GRACE, Feedback

URL = "/barrierefreiheit/feedback/"
SUBMISSION = {
    "name": "",
    "email": "",
    "page": "/veranstaltungen/",
    "message": "Der Kalender ist mit der Tastatur nicht bedienbar.",
    "website": "",
}
RELAY_BACK = threading.Event()


class FailingBackend(LocmemBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("relay down")


class HangingBackend(LocmemBackend):
    """A relay that answers only once RELAY_BACK is set."""

    def send_messages(self, messages):
        RELAY_BACK.wait(10)
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.FEEDBACK_RECIPIENTS = ["barrierefreiheit@example.org"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_failed_mail_is_sent_by_the_job_and_reported_until_then(client, db, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    assert client.post(URL, SUBMISSION).status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.notified_at is None and mail.outbox == []
    Feedback.objects.update(received_at=timezone.now() - NOTIFY_GRACE)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    errors = StringIO()
    call_command("remind_feedback", stdout=StringIO(), stderr=errors)
    assert f"feedback {feedback.pk}" in errors.getvalue() and "not gone out" in errors.getvalue()
    assert "Benachrichtigung" in mail.outbox.pop().body  # the reminder names it too
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    call_command("send_feedback_mail", stdout=StringIO(), stderr=errors)
    assert "Sent 0 of 1" in errors.getvalue()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = StringIO()
    call_command("send_feedback_mail", stdout=out)
    assert "Sent 1 feedback" in out.getvalue() and len(mail.outbox) == 1
    assert Feedback.objects.get().notified_at is not None
    call_command("send_feedback_mail", stdout=out)
    assert len(mail.outbox) == 1  # never twice


@pytest.mark.django_db(transaction=True)
def test_a_hung_relay_does_not_keep_the_visitor_waiting(client, settings):
    settings.FEEDBACK_MAIL_IN_THREAD = True
    settings.EMAIL_BACKEND = f"{__name__}.HangingBackend"
    RELAY_BACK.clear()
    started = time.monotonic()
    response = client.post(URL, SUBMISSION)
    assert response.status_code == 302 and time.monotonic() - started < 0.5
    assert mail.outbox == []
    RELAY_BACK.set()
    for _ in range(100):
        if Feedback.objects.filter(notified_at__isnull=False).exists():
            break
        time.sleep(0.05)
    assert len(mail.outbox) == 1
    assert Feedback.objects.get().notified_at is not None


@pytest.mark.parametrize(
    ("url", "phone", "heading"),
    [
        (URL, "03901 840-0", "Ihre Nachricht wurde nicht gesendet"),
        ("/en/accessibility/feedback/", "+49 3901 840-0", "Your message has not been sent"),
    ],
)
def test_feedback_while_the_database_is_down_says_so_and_keeps_the_text(
    client, django_db_blocker, monkeypatch, url, phone, heading
):
    # The connection points at a database that cannot be opened, as in
    # tests/core/test_faults.py, and is given back afterwards.
    with django_db_blocker.unblock():
        saved = connection.connection
        connection.connection = None
        monkeypatch.setitem(connection.settings_dict, "NAME", "/nonexistent/folder/db.sqlite3")
        try:
            response = client.post(url, SUBMISSION)
        finally:
            monkeypatch.undo()
            connection.connection = saved
        assert not Feedback.objects.filter(message=SUBMISSION["message"]).exists()
    html = response.content.decode()
    assert response.status_code == 503
    assert heading in html and phone in html
    assert "Karl-Marx-Straße 32" in html and "29410 Hansestadt Salzwedel" in html
    assert SUBMISSION["message"] in html  # the text is still in the form
