"""Admin hardening: login throttling with a clear lockout page, and the
"Redaktion" group with exactly the permissions editors need."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from contacts.models import Contact
from tests.conftest import recovery_code

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "richtig-123-geheim"


@pytest.fixture
def chef(db, django_user_model):
    return django_user_model.objects.create_superuser("chef", "chef@example.org", PASSWORD)


def login(client, username, password, ip="192.0.2.10"):
    """The admin's login form, with a valid second factor."""
    user = get_user_model().objects.get(username=username)
    data = {"username": username, "password": password, "otp_token": recovery_code(user)}
    return client.post(LOGIN, data, REMOTE_ADDR=ip)


def test_five_failures_lock_out_that_user_from_that_address(client, chef):
    for _attempt in range(4):
        response = login(client, "chef", "falsch")
        assert response.status_code == 200
        assert "errornote" in response.content.decode()
    response = login(client, "chef", "falsch")
    assert response.status_code == 429
    # Locked: even the right password is refused now.
    response = login(client, "chef", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert '<section lang="de">' in html and '<section lang="en">' in html
    assert "Anmeldung vorübergehend gesperrt" in html
    assert "Login temporarily blocked" in html
    assert "15 Minuten" in html and "15 minutes" in html
    assert "5-mal" in html and "5 times" in html
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_lockout_does_not_hit_other_users_or_addresses(client, chef, django_user_model):
    django_user_model.objects.create_superuser("kollegin", "k@example.org", PASSWORD)
    for _attempt in range(5):
        login(client, "chef", "falsch")
    assert login(client, "chef", PASSWORD).status_code == 429
    assert login(Client(), "kollegin", PASSWORD).status_code == 302
    assert login(Client(), "chef", PASSWORD, ip="198.51.100.7").status_code == 302


def test_a_successful_login_resets_the_count(client, chef):
    for _attempt in range(4):
        login(client, "chef", "falsch")
    assert login(client, "chef", PASSWORD).status_code == 302
    other = Client()
    for _attempt in range(4):
        assert login(other, "chef", "falsch").status_code == 200


def test_client_address_behind_a_proxy_is_the_one_the_proxy_saw(client, chef, settings):
    settings.PROXY_COUNT = 1
    for attempt in range(5):
        # The client forges the left entries; the proxy appended the right one.
        client.post(
            LOGIN,
            {"username": "chef", "password": "falsch"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{attempt}, 203.0.113.9",
        )
    response = client.post(
        LOGIN,
        {"username": "chef", "password": PASSWORD, "otp_token": recovery_code(chef)},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.9",
    )
    assert response.status_code == 429
    other = Client().post(
        LOGIN,
        {"username": "chef", "password": PASSWORD, "otp_token": recovery_code(chef)},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert other.status_code == 302


# The "Redaktion" group ------------------------------------------------------------

CONTENT = {
    "contacts": ("organisation", "contact"),
    "projects": ("project", "goal", "result", "milestone", "funding", "event"),
}


def expected_codenames():
    codenames = {
        f"{action}_{model}"
        for models in CONTENT.values()
        for model in models
        for action in ("add", "change", "delete", "view")
    }
    codenames |= {"add_legalpage", "change_legalpage", "view_legalpage"}
    codenames |= {f"{action}_limitation" for action in ("add", "change", "delete", "view")}
    codenames |= {"change_feedback", "delete_feedback", "view_feedback"}
    # Publishing is a right of its own, which the Redaktion keeps.
    codenames |= {
        f"publish_{model}" for model in ("project", "event", "contact", "organisation", "legalpage")
    }
    # The broken links: made by manage.py check_links, only looked at.
    codenames |= {"view_brokenlink"}
    return codenames


def test_migration_creates_the_redaktion_group_with_exactly_the_content_permissions(db):
    group = Group.objects.get(name="Redaktion")
    permissions = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert {codename for _app, codename in permissions} == expected_codenames()
    assert {app for app, _codename in permissions} == {"contacts", "projects", "legal", "links"}
    # Nothing on accounts, sessions or the login log.
    assert not Permission.objects.filter(
        group=group, content_type__app_label__in=("auth", "sessions", "axes", "admin")
    ).exists()


@pytest.fixture
def editor_client(content, redaktion_client):
    return redaktion_client


EDITABLE = (
    "admin:contacts_contact_changelist",
    "admin:contacts_contact_add",
    "admin:contacts_organisation_changelist",
    "admin:projects_project_changelist",
    "admin:projects_event_add",
    "admin:legal_legalpage_changelist",
)
ACCOUNTS = ("admin:auth_user_changelist", "admin:auth_user_add", "admin:auth_group_changelist")


def test_editors_can_edit_content_but_not_accounts(editor_client):
    for url_name in EDITABLE:
        assert editor_client.get(reverse(url_name)).status_code == 200, url_name
    contact = Contact.objects.first()
    response = editor_client.get(reverse("admin:contacts_contact_change", args=[contact.pk]))
    assert response.status_code == 200
    assert 'name="_save"' in response.content.decode()
    for url_name in ACCOUNTS:
        assert editor_client.get(reverse(url_name)).status_code == 403, url_name
