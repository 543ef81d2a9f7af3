"""The feedback form's rate limit: FEEDBACK_RATE_LIMIT submissions per client
network and hour, counted in the database, so that every worker of every app
server shares one count, and the legally required form never depends on the
cache (a Redis that is down must not lose a submission)."""

import concurrent.futures
import contextlib
import datetime
import hashlib
import os
import re
import select
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from legal.models import ClientNetwork, Feedback, SubmissionAttempt
from tests.servers import free_ports, gunicorn

BASE_DIR = Path(__file__).resolve().parents[2]
URL = "/en/accessibility/feedback/"
THANKS = "/en/accessibility/feedback/thanks/"
STAFF = "barrierefreiheit@example.org"
LIMIT = 5
HOME_NETWORK = "198.51.100.23"
OTHER_NETWORK = "203.0.113.9"


@pytest.fixture(autouse=True)
def _feedback_settings(settings):
    settings.FEEDBACK_RECIPIENTS = [STAFF]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.FEEDBACK_RATE_LIMIT = LIMIT


def make_submission(number=1, **overrides):
    return {
        "name": "Erika Muster",
        "email": "erika@example.org",
        "page": "/veranstaltungen/",
        "message": f"Nachricht {number}: der Kalender ist mit der Tastatur nicht bedienbar.",
        "website": "",
        **overrides,
    }


def post(client, address=HOME_NETWORK, **fields):
    return client.post(URL, make_submission(**fields), REMOTE_ADDR=address)


def later(minutes):
    """The clock, `minutes` from now (the limit reads django.utils.timezone.now)."""
    moment = timezone.now() + datetime.timedelta(minutes=minutes)
    return mock.patch("django.utils.timezone.now", return_value=moment)


# One app server ------------------------------------------------------------------


def test_the_sixth_submission_within_an_hour_is_refused_and_not_stored(client, db):
    for number in range(1, LIMIT + 1):
        response = post(client, number=number)
        assert (response.status_code, response["Location"]) == (302, THANKS)
    assert Feedback.objects.count() == LIMIT
    assert len(mail.outbox) == LIMIT

    response = post(client, number=6, message="Mein sechster Text <b>hier</b>")
    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many messages" in html
    assert f"{LIMIT} messages per hour" in html
    # What the person typed is still in the form, escaped.
    assert "Mein sechster Text &lt;b&gt;hier&lt;/b&gt;</textarea>" in html
    assert 'value="erika@example.org"' in html
    assert Feedback.objects.count() == LIMIT
    assert len(mail.outbox) == LIMIT


def test_another_network_is_not_affected(client, db):
    for number in range(LIMIT):
        post(client, number=number)
    assert post(client).status_code == 429
    # The same /24 network is the same client; another network is not.
    assert post(client, address="198.51.100.200").status_code == 429
    response = post(client, address=OTHER_NETWORK, message="Von woanders")
    assert response.status_code == 302
    assert Feedback.objects.filter(message="Von woanders").exists()
    assert len(mail.outbox) == LIMIT + 1


def test_an_hour_later_the_form_works_again(client, db):
    for number in range(LIMIT):
        post(client, number=number)
    with later(59):
        assert post(client).status_code == 429
    with later(61):
        response = post(client, message="Eine Stunde später")
        assert response.status_code == 302
        # The submission counts from now on: only it is left to count.
        assert SubmissionAttempt.objects.recent().count() == 1
    assert Feedback.objects.filter(message="Eine Stunde später").exists()
    assert len(mail.outbox) == LIMIT + 1


def test_bots_get_thanks_but_their_posts_count(client, db):
    for _ in range(LIMIT):
        response = post(client, website="http://spam.example")
        assert (response.status_code, response["Location"]) == (302, THANKS)
    assert not Feedback.objects.exists()
    assert not mail.outbox
    assert post(client).status_code == 429
    assert not Feedback.objects.exists()


def test_a_form_with_errors_does_not_count_but_is_refused_at_the_limit(client, db):
    for _ in range(LIMIT + 2):
        assert post(client, message="").status_code == 200
    for number in range(LIMIT):
        assert post(client, number=number).status_code == 302
    response = post(client, message="")
    assert response.status_code == 429
    assert "Too many messages" in response.content.decode()
    assert Feedback.objects.count() == LIMIT


def test_no_address_is_stored_only_a_keyed_hash(client, db, settings):
    post(client)
    (key,) = ClientNetwork.objects.values_list("key", flat=True)
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    # Neither the address, nor its network, nor a hash anyone could compute
    # without the site's secret key.
    for text in (HOME_NETWORK, "198.51.100.0"):
        assert text not in key
        assert key != hashlib.sha256(text.encode()).hexdigest()
    # Another secret key, another hash: the count starts afresh.
    settings.SECRET_KEY = "another-" + "s" * 50
    post(client)
    assert ClientNetwork.objects.count() == 2


