"""The admin works in a real browser under the site's strict
Content-Security-Policy: no violation is reported, and the scripts that need
to run do (modeltranslation's language tabs with our own jQuery UI, the
calendar shortcut, the slug filled in from the name). Chromium also doesn't
complain about the Permissions-Policy (an unknown feature name would be a
console error, which costs Lighthouse points)."""

import re

import pytest

from tests.conftest import recovery_code

pytestmark = [pytest.mark.browser]

PASSWORD = "csp-im-browser-123"


@pytest.fixture
def admin(site, django_db_blocker):
    """A signed-in admin tab and the list of every script error and every
    CSP or Permissions-Policy complaint it meets."""
    from django.contrib.auth import get_user_model

    # Committed, so that the live server's own connection sees the user.
    with django_db_blocker.unblock():
        get_user_model().objects.filter(username="csp").delete()
        user = get_user_model().objects.create_superuser("csp", "csp@example.org", PASSWORD)
        code = recovery_code(user)
    context = site.context()
    problems = []
    tab = context.new_page()
    tab.on("pageerror", lambda error: problems.append(f"{tab.url}: {error}"))
    tab.on(
        "console",
        lambda message: (
            problems.append(f"{tab.url}: {message.text}")
            if re.search(r"Content.Security.Policy|Refused to|Permissions-Policy", message.text)
            else None
        ),
    )
    try:
        tab.goto(f"{site.url}/admin/login/")
        tab.fill("#id_username", "csp")
        tab.fill("#id_password", PASSWORD)
        tab.fill("#id_otp_token", code)
        tab.click("input[type=submit]")
        tab.wait_for_url(f"{site.url}/admin/")
        yield tab, problems
    finally:
        context.close()


def test_the_two_factor_page_shows_its_qr_code(admin):
    tab, problems = admin
    # The QR code is inline SVG, without inline style.
    tab.click("#user-tools a[href$='/two-factor/']")
    tab.click("form:has(input[value=start]) input[type=submit]")
    assert tab.locator(".qr-code svg").is_visible()
    assert problems == []


def test_the_language_tabs_switch(admin, site, django_db_blocker):
    from playwright.sync_api import expect

    from contacts.models import Contact

    tab, problems = admin
    with django_db_blocker.unblock():
        contact = Contact.objects.first()
    tab.goto(f"{site.url}/admin/contacts/contact/{contact.pk}/change/")
    # jQuery UI turns the fields into tabs, in a "ready" handler that may
    # run after the load event: wait for it (it fails if it never runs).
    tabs = tab.locator(".ui-tabs-nav a")
    expect(tabs.first).to_be_visible()
    assert tabs.count() >= 2
    english = tab.locator("#id_function_en")
    expect(english).to_be_hidden()
    tab.locator(".ui-tabs-nav a", has_text="en").first.click()
    expect(english).to_be_visible()
    assert problems == []


def test_the_calendar_shortcut_fills_in_today(admin, site):
    tab, problems = admin
    tab.goto(f"{site.url}/admin/projects/event/add/")
    tab.locator(".field-start_date .datetimeshortcuts a").first.click()  # "Today"
    assert re.fullmatch(r"\d{2}\.\d{2}\.\d{4}|\d{4}-\d{2}-\d{2}", tab.input_value("#id_start_date"))
    assert problems == []


def test_the_short_name_is_filled_in_from_the_name(admin, site):
    tab, problems = admin
    tab.goto(f"{site.url}/admin/contacts/organisation/add/")
    tab.fill("#id_name_de", "Übungsverein Salzwedel")
    tab.locator("#id_kind").focus()
    assert tab.input_value("#id_slug") == "ubungsverein-salzwedel"
    assert problems == []
