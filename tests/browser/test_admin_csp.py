"""The admin works in a real browser under the site's strict
Content-Security-Policy: no violation is reported, and the scripts that need
to run do (modeltranslation's language tabs with our own jQuery UI, the
calendar shortcut, the slug filled in from the name). Chromium also doesn't
complain about the Permissions-Policy (an unknown feature name would be a
console error, which costs Lighthouse points). And the status choices stay
readable in a narrow window, where the admin's own CSS grows the font."""

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


def test_the_status_choices_stay_apart_in_a_narrow_window(admin, site):
    """Below 1024 px (the "+" pop-up for a new organisation) the admin's
    font grows; the first choice must not run into the second."""
    tab, problems = admin
    tab.set_viewport_size({"width": 1000, "height": 768})
    tab.goto(f"{site.url}/admin/contacts/organisation/add/?_popup=1")
    draft, published = (tab.locator(f"label[for=id_is_published_{n}]") for n in (0, 1))
    first, second = draft.bounding_box(), published.bounding_box()
    text_end = tab.evaluate(
        "() => { const r = document.createRange();"
        " r.selectNodeContents(document.querySelector('label[for=id_is_published_0]'));"
        " return r.getBoundingClientRect().right; }"
    )
    side_by_side = abs(first["y"] - second["y"]) < first["height"]
    assert not side_by_side or text_end <= second["x"], (text_end, second)
    assert problems == []