def test_purge_forgets_what_the_limit_no_longer_needs(client, db):
    post(client, address=HOME_NETWORK)
    post(client, address=OTHER_NETWORK)
    SubmissionAttempt.objects.filter(network__in=ClientNetwork.objects.order_by("pk")[:1]).update(
        attempted_at=timezone.now() - datetime.timedelta(minutes=61)
    )
    out = StringIO()
    call_command("purge_feedback", stdout=out)
    assert ClientNetwork.objects.count() == 1
    assert SubmissionAttempt.objects.count() == 1
    assert SubmissionAttempt.objects.recent().count() == 1
    assert "Forgot 1 client network" in out.getvalue()
    # Submissions themselves follow FEEDBACK_RETENTION_DAYS, not the hour.
    assert Feedback.objects.count() == 2


# A cache that is down --------------------------------------------------------------


class BrokenCache(BaseCache):
    """A cache whose every call fails, as a Redis that is down or refuses."""

    def __init__(self, location, params):
        super().__init__(params)

    def _down(self, *args, **kwargs):
        raise ConnectionError("the cache is down")

    add = get = set = touch = delete = clear = incr = has_key = _down
    get_many = set_many = delete_many = get_or_set = _down


BROKEN_CACHES = {
    # Nothing listens on port 1: every connection is refused.
    "redis refusing": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    },
    # Fails on any call at all: the POST path may not touch the cache.
    "every call fails": {"BACKEND": f"{__name__}.BrokenCache"},
}


@pytest.fixture(params=sorted(BROKEN_CACHES))
def broken_cache(request, settings):
    settings.CACHES = {"default": BROKEN_CACHES[request.param]}
    with pytest.raises(Exception):  # noqa: B017 - any error: the cache is really down
        caches["default"].get("probe")


def test_with_the_cache_down_a_submission_is_stored_and_mailed(client, db, broken_cache):
    response = post(client, message="Trotz kaputtem Cache")
    assert (response.status_code, response["Location"]) == (302, THANKS)
    feedback = Feedback.objects.get()
    assert feedback.message == "Trotz kaputtem Cache"
    assert feedback.language == "en"
    assert feedback.answer_by is not None
    assert len(mail.outbox) == 1
    assert f"/admin/legal/feedback/{feedback.pk}/change/" in mail.outbox[0].body


def test_with_the_cache_down_errors_bots_and_the_limit_still_work(client, db, broken_cache):
    assert post(client, message="").status_code == 200
    assert post(client, website="http://spam.example").status_code == 302
    for number in range(LIMIT - 1):
        assert post(client, number=number).status_code == 302
    assert post(client).status_code == 429
    assert Feedback.objects.count() == LIMIT - 1


# Other processes on one database ----------------------------------------------------


