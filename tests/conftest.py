import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

FIXTURES = ("organisations", "contacts", "projects", "events", "legal")

# The project and the event of the fixtures, and (German URL, English URL)
# of every public content page; tests index PAGES by position.
PROJECT = "regionales-digitalisierungszentrum"
EVENT = "tournee-digital-auftakt-salzwedel"
PAGES = [
    ("/", "/en/"),
    ("/projekte/", "/en/projects/"),
    (f"/projekte/{PROJECT}/", f"/en/projects/{PROJECT}/"),
    ("/ansprechpartner/", "/en/contacts/"),
    ("/veranstaltungen/", "/en/events/"),
    (f"/veranstaltungen/{EVENT}/", f"/en/events/{EVENT}/"),
]


@pytest.fixture(scope="session")
def _empty_static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("staticfiles")


@pytest.fixture(autouse=True)
def _fast_test_settings(settings, _empty_static_root):
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


@pytest.fixture
def content(db):
    """The site's real content, loaded the way a developer loads it."""
    call_command("loaddata", *FIXTURES, verbosity=0)


@pytest.fixture
def redaktion_client(db, django_user_model):
    """A client signed in as an editor of the "Redaktion" group: staff, not a
    superuser, with exactly the group's permissions. `client.user` is the user."""
    user = django_user_model.objects.create_user(
        "redakteurin", "r@example.org", "redaktion-123-geheim", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Redaktion"))
    client = Client()
    client.force_login(user)
    client.user = user
    return client
