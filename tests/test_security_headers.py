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


def test_policy_is_built_once_and_follows_setting_changes(client, db, settings):
    first = client.get(reverse("admin:login"))["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    changed = client.get(reverse("admin:login"))["Content-Security-Policy"]
    assert changed == "default-src 'none'" != first


def test_healthz_has_the_headers_too(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert_security_headers(response)
