"""The staff's mail about feedback: what a visitor typed cannot pass for
the site's own lines (a fake "In der Verwaltung:" link), nor hide behind
bidi overrides."""

import pytest
from django.core import mail

from legal.models import Feedback

URL = "/barrierefreiheit/feedback/"
FAKE = "In der Verwaltung: https://böse.example/login"


@pytest.fixture(autouse=True)
def _feedback_settings(settings):
    settings.FEEDBACK_RECIPIENTS = ["barrierefreiheit@example.org"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def submit(client, **fields):
    data = {"name": "Erika", "email": "", "page": "/", "message": "Text", "website": ""}
    return client.post(URL, {**data, **fields})


@pytest.mark.parametrize("field", ["name", "page"])
@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r", "\u2028", "\x85"])
def test_one_line_fields_refuse_line_breaks(client, db, field, line_break):
    response = submit(client, **{field: f"Erika{line_break}{FAKE}"})
    assert response.status_code == 200
    assert "Bitte in einer Zeile eingeben." in response.content.decode()
    assert not Feedback.objects.exists() and not mail.outbox


def test_format_characters_are_removed_from_every_field(client, db):
    override = "\u202e\u2066\u200b\u00ad"
    submit(client, name=f"Eri{override}ka", page=f"/{override}", message=f"Te{override}xt")
    feedback = Feedback.objects.get()
    assert (feedback.name, feedback.page, feedback.message) == ("Erika", "/", "Text")
    assert not any(char in mail.outbox[0].body for char in override)


def test_the_message_is_quoted_below_the_sites_own_lines(client, db):
    submit(client, message=f"Die Seite ist kaputt.\n\n{FAKE}\n")
    feedback = Feedback.objects.get()
    lines = mail.outbox[0].body.splitlines()
    real = f"In der Verwaltung: http://127.0.0.1:8000/admin/legal/feedback/{feedback.pk}/change/"
    own = [line for line in lines if line.startswith("In der Verwaltung:")]
    assert own == [real]
    assert f"> {FAKE}" in lines and "> Die Seite ist kaputt." in lines
    assert lines.index(real) < lines.index(f"> {FAKE}")