class SharedDatabase:
    """The test database, for other processes (app servers, a shell) to work
    on: their environment, and a way to read it afterwards. Under SQLite the
    test database lives in this process's memory, so they get a file copy of
    it (migrated and empty); under PostgreSQL they use it directly. Emptied
    after the test either way (transactional_db)."""

    def __init__(self, tmp_path):
        (tmp_path / "limits_settings.py").write_text(
            "from rdz_site.settings import *  # noqa\n"
            "STORAGES = {**STORAGES, 'staticfiles': "
            "{'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
        )
        self.tmp_path = tmp_path
        self.env = {
            **os.environ,
            "PYTHONPATH": f"{tmp_path}{os.pathsep}{BASE_DIR}",
            "DJANGO_SETTINGS_MODULE": "limits_settings",
            # One key for all processes: they must hash a network alike.
            "DJANGO_SECRET_KEY": "feedback-limits-test-" + "k" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
            "DJANGO_LOG_LEVEL": "WARNING",
            "CACHE_URL": "locmem://",
            "EMAIL_HOST": "",
            "FEEDBACK_RECIPIENTS": STAFF,
            "HOME": str(tmp_path / "home"),
            "DATABASE_URL": self._url(),
        }

    def _url(self):
        params = connection.settings_dict
        if connection.vendor == "sqlite":
            self.file = self.tmp_path / "db.sqlite3"
            connection.ensure_connection()
            with contextlib.closing(sqlite3.connect(self.file)) as copy:
                connection.connection.backup(copy)
            return f"sqlite:///{self.file}"
        auth = urllib.parse.quote(params["USER"], safe="")
        if params["PASSWORD"]:
            auth += ":" + urllib.parse.quote(params["PASSWORD"], safe="")
        host = urllib.parse.quote(params["HOST"] or "localhost", safe="")
        port = f":{params['PORT']}" if params["PORT"] else ""
        return f"postgres://{auth}@{host}{port}/{params['NAME']}"

    def query(self, sql):
        if connection.vendor == "sqlite":
            with contextlib.closing(sqlite3.connect(self.file)) as db:
                return db.execute(sql).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    def shell(self, code):
        """`manage.py shell -c code` in its own process, talking through stdin/stdout."""
        return subprocess.Popen(
            [sys.executable, str(BASE_DIR / "manage.py"), "shell", "--no-imports", "-c", code],
            env=self.env,
            cwd=self.tmp_path,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    return SharedDatabase(tmp_path)


@pytest.fixture
def two_servers(shared_database, tmp_path):
    """Two gunicorn servers with two workers each, every worker with its own
    local-memory cache, on one database; staff e-mail goes to the console
    backend (the default without EMAIL_HOST), i.e. to each server's stdout."""
    env = {**shared_database.env, "WEB_CONCURRENCY": "2"}
    ports = free_ports(8740, 8749, 2)
    outputs = [tmp_path / f"server-{port}.out" for port in ports]
    with contextlib.ExitStack() as stack:
        for port, output in zip(ports, outputs, strict=True):
            stdout = stack.enter_context(output.open("w"))
            stack.enter_context(gunicorn(port, env, tmp_path, stdout=stdout))
        yield [f"http://127.0.0.1:{port}" for port in ports], outputs


SUBMISSIONS = 20


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 302 to the thank-you page is the answer


def test_two_servers_store_and_mail_exactly_the_limit(two_servers, shared_database):
    bases, outputs = two_servers
    query = shared_database.query
    forms = {}
    for base in bases:
        # One browser per server: its CSRF cookie and the token from the form.
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect()
        )
        with opener.open(base + URL, timeout=30) as response:
            html = response.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        forms[base] = (opener, token)

    start = threading.Barrier(SUBMISSIONS)

    def submit(number):
        base = bases[number % len(bases)]
        opener, token = forms[base]
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, **make_submission(number)}
        ).encode()
        request = urllib.request.Request(base + URL, data=data, headers={"Referer": base + URL})
        start.wait(timeout=30)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, None
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location")

    with concurrent.futures.ThreadPoolExecutor(SUBMISSIONS) as pool:
        answers = list(pool.map(submit, range(SUBMISSIONS)))

    assert Counter(answers) == {(302, THANKS): LIMIT, (429, None): SUBMISSIONS - LIMIT}
    stored = {row[0] for row in query("SELECT id FROM legal_feedback")}
    assert len(stored) == LIMIT
    assert query("SELECT COUNT(*) FROM legal_submissionattempt") == [(LIMIT,)]
    # Each staff e-mail is one message on a server's stdout (console
    # backend), written by a thread after the answer; together they name
    # exactly the stored submissions.
    sent = "SELECT COUNT(*) FROM legal_feedback WHERE notified_at IS NOT NULL"
    for _ in range(100):
        if query(sent) == [(LIMIT,)]:
            break
        time.sleep(0.1)
    printed = "".join(output.read_text() for output in outputs)
    assert len(re.findall(r"^Message-ID: ", printed, re.MULTILINE)) == LIMIT
    assert len(re.findall(rf"^To: {STAFF}$", printed, re.MULTILINE)) == LIMIT
    mailed = re.findall(r"/admin/legal/feedback/(\d+)/change/", printed)
    assert sorted(int(pk) for pk in mailed) == sorted(stored)


# What the network's row lock (or SQLite's write lock) must guarantee.
HOLD_THE_COUNT = """
import sys
from django.db import transaction
from legal.models import ClientNetwork
# The network posted before (committed), and now posts its last allowed ones.
assert ClientNetwork.objects.count_attempt({network!r}, {limit})
with transaction.atomic():
    for _ in range({limit} - 1):
        assert ClientNetwork.objects.count_attempt({network!r}, {limit})
    print("counted", flush=True)
    sys.stdin.readline()  # commit when the test says so
"""
POST_THE_FORM = """
import sys
from django.test import Client
sys.stdin.readline()
print("posting", flush=True)
response = Client().post({url!r}, {data!r}, REMOTE_ADDR={address!r})
print(response.status_code, flush=True)
"""


def next_line(process, timeout=30):
    """What the process prints next, or its error output if it prints nothing."""
    if select.select([process.stdout], [], [], timeout)[0]:
        line = process.stdout.readline()
        if line:
            return line.strip()
    process.kill()
    return process.communicate()[1]


def test_a_request_waits_for_another_that_is_counting_then_counts_its_attempts(
    shared_database,
):
    """One process has counted the network's last allowed submissions and
    not yet committed; a request from that network in another process must
    wait for the commit and then be refused, never count under the limit."""
    holder = shared_database.shell(HOLD_THE_COUNT.format(network="192.0.2.0", limit=LIMIT))
    poster = shared_database.shell(
        POST_THE_FORM.format(url=URL, data=make_submission(), address="192.0.2.44")
    )
    try:
        assert next_line(holder) == "counted"
        poster.stdin.write("go\n")
        poster.stdin.flush()
        assert next_line(poster) == "posting"
        with pytest.raises(subprocess.TimeoutExpired):
            poster.wait(timeout=1)  # it waits for the holder's commit
        holder.stdin.write("commit\n")
        holder.stdin.flush()
        assert next_line(poster) == "429"
        assert holder.wait(timeout=30) == 0
        assert poster.wait(timeout=30) == 0
    finally:
        for process in (holder, poster):
            process.kill()
            process.communicate()
    assert shared_database.query("SELECT COUNT(*) FROM legal_submissionattempt") == [(LIMIT,)]
    assert shared_database.query("SELECT COUNT(*) FROM legal_feedback") == [(0,)]
