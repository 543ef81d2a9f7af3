"""Real-browser tests: Debian's Chromium driven by Playwright against a live
server with the real content.

One live server, one browser and one crawl serve the whole package: the
`site` fixture loads the fixtures once, starts the server and Chromium,
crawls the site from `/` and `/en/` and hands the pages to every test.
It does not use pytest-django's `live_server` fixture on purpose: that one
flushes the database after every test, so the content would have to be
loaded (and the site crawled) again for each of them.

Without Chromium (or Java and the vnu jar for the HTML check) the tests
are skipped with one line saying how to enable them; with
RDZ_REQUIRE_BROWSER=1 (set by .ci/run) a missing piece fails instead.
"""

import contextlib
import importlib.util
import os
import shutil
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection
from django.test.utils import (
    modify_settings,
    override_settings,
    setup_databases,
    teardown_databases,
)

from scripts import chromium
from scripts.chromium import CHROMIUM
from tests.conftest import (
    FIXTURES,  # the content the whole suite loads
    on_test_database,
    recovery_code,
)

from .checks import AXE_JS, FOCUSABLES_JS, FORMS_JS

BASE_DIR = Path(__file__).resolve().parents[2]
VNU_JAR = Path(
    os.environ.get("RDZ_VNU_JAR", BASE_DIR / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
)
REQUIRED = os.environ.get("RDZ_REQUIRE_BROWSER", "").lower() in {"1", "true", "yes"}
HOW_TO_ENABLE = "run `make browser-deps` to install them"

MAX_PAGES = 80
# Addresses that do not exist: the 404 page is checked like every other.
NOT_FOUND = ("/gibt-es-nicht/", "/en/does-not-exist/")
SEARCH_TERM = "Digital"  # occurs in the content in both languages
# Not pages: downloads, feeds, machine files, the admin, static files.
SKIP_SUFFIXES = (".ics", ".vcf", ".xml", ".atom", ".rss", ".txt", ".json", ".pdf", ".csv")
SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/.well-known/", "/healthz")
SKIP_SEGMENTS = {"feed", "feeds", "atom", "rss", "ical", "ics", "vcard"}

_missing = set()


def _missing_browser():
    missing = []
    if importlib.util.find_spec("playwright") is None:
        missing.append("the playwright package")
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"Chromium ({CHROMIUM})")
    return missing


def _missing_vnu():
    missing = []
    if shutil.which("java") is None:
        missing.append("Java")
    if not VNU_JAR.is_file():
        missing.append(f"the vnu jar ({VNU_JAR})")
    return missing


def require(missing):
    """Skip (or, where CI demands the browser tests, fail) when something is missing."""
    if not missing:
        return
    reason = f"missing {', '.join(missing)}; {HOW_TO_ENABLE}"
    if REQUIRED:
        pytest.fail(f"RDZ_REQUIRE_BROWSER is set but {reason}", pytrace=False)
    _missing.update(missing)
    pytest.skip(reason)


def pytest_terminal_summary(terminalreporter):
    if _missing:
        terminalreporter.write_line(
            f"Browser tests skipped: missing {', '.join(sorted(_missing))}; {HOW_TO_ENABLE}."
        )


@dataclass
class Page:
    url: str
    path: str
    lang: str
    status: int
    html: str
    requests: list = field(default_factory=list)  # every URL the page loaded
    failed: list = field(default_factory=list)  # resources that did not load
    cookies: list = field(default_factory=list)
    forms: list = field(default_factory=list)
    probe: bool = False  # a made-up address: the 404 page

    @property
    def expected_status(self):
        return 404 if self.probe else 200


