import dj_database_url
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from tests.servers import make_site_database


def pytest_collection_modifyitems(config, items):
    # The browser tests share one live server, browser and crawl per worker
    # (tests/browser/conftest.py); with pytest-xdist's --dist loadgroup
    # (make test) they all run on one worker, the other tests on the rest.
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


FIXTURES = ("organisations", "contacts", "projects", "events", "legal")
# The site's address in tests of absolute URLs (feeds, calendars, cards,
# sitemaps, structured data): modules that need it use the `site_url` fixture.
SITE = "https://rdz.example.org"

# The project and the event of the fixtures, and (German URL, English URL)
# of every public content page; tests index PAGES by position.
PROJECT = "regionales-digitalisierungszentrum"
EVENT = "tournee-digital-auftakt-salzwedel"
PAGES = [
    ("/", "/en/"),
    ("/projekte/", "/en/projects/"),
    (f"/projekte/{PROJECT}/", f"/en/projects/{PROJECT}/"),
    ("/ansprechpersonen/", "/en/contacts/"),
    ("/veranstaltungen/", "/en/events/"),
    (f"/veranstaltungen/{EVENT}/", f"/en/events/{EVENT}/"),
]


@pytest.fixture(scope="session")
def _empty_static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("staticfiles")


@pytest.fixture(autouse=True)
def _fast_test_settings(settings, _empty_static_root):
    # The feedback form's staff e-mail in the request, so that tests read it
    # from the outbox at once (a server sends it in a thread of its own).
    settings.FEEDBACK_MAIL_IN_THREAD = False
    # Hashed static names need collectstatic's manifest; tests that check the
    # real storage set it up themselves.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # WhiteNoise warns on every request when STATIC_ROOT does not exist yet.
    settings.STATIC_ROOT = _empty_static_root
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests see freshly rendered pages; tests/pagecache/test_page_cache.py turns it on.
    settings.PAGE_CACHE_ENABLED = False


def on_test_database():
    """Whether the default connection is on the database made for this run.
    pytest-django makes it only when a collected test asks for the database
    (the `db`, `transactional_db` or `live_server` fixture, or the django_db
    mark); otherwise the connection still names the configured database,
    which no test may touch."""
    return connection.settings_dict["NAME"] != dj_database_url.parse(settings.DATABASE_URL)["NAME"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the site's real content from the start,
    loaded once the way a developer loads it; each test's transaction is
    rolled back, so every test finds it as loaded."""
    if not on_test_database():
        return
    with django_db_blocker.unblock():
        call_command("loaddata", *FIXTURES, verbosity=0)


@pytest.fixture(scope="session")
def site_database(tmp_path_factory):
    """A SQLite file with the migrated schema and the content, for the tests
    that run the site in separate processes; each copies it
    (tests.servers.copy_database) and never changes this one."""
    return make_site_database(tmp_path_factory.mktemp("site") / "db.sqlite3", FIXTURES)


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE
    return SITE


@pytest.fixture
def page_cache(settings):
    """The page cache on (the suite runs with it off), empty before and after."""
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def content(request, db):
    """The site's real content, for tests that rely on it. The database is
    emptied after every test with transaction=True (pytest-django runs those
    last), so such a test loads the content again."""
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        call_command("loaddata", *FIXTURES, verbosity=0)


@pytest.fixture
def empty_site(db):
    """A site before any content is loaded: this test's transaction deletes
    the content (and so its search entries) and is rolled back after it."""
    for label in (
        "projects.Event",
        "projects.Project",
        "legal.LegalPage",
        "contacts.Contact",
        "contacts.Organisation",
    ):
        apps.get_model(label).objects.all().delete()


def recovery_code(user):
    """A new single-use recovery code of `user`, as the operator makes one
    with `manage.py addstatictoken`."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="Test")
    return device.token_set.create(token=StaticToken.random_token()).token


def sign_in(client, user, password):
    """Signs `client` in through the admin's real login: user name,
    password and a second factor (a recovery code)."""
    response = client.post(
        "/admin/login/",
        {"username": user.get_username(), "password": password, "otp_token": recovery_code(user)},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    client.user = user
    return client


@pytest.fixture
def redaktion_client(db, django_user_model):
    """A client signed in as an editor of the "Redaktion" group: staff, not a
    superuser, with exactly the group's permissions, through the real login
    with a code. `client.user` is the user."""
    password = "redaktion-123-geheim"
    user = django_user_model.objects.create_user(
        "redakteurin", "r@example.org", password, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Redaktion"))
    return sign_in(Client(), user, password)


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin_client, signed in through the real login with
    a code instead of force_login (the admin wants a second factor)."""
    return sign_in(Client(), admin_user, "password")
