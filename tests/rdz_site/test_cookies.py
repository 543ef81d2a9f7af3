"""No cookies for visitors: no public page sets one, except the CSRF cookie
of a page that holds a POST form. Sessions exist only for staff."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlsplit

from django.conf import settings
from django.test import Client

MAX_PAGES = 300


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []
        self.post_forms = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.post_forms += 1


def local_path(url):
    """The path of a link on this site, or None for other sites, files and
    the admin."""
    url = urldefrag(url).url
    if url.startswith(settings.SITE_URL):
        url = url[len(settings.SITE_URL) :]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(("/admin/", settings.STATIC_URL, settings.MEDIA_URL)):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sitemap_paths(client):
    """Every address in the sitemap's sections (the index at /sitemap.xml
    lists them)."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert not index.cookies
    paths = set()
    for section in re.findall(r"<loc>([^<]+)</loc>", index.content.decode()):
        response = client.get(urlsplit(section).path, dict(parse_qsl(urlsplit(section).query)))
        assert response.status_code == 200
        assert not response.cookies
        found = re.findall(r'(?:<loc>|href=")([^<"]+)', response.content.decode())
        paths |= {local_path(url) for url in found}
    return paths - {None}


def test_no_public_page_sets_a_cookie_but_a_forms_csrf_cookie(content):
    client = Client()
    start = sitemap_paths(client) | {"/", "/en/"}
    assert len(start) > 10
    queue, seen, form_pages = sorted(start), set(start), []
    while queue:
        path = queue.pop()
        # A fresh visitor each time: no cookie from an earlier page helps.
        response = Client().get(path)
        assert response.status_code in (200, 301, 302), (path, response.status_code)
        content_type = response.get("Content-Type", "")
        parser = Links()
        if response.status_code == 200 and content_type.startswith("text/html"):
            parser.feed(response.content.decode())
        cookies = set(response.cookies)
        if parser.post_forms:
            form_pages.append(path)
            assert cookies <= {settings.CSRF_COOKIE_NAME}, (path, cookies)
        else:
            assert not cookies, (path, cookies)
        assert "Set-Cookie" not in response.headers or parser.post_forms, path
        for href in parser.hrefs:
            link = local_path(href)
            if link and link not in seen and len(seen) < MAX_PAGES:
                seen.add(link)
                queue.append(link)
    # The walk reached the pages of every section in both languages.
    for prefix in (
        "/projekte/",
        "/en/projects/",
        "/veranstaltungen/",
        "/en/events/",
        "/ansprechpersonen/",
        "/en/contacts/",
    ):
        assert any(path.startswith(prefix) for path in seen), prefix
    assert len(seen) < MAX_PAGES


def test_admin_login_keeps_csrf_and_a_session_only_after_login(client, db, django_user_model):
    response = client.get("/admin/login/")
    assert set(response.cookies) == {settings.CSRF_COOKIE_NAME}
    django_user_model.objects.create_superuser("chef", "chef@example.org", "pw-123-secret")
    csrf_client = Client(enforce_csrf_checks=True)
    refused = csrf_client.post("/admin/login/", {"username": "chef", "password": "pw-123-secret"})
    assert refused.status_code == 403
    assert settings.SESSION_COOKIE_NAME not in refused.cookies
