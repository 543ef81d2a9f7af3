"""Staff accounts resist guessing: strong passwords, a lockout per user name
besides the (user name, network) pair, IPv6 counted per network, and a
second factor (authenticator app or single-use recovery code)."""

import io

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import recovery_code

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "richtig-123-geheim"


@pytest.fixture
def chef(db, django_user_model):
    return django_user_model.objects.create_superuser("chef", "chef@example.org", PASSWORD)


def login(password, ip, code="", username="chef", client=None):
    data = {"username": username, "password": password, "otp_token": code}
    return (client or Client()).post(LOGIN, data, REMOTE_ADDR=ip)


@pytest.mark.parametrize("password", ["1", "kurz-1234", "123456789012", "chef.example.org"])
def test_weak_passwords_are_refused(chef, password):
    with pytest.raises(ValidationError):
        validate_password(password, chef)
    validate_password("Bürgerbefragung im Altmarkkreis", chef)


def test_the_password_change_form_refuses_a_weak_password(redaktion_client):
    response = redaktion_client.post(
        "/admin/password_change/",
        {"old_password": "redaktion-123-geheim", "new_password1": "1", "new_password2": "1"},
    )
    assert response.status_code == 200
    assert "mindestens 12 Zeichen" in response.content.decode()


def test_many_addresses_guessing_one_user_name_lock_it_out(chef):
    statuses = [
        login("falsch", f"198.51.{network}.7").status_code
        for network in range(6)
        for _attempt in range(4)
    ]
    assert statuses == [200] * 19 + [429] * 5
    assert login(PASSWORD, "203.0.113.1", recovery_code(chef)).status_code == 429


def test_one_ipv6_network_counts_as_one_address(chef):
    for host in range(5):
        login("falsch", f"2001:db8:abcd:12::{host + 1}")
    assert login(PASSWORD, "2001:db8:abcd:99::7", recovery_code(chef)).status_code == 429
    assert login(PASSWORD, "2001:db8:ffff::1", recovery_code(chef)).status_code == 302


def test_login_records_keep_only_shortened_addresses(chef):
    login("falsch", "192.0.2.77")
    login("falsch", "2001:db8:abcd:12:3456::1")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "192.0.2.0",
        "2001:db8:abcd::",
    }


def test_a_login_without_an_address_is_counted_without_one(chef):
    """Behind a Unix socket a request may carry no address at all."""
    assert login("falsch", "").status_code == 200
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [None]
    assert login(PASSWORD, "", recovery_code(chef)).status_code == 302


def test_a_password_alone_does_not_open_the_admin(chef):
    response = login(PASSWORD, "192.0.2.1")
    assert response.status_code == 200
    assert "_auth_user_id" not in response.wsgi_request.session
    response = login(PASSWORD, "192.0.2.1", "000000")
    assert "Dieser Code ist nicht gültig" in response.content.decode()
    # The limit the lockout applies, as the editors' guide states it.
    assert (
        "Nach 5 falschen Passwörtern oder Codes hintereinander ist die Anmeldung "
        "für 15 Minuten gesperrt." in response.content.decode()
    )
    assert AccessAttempt.objects.filter(username="chef").exists()


def test_a_recovery_code_works_once(chef):
    code = recovery_code(chef)
    assert login(PASSWORD, "192.0.2.1", code.upper()).status_code == 302
    assert login(PASSWORD, "192.0.2.1", code).status_code == 200


def test_the_app_code_opens_the_admin(chef):
    device = TOTPDevice.objects.create(user=chef, name="App", confirmed=True)
    client = Client()
    assert (
        login(PASSWORD, "192.0.2.1", f"{totp(device.bin_key):06d}", client=client).status_code
        == 302
    )
    assert client.get("/admin/").status_code == 200


def test_a_session_without_a_second_factor_is_not_let_in(client, chef):
    client.force_login(chef)
    assert client.get("/admin/").status_code == 302


def test_switching_it_off_is_warned_about(client, chef, settings):
    settings.ADMIN_TWO_FACTOR = False
    assert login(PASSWORD, "192.0.2.1", client=client).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert "core.W002" in {message.id for message in run_checks(include_deployment_checks=True)}
    settings.ADMIN_TWO_FACTOR = True
    assert "core.W002" not in {message.id for message in run_checks(include_deployment_checks=True)}


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_createsuperuser_refuses_a_weak_password(db, monkeypatch, django_user_model):
    from django.contrib.auth.management.commands import createsuperuser

    answers = iter(["neu", "neu@example.org", "n"])  # user name, e-mail, "bypass?"
    passwords = iter(["1", "1", *["Bürgerbefragung im Altmarkkreis"] * 2])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr(createsuperuser.getpass, "getpass", lambda prompt="": next(passwords))
    errors = io.StringIO()
    with translation.override("en"):
        call_command("createsuperuser", interactive=True, stdin=Terminal(), stderr=errors)
    assert "too short" in errors.getvalue() and "entirely numeric" in errors.getvalue()
    assert django_user_model.objects.get(username="neu").check_password(
        "Bürgerbefragung im Altmarkkreis"
    )
