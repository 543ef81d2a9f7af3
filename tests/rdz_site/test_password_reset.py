"""A forgotten password is reset by e-mail from the admin's login page, in
German, with Django's own views; requests are limited in the cache."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache

from tests.conftest import sign_in

NEW_PASSWORD = "Altmark-Sonne-2027!"


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user(
        "redakteurin", "redaktion@example.org", "altes-Passwort-123", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Redaktion"))
    return user


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_login_page_offers_a_reset(client, db):
    html = client.get("/admin/login/").content.decode()
    assert '<a href="/admin/password-reset/">Passwort vergessen?</a>' in html


def test_a_reset_by_e_mail_sets_a_new_password(client, editor):
    form = client.get("/admin/password-reset/")
    assert "RDZ Altmarkkreis Salzwedel" in form.content.decode()  # the admin's header
    response = client.post("/admin/password-reset/", {"email": "Redaktion@example.org"})
    assert response.status_code == 302
    assert "E-Mail" in client.get(response.url).content.decode()
    (message,) = mail.outbox
    assert message.to == ["redaktion@example.org"]
    assert message.subject == "Neues Passwort für die RDZ-Redaktion"
    assert "innerhalb von 3 Tagen" in message.body
    assert "Ihr Benutzername: redakteurin" in message.body
    assert "forgotten" not in message.body  # German throughout
    link = re.search(r"http://testserver(/admin/password-reset/\S+/\S+/)", message.body).group(1)
    form_url = client.get(link).url  # Django moves the token into the session
    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert client.get(done.url).status_code == 200
    # The new password signs in, with the second factor as always.
    sign_in(client, editor, NEW_PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_requests_are_limited_per_address(client, editor):
    for _attempt in range(3):
        assert client.post("/admin/password-reset/", {"email": editor.email}).status_code == 302
    response = client.post("/admin/password-reset/", {"email": editor.email})
    assert response.status_code == 429
    assert "Zu viele Anfragen nach einem neuen Passwort" in response.content.decode()
    assert len(mail.outbox) == 3


def test_requests_are_limited_per_network_for_unknown_addresses_too(client, editor):
    for number in range(10):
        response = client.post("/admin/password-reset/", {"email": f"n{number}@example.org"})
        assert response.status_code == 302
    assert client.post("/admin/password-reset/", {"email": editor.email}).status_code == 429
    assert mail.outbox == []


def test_the_reset_pages_do_not_read_like_a_locked_account(client, db):
    html = client.get("/admin/password-reset/").content.decode()
    assert "nicht die nötigen Rechte" not in html
    assert 'id="nav-sidebar"' not in html


def test_the_new_password_page_names_the_rules(client, editor):
    client.post("/admin/password-reset/", {"email": editor.email})
    link = re.search(r"http://testserver(/admin/password-reset/\S+/\S+/)", mail.outbox[0].body)
    form = client.get(client.get(link.group(1)).url).content.decode()
    assert "mindestens 12 Zeichen" in form
    assert 'aria-describedby="id_new_password1_helptext"' in form


def test_signing_out_says_so_plainly(redaktion_client):
    html = redaktion_client.post("/admin/logout/").content.decode()
    assert "Sie sind abgemeldet." in html
    assert "nette Minuten" not in html
