"""Production settings: with DJANGO_HTTPS=true and a real secret key
`check --deploy` reports no warning of Django's own; without it the site still
works over plain HTTP on a laptop."""

import errno
import io
import os
import runpy
import secrets
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from tests.conftest import recovery_code

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "rdz_site" / "settings.py"
SECURITY_SETTINGS = (
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
    "PAGE_CACHE_STAFF_COOKIE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_REDIRECT_EXEMPT",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "SILENCED_SYSTEM_CHECKS",
    "PROXY_COUNT",
    "SITE_URL",
)


def load_settings(monkeypatch, **environ):
    """Execute rdz_site/settings.py with these environment variables and
    return its security settings."""
    for name in (
        "DJANGO_HTTPS",
        "DJANGO_SECURE_PROXY_SSL_HEADER",
        "DJANGO_DEBUG",
        "DJANGO_PROXY_COUNT",
        "SITE_URL",
        "HOST",
        "PORT",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    namespace = runpy.run_path(str(SETTINGS_FILE))
    return {name: namespace[name] for name in SECURITY_SETTINGS if name in namespace}


@pytest.fixture
def production(monkeypatch, settings):
    values = load_settings(
        monkeypatch,
        DJANGO_HTTPS="true",
        DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        DJANGO_PROXY_COUNT="1",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="rdz.example.org",
    )
    for name, value in values.items():
        setattr(settings, name, value)
    return values


def test_deploy_check_is_clean_with_production_settings(db, production, settings):
    # The legal pages' missing facts are Errors (legal/checks.py) and would stop
    # the command; this test is about the settings, so it reports them without
    # stopping, and asserts that they are the only Errors.
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("check", deploy=True, fail_level="CRITICAL", stdout=stdout, stderr=stderr)
    output = stdout.getvalue() + stderr.getvalue()
    assert "security.W" not in output, output
    errors = [
        message.id
        for message in run_checks(include_deployment_checks=True)
        if message.is_serious() and message.id not in settings.SILENCED_SYSTEM_CHECKS
    ]
    assert errors and all(error.startswith("legal.E") for error in errors), errors
    django_warnings = [
        message.id
        for message in run_checks(include_deployment_checks=True)
        if message.id.startswith(("security.", "axes.", "csp.", "core."))
        and message.id not in settings.SILENCED_SYSTEM_CHECKS
    ]
    assert django_warnings == []


def test_defaults_are_for_plain_http_on_a_laptop(monkeypatch):
    values = load_settings(monkeypatch)
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert "SECURE_PROXY_SSL_HEADER" not in values


def test_behind_the_proxy_https_gets_hsts(client, db, production):
    response = client.get("/healthz", HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="rdz.example.org")
    assert response.status_code == 200
    # Not includeSubDomains, not preload: they would force HTTPS on every
    # other service of the county's domain.
    assert response["Strict-Transport-Security"] == "max-age=31536000"


def test_hsts_for_subdomains_and_preload_is_opt_in(monkeypatch):
    values = load_settings(
        monkeypatch,
        DJANGO_HTTPS="true",
        DJANGO_HSTS_INCLUDE_SUBDOMAINS="true",
        DJANGO_HSTS_PRELOAD="true",
    )
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SILENCED_SYSTEM_CHECKS"] == []


def test_site_url_follows_host_and_port_unless_set(monkeypatch):
    assert load_settings(monkeypatch, PORT="8102")["SITE_URL"] == "http://127.0.0.1:8102"
    values = load_settings(monkeypatch, PORT="8102", SITE_URL="https://rdz.example.org/")
    assert values["SITE_URL"] == "https://rdz.example.org"


def test_deploy_check_warns_when_proxy_addresses_are_not_trusted(db, production, settings):
    """Behind a proxy with DJANGO_PROXY_COUNT=0 every visitor has the
    proxy's address: one bucket for the login throttle of all editors."""
    settings.PROXY_COUNT = 0
    ids = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "core.W001" in ids
    settings.PROXY_COUNT = 1
    assert "core.W001" not in [m.id for m in run_checks(include_deployment_checks=True)]


def test_plain_http_is_redirected_to_https(client, db, production):
    response = client.get("/en/", HTTP_HOST="rdz.example.org")
    assert response.status_code == 301
    assert response["Location"] == "https://rdz.example.org/en/"
    assert "Strict-Transport-Security" not in response


def test_healthz_answers_over_plain_http_for_the_load_balancer(client, db, production):
    response = client.get("/healthz", HTTP_HOST="rdz.example.org")
    assert response.status_code == 200


def test_admin_cookies_are_secure_and_httponly(client, db, production, django_user_model):
    chef = django_user_model.objects.create_superuser("chef", "chef@example.org", "pw-123-secret")
    https = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "rdz.example.org"}
    client.get("/admin/login/", **https)
    login = {"username": "chef", "password": "pw-123-secret", "otp_token": recovery_code(chef)}
    response = client.post("/admin/login/?next=/admin/", login, **https)
    assert response.status_code == 302
    for name in ("__Host-sessionid", "__Host-csrftoken", "__Host-staff"):
        cookie = response.cookies[name] if name in response.cookies else client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name
        assert cookie["path"] == "/" and not cookie["domain"], name


def test_an_unwritable_secret_key_file_gives_a_clear_error(monkeypatch, tmp_path):
    """A read-only app folder (systemd's ProtectSystem=strict) and no key."""

    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setenv("DJANGO_SECRET_KEY", "")
    monkeypatch.setenv("DJANGO_SECRET_KEY_FILE", str(tmp_path / ".secret_key"))
    monkeypatch.setattr(Path, "write_text", read_only)
    with pytest.raises(
        ImproperlyConfigured, match="DJANGO_SECRET_KEY is empty .*Read-only file system"
    ):
        load_settings(monkeypatch)
