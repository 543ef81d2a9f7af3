"""No request to another origin, no cookie: checked in the browser itself."""

import pytest
from django.conf import settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_no_page_requests_another_origin(site):
    foreign = [
        f"{page.path} requested {url}"
        for page in site.pages
        for url in page.requests
        if not (url.startswith(f"{site.url}/") or url.startswith(("data:", "blob:")))
    ]
    assert not foreign, "\n".join(foreign)
    assert all(page.requests for page in site.pages)  # the listener did record


def test_no_page_sets_a_cookie_except_csrf_on_a_post_form(site):
    problems = []
    for page in site.pages:
        has_post_form = any(form["method"] == "post" for form in page.forms)
        for cookie in page.cookies:
            if cookie["name"] == settings.CSRF_COOKIE_NAME and has_post_form:
                continue
            problems.append(f"{page.path} set the cookie {cookie['name']}")
    assert not problems, "\n".join(problems)
