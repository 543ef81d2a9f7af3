"""The crawl the other browser tests work on: it must reach the whole site."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_crawl_reaches_every_section_in_both_languages(site):
    paths = {page.path for page in site.pages}
    # The other tests would prove little without the whole site under them.
    assert {
        "/",
        "/projekte/",
        "/projekte/regionales-digitalisierungszentrum/",
        "/veranstaltungen/",
        "/ansprechpersonen/",
        "/suche/",
        "/barrierefreiheit/feedback/",
        "/en/",
        "/en/projects/",
        "/en/projects/regionales-digitalisierungszentrum/",
        "/en/events/",
        "/en/contacts/",
        "/en/search/",
        "/en/accessibility/feedback/",
    } <= paths, sorted(paths)


def test_every_link_leads_to_a_page(site):
    broken = [
        f"{page.path}: HTTP {page.status}"
        for page in site.pages
        if page.status != page.expected_status
    ]
    assert sum(page.probe for page in site.pages) == 2
    assert not broken, "\n".join(broken)


def test_every_page_names_its_language(site):
    for page in site.pages:
        expected = "en" if page.path.startswith("/en/") else "de"
        assert page.lang == expected, f"{page.path}: <html lang={page.lang!r}>"


def test_every_page_loads_all_its_resources(site):
    failed = [f"{page.path}: {failure}" for page in site.pages for failure in page.failed]
    assert not failed, "\n".join(failed)