class Site:
    def __init__(self, url, browser, pages):
        self.url = url
        self.browser = browser
        self.pages = pages

    def context(self, axe=False, **options):
        """A fresh browser context (with axe-core in every page if asked);
        close it when done."""
        # Reduced motion: no smooth scrolling or transitions between a key
        # press and the measurement that follows it.
        defaults = {"viewport": {"width": 1280, "height": 800}, "reduced_motion": "reduce"}
        context = self.browser.new_context(**{**defaults, **options})
        if axe:
            # An init script is sent to the browser once and, unlike an
            # injected <script>, is not subject to the page's CSP.
            context.add_init_script(path=AXE_JS)
        return context

    def pages_in(self, lang):
        """The pages in that language that answered as they should (the
        404 page included)."""
        return [
            page for page in self.pages if page.lang == lang and page.status == page.expected_status
        ]

    def forms(self, method):
        """(page, form) for every form of that method found on the crawled pages."""
        return [(p, f) for p in self.pages for f in p.forms if f["method"] == method]


def _page_url(href, origin):
    """The crawlable URL for a link, or None for other origins and non-pages."""
    parts = urlsplit(href)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    path = parts.path or "/"
    segments = {s.lower() for s in path.split("/")}
    if (
        path.startswith(SKIP_PREFIXES)
        or path.lower().endswith(SKIP_SUFFIXES)
        or segments & SKIP_SEGMENTS
    ):
        return None
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def crawl(browser, origin):
    """Visit every same-origin page reachable from / and /en/, and the 404
    page in both languages (GET forms are submitted once with a search term
    and once empty), recording for each page its source, the requests it
    caused and the cookies it set."""
    context = browser.new_context()
    requests, failures = [], []
    context.on("request", lambda request: requests.append(request.url))
    context.on(
        "response",
        lambda response: (
            failures.append(f"{response.url} HTTP {response.status}")
            if response.status >= 400 and response.request.resource_type != "document"
            else None
        ),
    )
    # A request the crawl itself cut short by moving on (Chromium fetches the
    # favicon after the load event) fails with ERR_ABORTED; that says nothing
    # about the page. Missing files still show up as HTTP errors above.
    context.on(
        "requestfailed",
        lambda request: (
            None
            if request.failure == "net::ERR_ABORTED"
            else failures.append(f"{request.url} {request.failure}")
        ),
    )
    tab = context.new_page()
    probes = {f"{origin}{path}" for path in NOT_FOUND}
    queue = deque([f"{origin}/", f"{origin}/en/", *sorted(probes)])
    queued = set(queue)
    pages = []
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        requests.clear()
        failures.clear()
        response = tab.goto(url, wait_until="load")
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        final = tab.url.split("#")[0]
        if final != url:  # redirected: record the page under its own address
            if final in queued:
                continue
            queued.add(final)
            url = final
        info = tab.evaluate(
            "() => ({lang: document.documentElement.lang,"
            " links: [...document.querySelectorAll('a[href]')].map((a) => a.href)})"
        )
        info["forms"] = tab.evaluate(FORMS_JS)
        parts = urlsplit(url)
        pages.append(
            Page(
                url=url,
                path=parts.path + (f"?{parts.query}" if parts.query else ""),
                lang=info["lang"],
                status=response.status,
                html=response.text(),
                requests=list(requests),
                failed=list(failures),
                cookies=context.cookies(),
                forms=info["forms"],
                probe=url in probes,
            )
        )
        context.clear_cookies()
        links = list(info["links"])
        for form in info["forms"]:
            if form["method"] == "get" and form["field"]:
                for term in (SEARCH_TERM, ""):
                    links.append(f"{form['action']}?{urlencode({form['field']: term})}")
        for link in links:
            target = _page_url(link, origin)
            if target and target not in queued:
                queued.add(target)
                queue.append(target)
    context.close()
    return pages


