"""What the app tells a shared cache (nginx in front, deploy/nginx/): public
pages may be kept until the next full second (X-Accel-Expires) and served
while the app servers fail (stale-if-error); browsers still revalidate.
Everything that differs per visitor or staff member is private."""

import datetime
import runpy
import time
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from projects.models import Project
from tests.conftest import PAGES, PROJECT
from tests.factories import make_event

FEEDBACK = "/barrierefreiheit/feedback/"


def assert_shared(response, before, after):
    assert response["Cache-Control"] == "max-age=0, s-maxage=1, stale-if-error=86400"
    second = response["X-Accel-Expires"]
    assert second.startswith("@") and int(before) <= int(second[1:]) <= after


def assert_private(response):
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "X-Accel-Expires" not in response


@pytest.mark.parametrize("url", [url for pair in PAGES for url in pair])
def test_public_pages_may_be_kept_until_the_next_second(client, content, url):
    before = time.time()
    response = client.get(url)
    assert response.status_code == 200
    assert_shared(response, before, time.time())


def test_hits_and_their_304s_keep_validators_and_say_the_same(client, content, page_cache):
    client.get("/en/")
    hit = client.get("/en/")
    assert hit["X-Page-Cache"] == "hit" and hit["ETag"] and hit["Last-Modified"]
    before = time.time()
    not_modified = client.get("/en/", headers={"If-None-Match": hit["ETag"]})
    assert not_modified.status_code == 304
    assert_shared(not_modified, before, time.time())


def test_a_signed_in_editor_gets_private_pages(redaktion_client):
    assert_private(redaktion_client.get("/"))
    assert_private(redaktion_client.get(f"/projekte/{PROJECT}/"))


def test_a_drafts_preview_is_private_and_not_stored(redaktion_client, content):
    project = Project.objects.get(slug=PROJECT)
    project.is_published = False
    project.save()
    response = redaktion_client.get(f"/projekte/{PROJECT}/")
    assert response.status_code == 200
    assert_private(response)
    assert "no-store" in response["Cache-Control"]


def test_the_feedback_form_is_never_stored_without_or_with_a_csrf_cookie(client, content):
    first = client.get(FEEDBACK)
    assert_private(first)
    assert "no-store" in first["Cache-Control"]
    assert client.cookies.get("csrftoken")
    # A visitor who has the cookie: the token in the form is bound to it.
    again = client.get(FEEDBACK)
    assert_private(again)
    assert "no-store" in again["Cache-Control"]


def test_search_results_admin_and_errors_are_private(client, admin_client, content):
    assert_private(client.get(reverse("search"), {"q": "Digital"}))
    assert_private(admin_client.get("/admin/"))
    assert_private(client.get("/admin/login/"))
    assert_private(client.get("/nicht-da/"))
    # A static file missing during a rolling release must not stick.
    missing = client.get("/static/css/site.0123456789ab.css")
    assert missing.status_code == 404
    assert_private(missing)


def test_a_search_page_without_a_query_is_public(client, content):
    before = time.time()
    assert_shared(client.get(reverse("search")), before, time.time())


@pytest.mark.parametrize(
    ("query", "shared"),
    [
        ("page=2", True),
        ("page=2&utm_source=x", True),
        ("utm_source=x", True),
        ("PAGE=2", False),  # nginx's $arg_page ignores case, the view does not
        ("page=3&page=2", False),  # nginx takes the first, the view the last
        ("pag%65=2", False),  # nginx does not decode the name
        ("page=%32", False),
        ("page=02", False),
        ("page=1", False),
    ],
)
def test_page_numbers_only_as_nginx_keys_them(client, content, query, shared):
    for number in range(11):
        make_event(slug=f"alt-{number}", start_date=timezone.localdate() - datetime.timedelta(30))
    response = client.get(f"/veranstaltungen/?{query}")
    if shared:
        assert response.status_code == 200
        assert "X-Accel-Expires" in response
    else:
        assert_private(response)


def test_a_grace_for_refreshes_is_said_when_configured(client, content, settings):
    settings.SHARED_CACHE_STALE_WHILE_REVALIDATE = 1
    response = client.get("/")
    assert "stale-while-revalidate=1," in response["Cache-Control"]


def test_the_grace_is_0_or_1_and_anything_else_is_named(monkeypatch):
    settings_file = Path(__file__).resolve().parents[2] / "rdz_site" / "settings.py"
    monkeypatch.setenv("DJANGO_SHARED_CACHE_GRACE", "1")
    assert runpy.run_path(str(settings_file))["SHARED_CACHE_STALE_WHILE_REVALIDATE"] == 1
    monkeypatch.setenv("DJANGO_SHARED_CACHE_GRACE", "yes")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SHARED_CACHE_GRACE must be 0 .* or 1"):
        runpy.run_path(str(settings_file))
