"""axe-core (WCAG 2.0/2.1 A and AA, best practices) on every crawled page."""

import pytest

from .checks import format_axe, run_axe, unavailable_notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_axe_violations(site, lang):
    pages = site.pages_in(lang)
    assert pages
    context = site.context(axe=True)
    tab = context.new_page()
    problems = []
    for page in pages:
        tab.goto(page.url)
        problems += format_axe(page.path, run_axe(tab))
        # The style sheet has a dark scheme too: its colours must hold up.
        tab.emulate_media(color_scheme="dark")
        problems += format_axe(f"{page.path} (dark)", run_axe(tab, COLOUR_RULES))
        tab.emulate_media(color_scheme="light")
    context.close()
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)


def test_nginx_notice_for_app_servers_down_has_no_axe_violations(site):
    context = site.context()
    tab = context.new_page()
    tab.set_content(unavailable_notice())
    problems = format_axe("rdz.conf @rdz_unavailable", run_axe(tab))
    context.close()
    assert not problems, "\n".join(problems)


def test_axe_reports_a_violation(site):
    """The check itself works: a page with known faults fails it."""
    context = site.context()
    tab = context.new_page()
    tab.set_content('<html><body><img src="x.png"><a href="/x"></a></body></html>')
    found = {v["id"] for v in run_axe(tab)}
    context.close()
    assert {"image-alt", "link-name", "html-has-lang", "document-title"} <= found
