"""Take the screenshots of the editors' guide (docs/redaktion.md).

The guide shows the admin as an editor sees it, so the pictures must follow
the code: this script builds a throwaway site - a new SQLite database in a
temporary folder, the content fixtures, their first versions, one example
feedback item and an editor of the "Redaktion" group (not a superuser) -
starts it under gunicorn on a free loopback port, signs in with Debian's
Chromium (Playwright, the browser tests' settings) and saves each picture as
a palette PNG under docs/img/, each under 150 KB.

Run from the repository root (`make screenshots`)::

    .venv/bin/python scripts/make_screenshots.py [--out docs/img] [--full-page]

Nothing outside the temporary folder and the output folder is written.
"""

import argparse
import datetime
import io
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import chromium  # scripts/chromium.py: the browser tests' Chromium
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
FIXTURES = ("organisations", "contacts", "projects", "events", "legal")
MAX_BYTES = 150 * 1024
VIEWPORT = {"width": 1366, "height": 768}
USERNAME = "redaktion-beispiel"
PASSWORD = secrets.token_urlsafe(16)
# A single-use recovery code for the editor's login (the second factor).
CODE = secrets.token_hex(4)

# The example data the pictures need besides the content: an editor, a
# feedback item received 25 days ago (due within the week) and an example
# event a colleague has submitted for approval. Run in the site.
SETUP = f"""
import datetime
from django.contrib.auth.models import Group, User
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from legal.models import Feedback, LegalPage
from links.checker import external_links
from links.models import BrokenLink, LinkCheck
from projects.models import Event

user = User.objects.create_user({USERNAME!r}, password={PASSWORD!r}, is_staff=True,
                                first_name="Erika", last_name="Beispiel")
user.groups.add(Group.objects.get(name="Redaktion"))
StaticDevice.objects.create(user=user, name="Recovery codes").token_set.create(token={CODE!r})
Feedback.objects.create(
    page="/veranstaltungen/",
    message="Die Tabelle der Termine lässt sich mit dem Bildschirmleser schlecht lesen.",
    language="de",
    received_at=timezone.now() - datetime.timedelta(days=25),
)
Event.objects.create(
    title_de="Beispieltermin zur Freigabe",
    slug="beispieltermin-zur-freigabe",
    start_date=timezone.localdate() + datetime.timedelta(days=40),
    is_published=False,
    review_state="submitted",
)
# A broken link as the nightly check would list it (the script asks no other site).
imprint = LegalPage.objects.get(kind="imprint")
BrokenLink.objects.create(
    url="https://www.example.org/alte-seite",
    where='Rechtliche Seite „Impressum“, Feld „Text vor den Angaben (Deutsch)“',
    edit_url=f"/admin/legal/legalpage/{{imprint.pk}}/change/#id_intro_de",
    problem="HTTP-Status 404",
    first_seen=timezone.now() - datetime.timedelta(days=2),
    last_checked=timezone.now(),
)
LinkCheck.objects.create(
    finished_at=timezone.now(),
    links_checked=len({{place.url for place in external_links()}}) + 1,
)
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def wait_until_up(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2):  # noqa: S310 - loopback
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The site did not start at {url}.")


def save_small(png, path):
    """Write the screenshot as a palette PNG, with fewer colours until it fits."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    for colours in (256, 128, 64, 32):
        buffer = io.BytesIO()
        image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=0).save(
            buffer, "PNG", optimize=True
        )
        if buffer.tell() <= MAX_BYTES:
            break
    if buffer.tell() > MAX_BYTES:
        raise SystemExit(f"{path.name} stays above {MAX_BYTES} bytes; make the shot smaller.")
    path.write_bytes(buffer.getvalue())
    print(f"{path}: {buffer.tell() // 1024} KB")


def shoot(tab, out, name, full_page=False, between=None):
    """A picture of the viewport, of the whole page, or of the part from the
    top of one element to the bottom of another (`between`)."""
    if between:
        # Bounding boxes are relative to the viewport, the clip to the page.
        tab.evaluate("() => window.scrollTo(0, 0)")
        top = tab.locator(between[0]).bounding_box()
        bottom = tab.locator(between[1]).bounding_box()
        clip = {
            "x": min(top["x"], bottom["x"]) - 8,
            "y": top["y"] - 8,
            "width": max(top["width"], bottom["width"]) + 16,
            "height": bottom["y"] + bottom["height"] - top["y"] + 16,
        }
        png = tab.screenshot(full_page=True, clip=clip)
    else:
        png = tab.screenshot(full_page=full_page)
    save_small(png, out / f"{name}.png")


