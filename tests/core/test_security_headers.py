"""Every response carries the security headers: a strict Content-Security-
Policy (also on the admin, which needs no relaxation), nosniff, a referrer
policy, a permissions policy, COOP and no framing."""

import pytest
from django.urls import reverse
from django.utils import translation

PUBLIC_PAGES = ("home", "projects:list", "events:list", "contacts:list")


def page_urls():
    urls = []
    for language in ("de", "en"):
        with translation.override(language):
            urls += [reverse(name) for name in PUBLIC_PAGES]
    return urls


def csp_directives(response):
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_security_headers(response):
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert "Content-Security-Policy-Report-Only" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = dict(
        item.strip().split("=") for item in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "interest-cohort", "payment", "usb"):
        assert permissions[feature] == "()", feature


@pytest.mark.parametrize("url", page_urls())
def test_public_pages_send_every_security_header(client, content, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_security_headers(response)


@pytest.mark.parametrize("url", ["/gibt-es-nicht/", "/en/does-not-exist/"])
def test_error_pages_send_them_too(client, content, url):
    response = client.get(url)
    assert response.status_code == 404
    assert_security_headers(response)


def test_admin_login_sends_the_same_strict_policy(client, db):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert_security_headers(response)
    # The admin works without inline code: the login page has none.
    html = response.content.decode()
    assert "<script>" not in html and " style=" not in html and " onclick=" not in html


def test_admin_change_form_needs_no_inline_code(admin_client, content):
    from contacts.models import Contact

    contact = Contact.objects.first()
    response = admin_client.get(reverse("admin:contacts_contact_change", args=[contact.pk]))
    assert response.status_code == 200
    assert_security_headers(response)
    html = response.content.decode()
    # Scripts only from our own server (the translation tabs' jQuery UI
    # included); an inline <script> may only be JSON data, which isn't run.
    for chunk in html.split("<script")[1:]:
        tag = chunk.split(">", 1)[0]
        assert ' src="/' in tag or 'type="application/json"' in tag, tag
    assert " style=" not in html
    assert "vendor/jquery-ui/jquery-ui.min.js" in html


def test_policy_follows_setting_changes(client, db, settings):
    first = client.get(reverse("admin:login"))["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    changed = client.get(reverse("admin:login"))["Content-Security-Policy"]
    assert changed == "default-src 'none'" != first


def test_healthz_has_the_headers_too(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert_security_headers(response)


@pytest.mark.parametrize("url", ["/", "/en/", "/projekte/", "/en/events/", "/impressum/"])
def test_the_url_decides_the_language_not_accept_language(client, content, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en" if url.startswith("/en/") else "de")
    assert "accept-language" not in response.get("Vary", "").lower()
    other = client.get(url, HTTP_ACCEPT_LANGUAGE="fr, en;q=0.5")
    assert other.content == response.content


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
@pytest.mark.parametrize("url", ["/", "/projekte/", "/en/events/", "/barrierefreiheit/feedback/"])
def test_unsupported_methods_answer_405_with_allow(client, content, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    allowed = {name.strip() for name in response["Allow"].split(",")}
    assert {"GET", "HEAD"} <= allowed
    assert method.upper() not in allowed
    assert ("POST" in allowed) == url.endswith("/feedback/")


def test_a_body_over_the_feedback_limit_gets_413_and_is_not_parsed(client, db):
    body = b"x" * (65 * 1024)
    response = client.generic(
        "POST",
        "/barrierefreiheit/feedback/",
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert "<h1>" in response.content.decode()
