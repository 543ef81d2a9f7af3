"""Faults: with the database unreachable, pages answer 503 in the site's
layout (rendered without the database) and /healthz says what is wrong."""

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client

UNREACHABLE = "/nonexistent-directory/rdz/db.sqlite3"


@pytest.fixture
def database_down(django_db_blocker, monkeypatch):
    """Point the default connection at a database file that can't be opened,
    the way a missing volume or a wrong DATABASE_URL would."""
    with django_db_blocker.unblock():
        saved = connection.connection
        connection.connection = None
        monkeypatch.setitem(connection.settings_dict, "NAME", UNREACHABLE)
        try:
            yield
        finally:
            connection.connection = saved


@pytest.fixture
def client():
    # A server error must show up as the response it gives, not as an exception.
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("url", "language", "heading"),
    [
        ("/", "de", "Vorübergehend nicht erreichbar"),
        ("/en/", "en", "Temporarily unavailable"),
        ("/projekte/", "de", "Vorübergehend nicht erreichbar"),
        ("/en/events/", "en", "Temporarily unavailable"),
    ],
)
def test_pages_answer_503_in_the_site_layout(client, database_down, url, language, heading):
    response = client.get(url)
    assert response.status_code == 503
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert 'class="site-header' in html and 'class="site-footer' in html
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    assert "Content-Security-Policy" in response


def test_healthz_reports_the_database(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().splitlines()[:2] == ["database: unavailable", "cache: ok"]
    assert UNREACHABLE.encode() not in response.content
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_ok_while_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content.decode().splitlines() == [
        "database: ok",
        "cache: ok",
        f"version: {settings.RELEASE_VERSION}",
    ]
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_a_locked_database_gives_503(client, content, monkeypatch):
    """SQLite gives up after the busy timeout with "database is locked"."""
    from projects import views

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(views.ProjectListView, "get_queryset", locked)
    response = client.get("/en/projects/")
    assert response.status_code == 503
    assert "<h1>Temporarily unavailable</h1>" in response.content.decode()


def test_a_failing_middleware_gives_503_too(client, content, settings):
    """The page cache reads the content version in its middleware, before
    any view runs; a dead database there must not become a plain 500."""
    inside = (
        settings.MIDDLEWARE.index("core.database_unavailable.DatabaseUnavailableMiddleware") + 1
    )
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:inside],
        "tests.core.test_faults.LockedMiddleware",
        *settings.MIDDLEWARE[inside:],
    ]
    response = client.get("/")
    assert response.status_code == 503
    assert "<h1>Vorübergehend nicht erreichbar</h1>" in response.content.decode()


def test_other_errors_stay_server_errors(client, content, monkeypatch):
    from projects import views

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(views.ProjectListView, "get_queryset", broken)
    assert client.get("/projekte/").status_code == 500


class LockedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("database is locked")
