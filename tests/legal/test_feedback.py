import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from legal.feedback import one_month_later
from legal.models import Feedback
from tests.factories import make_feedback

URLS = {"de": "/barrierefreiheit/feedback/", "en": "/en/accessibility/feedback/"}
THANKS = {"de": "/barrierefreiheit/feedback/danke/", "en": "/en/accessibility/feedback/thanks/"}


@pytest.fixture(autouse=True)
def _feedback_settings(settings):
    settings.FEEDBACK_RECIPIENTS = ["barrierefreiheit@example.org"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def make_submission(**overrides):
    return {
        "name": "Erika Muster",
        "email": "erika@example.org",
        "page": "/veranstaltungen/",
        "message": "Der Kalender ist mit der Tastatur nicht bedienbar.",
        "website": "",
        **overrides,
    }


@pytest.mark.parametrize("language", ["de", "en"])
def test_form_page_has_labels_privacy_note_and_only_the_csrf_cookie(client, db, language):
    response = client.get(URLS[language])
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("id_name", "id_email", "id_page", "id_message"):
        assert f'<label for="{field}">' in html
    assert 'aria-describedby="id_email_helptext"' in html
    assert 'href="/datenschutz/"' in html if language == "de" else 'href="/en/privacy/"' in html
    assert "365" in html  # the retention period at the point of collection
    # The honeypot is hidden from people and assistive technology alike.
    assert re.search(r'<div class="feedback-form__trap" hidden>\s*<label for="id_website">', html)
    assert set(response.cookies) == {"csrftoken"}


def test_page_can_be_prefilled_from_the_query(client, db):
    html = client.get(URLS["de"], {"page": "/projekte/rdz/"}).content.decode()
    assert 'value="/projekte/rdz/"' in html


@pytest.mark.parametrize("language", ["de", "en"])
def test_valid_submission_is_stored_mailed_and_redirected(client, db, language):
    response = client.post(URLS[language], make_submission())
    assert response.status_code == 302
    assert response["Location"] == THANKS[language]

    feedback = Feedback.objects.get()
    assert feedback.page == "/veranstaltungen/"
    assert feedback.language == language
    received = timezone.localtime(feedback.received_at).date()
    assert feedback.answer_by == one_month_later(received)
    assert feedback.answered_at is None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["barrierefreiheit@example.org"]
    assert message.reply_to == ["erika@example.org"]
    assert "Feedback zur Barrierefreiheit" in message.subject  # staff read German
    assert "Der Kalender ist mit der Tastatur nicht bedienbar." in message.body
    assert f"/admin/legal/feedback/{feedback.pk}/change/" in message.body

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert not thanks.cookies


def test_name_and_email_are_optional(client, db):
    response = client.post(URLS["en"], make_submission(name="", email=""))
    assert response.status_code == 302
    assert Feedback.objects.get().email == ""
    assert mail.outbox[0].reply_to == []


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime.date(2026, 1, 15), datetime.date(2026, 2, 15)),
        (datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2026, 12, 3), datetime.date(2027, 1, 3)),
    ],
)
def test_answer_by_is_one_calendar_month_later(moment, expected):
    assert one_month_later(moment) == expected


