"""Every editor sets up the authenticator app and makes recovery codes on a
page of their own, without help and without inline code (strict CSP)."""

import re

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import sign_in

PAGE = "/admin/two-factor/"


def test_an_editor_sets_up_the_app(redaktion_client):
    html = redaktion_client.get(PAGE).content.decode()
    assert "Zwei-Faktor-Anmeldung" in html and "Noch nicht eingerichtet" in html
    html = redaktion_client.post(PAGE, {"action": "start"}).content.decode()
    assert "<svg" in html and " style=" not in html and "<script>" not in html
    device = TOTPDevice.objects.get(user=redaktion_client.user)
    assert not device.confirmed
    code = f"{totp(device.bin_key):06d}"
    response = redaktion_client.post(PAGE, {"action": "confirm", "code": code})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    # The app now opens the admin in a new browser.
    user = redaktion_client.user
    fresh = Client().post(
        "/admin/login/",
        {
            "username": user.username,
            "password": "redaktion-123-geheim",
            "otp_token": f"{totp(device.bin_key, drift=1):06d}",
        },
    )
    assert fresh.status_code == 302


def test_a_wrong_code_does_not_confirm_the_app(redaktion_client):
    redaktion_client.post(PAGE, {"action": "start"})
    wrong = redaktion_client.post(PAGE, {"action": "confirm", "code": "000000"})
    assert "nicht gültig" in wrong.content.decode() and "<svg" in wrong.content.decode()
    # Scanned before a reload, the old key is void: the message says what to do.
    assert "Löschen Sie den Eintrag in der App und scannen Sie den QR-Code auf dieser Seite." in (
        wrong.content.decode()
    )
    assert not TOTPDevice.objects.get(user=redaktion_client.user).confirmed


def test_new_recovery_codes_replace_the_old_ones(redaktion_client):
    html = redaktion_client.post(PAGE, {"action": "recovery"}).content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", html)
    assert len(codes) == 10
    assert "10 unbenutzte Wiederherstellungscodes" in redaktion_client.get(PAGE).content.decode()
    user = redaktion_client.user
    assert sign_in(Client(), user, "redaktion-123-geheim") is not None
    response = Client().post(
        "/admin/login/",
        {"username": user.username, "password": "redaktion-123-geheim", "otp_token": codes[0]},
    )
    assert response.status_code == 302


def test_the_page_needs_a_verified_login(client, django_user_model):
    user = django_user_model.objects.create_user("neu", "n@example.org", "x", is_staff=True)
    client.force_login(user)
    assert client.get(PAGE).status_code == 302
