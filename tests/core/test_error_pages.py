import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from core.views import server_error
from rdz_site import urls


@pytest.mark.parametrize(
    ("url", "language", "heading", "home"),
    [
        ("/gibt-es-nicht/", "de", "Seite nicht gefunden", "/"),
        ("/en/does-not-exist/", "en", "Page not found", "/en/"),
    ],
)
def test_404_in_the_site_layout_and_language(client, db, url, language, heading, home):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert 'class="site-header' in html and 'class="site-footer' in html
    links = html[html.index('class="error-links"') :]
    assert f'href="{home}"' in links
    with translation.override(language):
        try:
            search = reverse("search")
        except Exception:  # search is built separately; the page links it once it exists
            search = None
    if search:
        assert f'href="{search}"' in links
    assert "Traceback" not in html


def test_500_renders_without_database_or_context_processors():
    # No `db` fixture: any database access here would raise.
    assert urls.handler500 == "core.views.server_error"
    request = RequestFactory().get("/en/projects/")
    with translation.override("en"):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="en">' in html
    assert "<h1>Server error</h1>" in html
    assert 'href="/en/"' in html
    assert 'href="/" hreflang="de"' in html  # switcher: German home page


def test_500_in_german():
    with translation.override("de"):
        response = server_error(RequestFactory().get("/projekte/"))
    html = response.content.decode()
    assert "<h1>Serverfehler</h1>" in html and '<html lang="de">' in html


def test_400_for_a_bad_host_header(db):
    response = Client().get("/en/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.content.decode()


def test_403_for_a_missing_csrf_token_explains_what_to_do(db):
    response = Client(enforce_csrf_checks=True).post(
        "/barrierefreiheit/feedback/", {"page": "/", "message": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Das Formular konnte nicht gesendet werden</h1>" in html
    assert 'href="/barrierefreiheit/feedback/"' in html