@pytest.mark.parametrize("language", ["de", "en"])
def test_invalid_submission_shows_summary_and_linked_field_errors(client, db, language):
    response = client.post(URLS[language], make_submission(email="not-an-address", message=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert not Feedback.objects.exists()
    assert not mail.outbox
    start = html.index('class="error-summary"')
    summary = html[start : html.index("</div>", start)]
    assert 'role="alert"' in summary
    assert 'href="#id_email"' in summary and 'href="#id_message"' in summary
    assert 'href="#id_page"' not in summary
    message_input = re.search(r"<textarea[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in message_input
    assert 'aria-describedby="id_message_helptext id_message_error"' in message_input
    assert 'id="id_message_error"' in html
    email_input = re.search(r'<input[^>]*id="id_email"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in email_input
    assert 'value="not-an-address"' in email_input  # what was typed stays
    page_input = re.search(r'<input[^>]*id="id_page"[^>]*>', html).group(0)
    assert "aria-invalid" not in page_input
    title = "Fehler" if language == "de" else "Error"
    assert f"<title>{title}:" in html


@pytest.mark.parametrize("extra", [{}, {"email": "kaputt", "message": ""}])
def test_honeypot_hit_looks_like_success_but_stores_nothing(client, db, extra):
    response = client.post(URLS["de"], make_submission(website="http://spam.example", **extra))
    assert response.status_code == 302
    assert response["Location"] == THANKS["de"]
    assert not Feedback.objects.exists()
    assert not mail.outbox


def test_rate_limit_answers_429_and_keeps_the_text(client, db, settings):
    settings.FEEDBACK_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(URLS["en"], make_submission()).status_code == 302
    response = client.post(URLS["en"], make_submission(message="Mein dritter Text <b>hier</b>"))
    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many messages" in html
    assert "2 messages per hour" in html
    assert "Mein dritter Text &lt;b&gt;hier&lt;/b&gt;</textarea>" in html
    assert Feedback.objects.count() == 2
    # Another network is not affected.
    other = client.post(URLS["en"], make_submission(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_rate_limit_counts_the_shortened_address(client, db, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    client.post(URLS["de"], make_submission(), REMOTE_ADDR="198.51.100.4")
    response = client.post(URLS["de"], make_submission(), REMOTE_ADDR="198.51.100.200")
    assert response.status_code == 429
    assert "Zu viele Nachrichten" in response.content.decode()


def test_mail_failure_keeps_the_submission(client, db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard port: nothing listens, the connection fails fast
    response = client.post(URLS["de"], make_submission())
    assert response.status_code == 302
    assert Feedback.objects.count() == 1


def test_purge_deletes_only_submissions_past_retention(db, settings):
    settings.FEEDBACK_RETENTION_DAYS = 30
    old = make_feedback(days_ago=31)
    new = make_feedback(days_ago=29)
    out = StringIO()
    call_command("purge_feedback", stdout=out)
    assert list(Feedback.objects.all()) == [new]
    assert not Feedback.objects.filter(pk=old.pk).exists()
    assert "1" in out.getvalue() and "30" in out.getvalue()


def test_admin_lists_open_and_overdue_feedback(admin_client, db):
    make_feedback(days_ago=40, page="/alt/")
    make_feedback(page="/neu/")
    make_feedback(days_ago=50, page="/erledigt/", answered=True)
    html = admin_client.get("/admin/legal/feedback/?status=overdue").content.decode()
    assert "/alt/" in html and "/neu/" not in html and "/erledigt/" not in html
    html = admin_client.get("/admin/legal/feedback/?status=open").content.decode()
    assert "/alt/" in html and "/neu/" in html and "/erledigt/" not in html


def test_staff_see_the_date_of_a_submission_as_they_write_dates(redaktion_client, db):
    feedback = make_feedback(
        page="/projekte/", received_at=datetime.datetime(2026, 12, 7, 9, tzinfo=datetime.UTC)
    )
    html = redaktion_client.get(f"/admin/legal/feedback/{feedback.pk}/change/").content.decode()
    assert "/projekte/ (07.12.2026)" in html
    assert "/projekte/ (2026-12-07)" not in html


def test_an_answered_feedback_names_who_answered_and_links_the_sender(redaktion_client, db):
    editor = redaktion_client.user
    editor.first_name, editor.last_name = "Maria", "Schulze"
    editor.save()
    feedback = make_feedback(email="buerger@example.org")
    url = f"/admin/legal/feedback/{feedback.pk}/change/"
    # Not answered yet, and feedback without an address: a dash, not "None".
    anonymous = make_feedback(email="")
    html = redaktion_client.get(f"/admin/legal/feedback/{anonymous.pk}/change/").content.decode()
    assert "None" not in html
    data = {"answered_at": timezone.localdate().strftime("%d.%m.%Y"), "staff_note": ""}
    assert redaktion_client.post(url, data).status_code == 302
    html = redaktion_client.get(url).content.decode()
    assert "Maria Schulze" in html
    # No link to the account, which editors may not open.
    assert "/admin/auth/user/" not in html
    assert '<a href="mailto:buerger@example.org">buerger@example.org</a>' in html
    assert "Maria Schulze" in redaktion_client.get("/admin/legal/feedback/").content.decode()
    # The start page's last changes name the field in German.
    assert "Beantwortet am geändert." in redaktion_client.get("/admin/").content.decode()


@pytest.mark.parametrize(
    ("url", "marker"),
    [("/barrierefreiheit/feedback/", "freiwillig"), ("/en/accessibility/feedback/", "optional")],
)
def test_the_form_names_the_marker_its_optional_fields_carry(client, db, url, marker):
    html = client.get(url).content.decode()
    assert f"({marker})" in html
    assert re.search(rf"[„“]{marker}[“”]", html)