def pictures(tab, url, out, full_page):
    """The guide's pictures, in the order of its sections."""
    # A forgotten password, signing in, and the start page.
    tab.goto(f"{url}/admin/password-reset/")
    shoot(tab, out, "passwort-vergessen")
    tab.goto(f"{url}/admin/login/")
    tab.fill("#id_username", USERNAME)
    shoot(tab, out, "anmelden")
    tab.fill("#id_password", PASSWORD)
    tab.fill("#id_otp_token", CODE)
    tab.click("input[type=submit]")
    tab.wait_for_url(f"{url}/admin/")

    # The second factor: setting up the authenticator app.
    tab.goto(f"{url}/admin/two-factor/")
    tab.click("form:has(input[value=start]) input[type=submit]")
    tab.wait_for_load_state("load")
    shoot(tab, out, "zwei-faktor", full_page)

    # The project page: its top, the goals and milestones, a goal's results.
    tab.goto(f"{url}/admin/projects/project/")
    tab.locator("#result_list tbody th a").first.click()
    tab.wait_for_load_state("load")
    project_url = tab.url
    shoot(tab, out, "projekt", full_page)
    shoot(tab, out, "projekt-ziele-meilensteine", between=("#goals-group", "#milestones-group"))
    tab.locator("#goals-group a.inlinechangelink").first.click()
    tab.wait_for_load_state("load")
    shoot(tab, out, "ziel-ergebnisse", full_page)

    # A new event in both languages.
    tab.goto(f"{url}/admin/projects/event/add/")
    tab.fill("#id_title_de", "Sprechstunde Digitalisierung")
    tab.locator("#id_title_de").blur()
    day = datetime.date.today() + datetime.timedelta(days=30)
    tab.fill("#id_start_date", day.strftime("%d.%m.%Y"))
    tab.fill("#id_start_time", "10:00")
    tab.fill("#id_venue_de", "Kreisverwaltung Salzwedel")
    shoot(tab, out, "veranstaltung-deutsch")
    status = ("#publication-status", "fieldset.publishing >> nth=1")
    shoot(tab, out, "status-entwurf", between=status)
    tab.select_option("#modeltranslation-main-switch", label="en")
    tab.fill("#id_title_en", "Digitalisation consultation hour")
    tab.fill("#id_venue_en", "District administration, Salzwedel")
    shoot(tab, out, "veranstaltung-englisch")
    tab.click("input[name=_continue]")
    tab.wait_for_load_state("load")
    shoot(tab, out, "veranstaltung-gesichert")

    # Published, to go live on a set day; then the start page lists it.
    tab.get_by_label("Veröffentlicht – öffentlich").check()
    tab.locator("fieldset.publishing summary").click()
    soon = datetime.date.today() + datetime.timedelta(days=3)
    tab.fill("#id_visible_from_0", soon.strftime("%d.%m.%Y"))
    tab.fill("#id_visible_from_1", "08:00")
    tab.click("input[name=_continue]")
    tab.wait_for_load_state("load")
    tab.locator("fieldset.publishing summary").click()
    shoot(tab, out, "status-geplant", between=status)
    tab.goto(f"{url}/admin/")
    shoot(tab, out, "startseite", full_page)
    tab.locator("#editorial-waiting a").first.click()
    tab.wait_for_load_state("load")
    shoot(tab, out, "freigabe", between=("#review-box", "#publication-status"))

    # Contacts and legal pages.
    tab.goto(f"{url}/admin/contacts/contact/")
    shoot(tab, out, "ansprechpartner")
    tab.goto(f"{url}/admin/legal/legalpage/")
    shoot(tab, out, "rechtliche-seiten")
    tab.locator("#result_list tbody th a", has_text="Impressum").click()
    tab.wait_for_load_state("load")
    shoot(tab, out, "impressum-fehlende-angaben")

    # The text editor: the easy-read page, a word marked as English.
    tab.goto(f"{url}/admin/legal/legalpage/")
    tab.locator("#result_list tbody th a", has_text="Leichte Sprache").click()
    tab.wait_for_function("() => document.getElementById('id_intro_de').richTextEditor")
    editor = tab.locator(".field-intro_de .ProseMirror")
    editor.scroll_into_view_if_needed()
    tab.evaluate("() => window.scrollBy(0, -60)")
    shoot(tab, out, "texteditor")
    editor.click()
    tab.keyboard.press("Control+End")
    tab.keyboard.type(" Mehr bei der Ombudsstelle")
    for _letter in "Ombudsstelle":
        tab.keyboard.press("Shift+ArrowLeft")
    tab.locator(".field-intro_de button[data-name=language]").click()
    tab.keyboard.type("en")
    shoot(tab, out, "sprache-markieren")
    tab.keyboard.press("Escape")

    # Broken links (an example entry; see SETUP).
    tab.goto(f"{url}/admin/links/brokenlink/")
    shoot(tab, out, "defekte-links")

    # Two tabs on one project: the later save is refused and shows both texts.
    other = tab.context.new_page()
    other.goto(project_url)
    # An earlier version: change the project's title, then look at its history.
    tab.goto(project_url)
    tab.fill("#id_title_de", "Regionales Digitalisierungszentrum (versehentlich geändert)")
    tab.click("input[name=_continue]")
    tab.wait_for_load_state("load")
    other.fill("#id_title_de", "Regionales Digitalisierungszentrum Altmark")
    other.click("input[name=_continue]")
    other.wait_for_load_state("load")
    shoot(other, out, "konflikt")
    other.close()
    tab.goto(project_url.replace("/change/", "/history/"))
    shoot(tab, out, "versionen")
    tab.locator("#change-history tbody tr").last.locator("a").click()
    tab.wait_for_load_state("load")
    shoot(tab, out, "version-wiederherstellen")
    changes = ("#restore-changes", "#restore-changes")
    shoot(tab, out, "wiederherstellen-aenderungen", between=changes)
    tab.click("input[name=_save]")
    tab.wait_for_load_state("load")

    # A deleted event, and the list to get it back from.
    tab.goto(f"{url}/admin/projects/event/")
    shoot(tab, out, "veranstaltungen-liste")
    tab.locator("#result_list tbody th a").first.click()
    tab.locator("a.deletelink").click()
    tab.locator("#content form input[type=submit]").click()
    tab.wait_for_load_state("load")
    tab.locator("a.recoverlink").click()
    tab.wait_for_load_state("load")
    shoot(tab, out, "geloeschte-wiederherstellen")

    # Feedback.
    tab.goto(f"{url}/admin/legal/feedback/?status=open")
    shoot(tab, out, "feedback-liste")
    tab.locator("#result_list tbody th a").first.click()
    tab.wait_for_load_state("load")
    shoot(tab, out, "feedback-beantworten", full_page)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--full-page", action="store_true", help="whole pages, for checking")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="rdz-screenshots-") as temp:
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{temp}/db.sqlite3",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_STATIC_ROOT": f"{temp}/static",
            "DJANGO_MEDIA_ROOT": f"{temp}/media",
            "DJANGO_PAGE_CACHE": "false",
            "DJANGO_LOG_LEVEL": "WARNING",
            "GUNICORN_LOG_LEVEL": "warning",
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WEB_CONCURRENCY": "1",
        }
        env.pop("DJANGO_DEBUG", None)
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "loaddata", *FIXTURES, "--verbosity", "0")
        manage(env, "createinitialrevisions", "--comment", "Erste Fassung", "--verbosity", "0")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        manage(env, "shell", "--no-imports", "--command", SETUP)
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            [
                str(Path(PYTHON).with_name("gunicorn")),
                "--config",
                "gunicorn.conf.py",
                "--access-logfile",
                "/dev/null",
                "rdz_site.wsgi",
            ],
            cwd=ROOT,
            env=env,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url)
            with sync_playwright() as playwright:
                browser = chromium.launch(playwright)
                context = browser.new_context(
                    viewport=VIEWPORT, locale="de-DE", timezone_id="Europe/Berlin"
                )
                try:
                    pictures(context.new_page(), url, options.out, options.full_page)
                finally:
                    browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
