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


def test_admin_works_under_the_strict_policy(site, django_db_blocker):
    from django.contrib.auth import get_user_model
    from playwright.sync_api import expect

    from contacts.models import Contact

    # Committed, so that the live server's own connection sees the user.
    with django_db_blocker.unblock():
        get_user_model().objects.filter(username="csp").delete()
        user = get_user_model().objects.create_superuser("csp", "csp@example.org", PASSWORD)
        code = recovery_code(user)
        contact = Contact.objects.first()
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

        # The own two-factor page: the QR code is inline SVG, no inline style.
        tab.click("#user-tools a[href$='/two-factor/']")
        tab.click("form:has(input[value=start]) input[type=submit]")
        assert tab.locator(".qr-code svg").is_visible()

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

        tab.goto(f"{site.url}/admin/projects/event/add/")
        tab.locator(".field-start_date .datetimeshortcuts a").first.click()  # "Today"
        assert re.fullmatch(
            r"\d{2}\.\d{2}\.\d{4}|\d{4}-\d{2}-\d{2}", tab.input_value("#id_start_date")
        )

        tab.goto(f"{site.url}/admin/contacts/organisation/add/")
        tab.fill("#id_name_de", "Übungsverein Salzwedel")
        tab.locator("#id_kind").focus()
        assert tab.input_value("#id_slug") == "ubungsverein-salzwedel"
    finally:
        context.close()
    assert problems == []