@pytest.fixture(scope="package")
def site(django_db_setup, django_db_blocker, _empty_static_root):
    require(_missing_browser())
    from playwright.sync_api import sync_playwright
    from pytest_django.live_server_helper import LiveServer

    with contextlib.ExitStack() as stack:
        # Playwright's sync API keeps an event loop in this thread, which
        # makes Django refuse ORM calls here; allow them for these tests only.
        stack.enter_context(_environ(DJANGO_ALLOW_ASYNC_UNSAFE="true"))
        stack.enter_context(
            # As in the rest of the suite: plain static storage (hashed
            # names would need collectstatic's manifest), no page cache.
            override_settings(
                PAGE_CACHE_ENABLED=False,
                STATIC_ROOT=_empty_static_root,
                STORAGES={
                    **settings.STORAGES,
                    "staticfiles": {
                        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
                    },
                },
            )
        )
        stack.enter_context(django_db_blocker.unblock())
        if not on_test_database():
            # No other collected test asked pytest-django for the database
            # (a browser file run alone): the test database is made here, as
            # pytest-django makes it, and the configured one stays untouched.
            databases = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
            stack.callback(teardown_databases, databases, verbosity=0)
        stack.callback(_restore_database, connection.creation.serialize_db_to_string())
        call_command("loaddata", *FIXTURES, verbosity=0)
        server = LiveServer("localhost")
        stack.callback(server.stop)
        stack.enter_context(modify_settings(ALLOWED_HOSTS={"append": "localhost"}))
        playwright = stack.enter_context(sync_playwright())
        browser = chromium.launch(playwright)
        stack.callback(browser.close)
        yield Site(server.url, browser, crawl(browser, server.url))


@dataclass
class FormRun:
    """A POST form used by keyboard alone: submitted empty (the error
    state), then filled in from the error summary and sent."""

    path: str
    url: str
    lang: str
    reached_submit: bool = False
    submitted: bool = False
    status: int = 0
    html: str = ""
    sent_path: str = ""
    sent_status: int = 0
    sent_html: str = ""

    def open(self, site):
        """A fresh tab showing the error state (served again from the stored
        answer, so that the form is posted only once); close its context."""
        context = site.context(axe=True)
        context.route(
            self.url,
            lambda route: route.fulfill(status=200, body=self.html, content_type="text/html"),
        )
        tab = context.new_page()
        tab.goto(self.url)
        return tab


SUBMIT_INDEX_JS = """() => window.__kb.findIndex((el) => el.form
  && el.form.method === 'post' && (el.type === 'submit' || el.type === 'image'))"""
# The focused element: its index among the focusables and, for an invalid
# text field, a valid value to type into it.
FOCUSED_FIELD_JS = """() => {
  const el = document.activeElement;
  const invalid = el.getAttribute('aria-invalid') === 'true'
    && (el.tagName === 'TEXTAREA' || ['text', 'email', 'url', 'search'].includes(el.type));
  const values = {email: 'name@example.org', url: 'https://example.org/'};
  return {index: window.__kb.indexOf(el),
          value: invalid ? (values[el.type] || 'Der Kontrast im Fußbereich ist zu gering.') : null};
}"""


def _press_tab_until(tab, index, type_values=False, limit=100):
    """Press Tab until the focusable with that index has focus (typing a
    valid value into each invalid field passed, if asked); True if reached."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED_FIELD_JS)
        if focused["index"] == index:
            return True
        if type_values and focused["value"]:
            tab.keyboard.type(focused["value"])
    return False


@pytest.fixture(scope="package")
def form_runs(site):
    """Every POST form (the feedback form), once per page, by keyboard only:
    Tab to the submit button and press Enter on the empty form; then Tab
    from the error summary through the form, typing into every invalid
    field, and press Enter on the submit button again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    runs = []
    pages = {page.url: page for page, _form in site.forms("post")}
    for page in sorted(pages.values(), key=lambda p: p.url):
        run = FormRun(page.path, page.url, page.lang)
        runs.append(run)
        context = site.context()
        tab = context.new_page()
        tab.goto(page.url)
        tab.evaluate(FOCUSABLES_JS)
        run.reached_submit = _press_tab_until(tab, tab.evaluate(SUBMIT_INDEX_JS))
        if run.reached_submit:
            try:
                with tab.expect_navigation(timeout=5000) as navigation:
                    tab.keyboard.press("Enter")
            except PlaywrightTimeoutError:
                pass  # the browser's own validation stopped it: the test says so
            else:
                run.submitted = True
                run.url = tab.url.split("#")[0]
                run.status = navigation.value.status
                run.html = navigation.value.text()
                tab.evaluate(FOCUSABLES_JS)
                if _press_tab_until(tab, tab.evaluate(SUBMIT_INDEX_JS), type_values=True):
                    with tab.expect_navigation() as navigation:
                        tab.keyboard.press("Enter")
                    run.sent_path = urlsplit(tab.url).path
                    run.sent_status = navigation.value.status
                    run.sent_html = navigation.value.text()
        context.close()
    # Sent messages count towards the form's rate limit: forget them.
    for cache in caches.all():
        cache.clear()
    return runs


