"""Visitors keep reading while editors save: two gunicorn workers on one
SQLite file (WAL, busy timeout, IMMEDIATE transactions), readers and admin
writers in parallel threads. No request fails and every saved change is
there afterwards. Also checks that the access log holds no full address."""

import os
import re
import sqlite3
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from tests.servers import BASE_DIR, copy_database, free_ports, gunicorn

WRITERS = 3
SAVES_PER_WRITER = 6
READERS = 4
PAGES = ["/", "/en/", "/projekte/", "/en/events/", "/ansprechpersonen/", "/en/contacts/"]
PASSWORD = "gleichzeitig-123"


class Browser:
    """An editor's browser: cookies, and the CSRF token from each form."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def open(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.geturl(), response.read().decode()

    def post_form(self, path, data):
        _status, _url, html = self.open(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        return self.open(path, {"csrfmiddlewaretoken": token, **data})


@pytest.fixture
def server(tmp_path, site_database):
    (tmp_path / "live_settings.py").write_text(
        "from rdz_site.settings import *  # noqa\n"
        "STORAGES = {**STORAGES, 'staticfiles': "
        "{'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
        "PASSWORD_HASHERS = ['django.contrib.auth.hashers.MD5PasswordHasher']\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{BASE_DIR}",
        "DJANGO_SETTINGS_MODULE": "live_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SECRET_KEY": "concurrency-test-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": "2",
        # gunicorn.conf.py must not make gunicorn write into the home directory.
        "HOME": str(tmp_path / "home"),
    }
    setup = (
        "from django.contrib.auth.models import User; "
        "from django_otp.plugins.otp_static.models import StaticDevice; "
        f"[StaticDevice.objects.create(user=User.objects.create_superuser(f'writer{{i}}', '', "
        f"{PASSWORD!r}), name='t').token_set.create(token=f'code{{i}}') for i in range({WRITERS})]"
    )
    copy_database(site_database, tmp_path / "db.sqlite3")
    subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), "shell", "-c", setup],
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=60,
    )
    (port,) = free_ports(8600, 8609)
    log = tmp_path / "access.log"
    with log.open("w") as access_log, gunicorn(port, env, tmp_path, stdout=access_log):
        yield f"http://127.0.0.1:{port}", tmp_path / "db.sqlite3", log
    assert not (tmp_path / "home" / ".gunicorn").exists()


def read_pages(base, writing, reads, errors):
    """Every page again and again while `writing` is set."""
    while writing.is_set():
        for page in PAGES:
            try:
                with urllib.request.urlopen(base + page, timeout=30) as response:  # noqa: S310
                    response.read()
                reads.append(page)
            except (OSError, urllib.error.HTTPError) as error:
                errors.append(f"GET {page}: {error}")


def add_organisations(base, number, saved, errors):
    """Writer `number` signs in and adds organisations through the admin."""
    browser = Browser(base)
    try:
        _status, url, _html = browser.post_form(
            "/admin/login/?next=/admin/",
            {"username": f"writer{number}", "password": PASSWORD, "otp_token": f"code{number}"},
        )
        assert url.endswith("/admin/"), url
        for save in range(SAVES_PER_WRITER):
            slug = f"gleichzeitig-{number}-{save}"
            status, url, _html = browser.post_form(
                "/admin/contacts/organisation/add/",
                {
                    "name_de": f"Organisation {number}-{save}",
                    "name_en": f"Organisation {number}-{save}",
                    "slug": slug,
                    "kind": "association",
                    "order": save,
                },
            )
            assert status == 200 and url.endswith("/admin/contacts/organisation/"), url
            saved.append(slug)
    except Exception as error:  # noqa: BLE001 - every failure is reported
        errors.append(f"writer {number}: {error!r}")


def test_readers_and_writers_at_once_lose_nothing(server):
    base, database, log = server
    errors, saved, reads = [], [], []
    writing = threading.Event()
    writing.set()

    readers = [
        threading.Thread(target=read_pages, args=(base, writing, reads, errors))
        for _ in range(READERS)
    ]
    writers = [
        threading.Thread(target=add_organisations, args=(base, n, saved, errors))
        for n in range(WRITERS)
    ]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=60)
    writing.clear()
    for thread in readers:
        thread.join(timeout=30)

    assert errors == []
    assert len(saved) == WRITERS * SAVES_PER_WRITER
    assert len(reads) >= len(PAGES) * READERS
    with sqlite3.connect(database) as connection:
        stored = {
            row[0]
            for row in connection.execute(
                "SELECT slug FROM contacts_organisation WHERE slug LIKE 'gleichzeitig-%'"
            )
        }
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert stored == set(saved)

    # The access log: one line per request, the address cut to its network.
    lines = log.read_text().splitlines()
    assert len(lines) > WRITERS * SAVES_PER_WRITER
    assert all(line.startswith("127.0.0.0 ") for line in lines), lines[:3]
    assert not any("127.0.0.1" in line for line in lines)
