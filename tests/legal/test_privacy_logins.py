"""What the privacy policy says about failed admin logins and the cookies
holds: the records are shortened, counted for the lockout period and
deleted by the daily clean-up; every cookie the site sets is listed."""

import datetime
from io import StringIO

from axes.models import AccessAttempt
from django.core.management import call_command
from django.utils import timezone


def attempt(minutes_ago, username):
    record = AccessAttempt.objects.create(
        username=username,
        ip_address="192.0.2.0",
        user_agent="",
        get_data="",
        post_data="",
        http_accept="",
        path_info="/admin/login/",
        failures_since_start=1,
    )
    # attempt_time is set on creation; move it back as time would.
    when = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    AccessAttempt.objects.filter(pk=record.pk).update(attempt_time=when)
    return record


def test_the_daily_clean_up_deletes_failed_logins_whose_lockout_is_over(db):
    old, recent = attempt(16, "alt"), attempt(5, "neu")
    output = StringIO()
    call_command("purge_feedback", stdout=output)
    assert list(AccessAttempt.objects.all()) == [recent]
    assert "Deleted 1 record(s) of failed logins" in output.getvalue()
    assert old.pk not in AccessAttempt.objects.values_list("pk", flat=True)


def test_the_privacy_policy_says_so_and_lists_every_cookie(client, content, settings):
    html = client.get("/datenschutz/").content.decode()
    assert "Fehlgeschlagene Anmeldungen zur Redaktion" in html
    assert "zählen 15 Minuten lang" in html
    for name in (settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_NAME, "staff"):
        assert f"<code>{name}</code>" in html, name