@pytest.fixture(scope="package")
def vnu_jar():
    require(_missing_vnu())
    return VNU_JAR


def _restore_database(serialized):
    """Empty the test database and put back what it held before these tests
    (the migrations' groups and permissions, the content), as Django's
    serialized rollback does, so that the tests after these find the
    database as they expect it."""
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(serialized)
    # The rows come back with their ids; as loaddata does, move each table's
    # id sequence past them (PostgreSQL's flush restarts them at 1).
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    ContentType.objects.clear_cache()


@contextlib.contextmanager
def _environ(**values):
    old = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


EDITOR_PASSWORD = "redaktion-im-browser-123"


def redaktion_group():
    """The "Redaktion" group as its data migration made it. A transactional
    test that ran before the browser tests may have flushed the database and
    the group with it (permissions come back after a flush, groups do not);
    then it is made again from the migration's own list."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.filter(name="Redaktion").first()
    if group is not None:
        return group
    migration = importlib.import_module("contacts.migrations.0002_redaktion_group")
    # legal/migrations/0002_rename_tables moved the legal models to "legal".
    labels = {"rdz_site": "legal"}
    group = Group.objects.create(name=migration.GROUP)
    group.permissions.set(
        Permission.objects.get(content_type__app_label=labels.get(app, app), codename=codename)
        for app, models in migration.PERMISSIONS.items()
        for model, actions in models.items()
        for codename in (f"{action}_{model}" for action in actions)
    )
    # Rights that later data migrations gave the group: publishing (the
    # legal pages' in legal/0011), and looking at the broken links.
    publishing = importlib.import_module("contacts.migrations.0007_redaktion_publish_groups")
    later = [(label, codename) for label, names in publishing.PUBLISH.items() for codename in names]
    later += [("legal", "publish_legalpage"), ("links", "view_brokenlink")]
    group.permissions.add(
        *(
            Permission.objects.get(content_type__app_label=label, codename=codename)
            for label, codename in later
        )
    )
    return group


def new_editor(django_db_blocker, username):
    """A fresh editor of the "Redaktion" group (staff, not superuser),
    committed so that the live server's own connection sees it, and a
    one-time code for its second factor."""
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        users = get_user_model().objects
        users.filter(username=username).delete()
        user = users.create_user(
            username, f"{username}@example.org", EDITOR_PASSWORD, is_staff=True
        )
        user.groups.add(redaktion_group())
        return recovery_code(user)


def sign_in(tab, site, username, code):
    """Signs `tab` in through the admin's real login, with a code."""
    tab.goto(f"{site.url}/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", EDITOR_PASSWORD)
    tab.fill("#id_otp_token", code)
    tab.click("input[type=submit]")
    tab.wait_for_url(f"{site.url}/admin/")


def open_change_form(tab, url):
    """Opens an admin change form and waits for its language tabs.

    modeltranslation makes the tabs in a jQuery "ready" handler, which may
    run only after the page's load event, where Playwright's goto returns;
    until then both languages' fields are on the page at once."""
    tab.goto(url)
    tab.locator("#modeltranslation-main-switch").wait_for(state="attached")


@pytest.fixture
def editor_tab(site, django_db_blocker):
    """A browser tab signed in to the admin as an editor of the "Redaktion"
    group (staff, not superuser), at 1280×900 in German time; the context
    closes after the test."""
    code = new_editor(django_db_blocker, "redakteurin")
    # In the county's time zone, as the editors' computers are: elsewhere the
    # admin adds a note about the time difference under every date field.
    context = site.context(viewport={"width": 1280, "height": 900}, timezone_id="Europe/Berlin")
    tab = context.new_page()
    sign_in(tab, site, "redakteurin", code)
    yield tab
    context.close()
