"""Accessibility findings that the served HTML and settings show without a
browser (the browser suite covers layout, zoom and forced colours)."""

import pytest
from django.conf import settings

from tests.rdz_site.test_pages import parse

FEEDBACK = "/barrierefreiheit/feedback/"


def soup(client, url, **kwargs):
    return parse(client.get(url, **kwargs).content)


def test_error_summary_lists_errors_in_field_order(client, db):
    response = client.post(FEEDBACK, {"email": "kein-Format", "page": "", "message": ""})
    page = parse(response.content)
    summary = [a.attrs["href"] for a in page.find("div", class_="error-summary").find_all("a")]
    form = page.find("form", class_="feedback-form")
    fields = [f"#{e.attrs.get('id')}" for e in form.iter() if e.tag in ("input", "textarea")]
    assert summary == [field for field in fields if field in summary]
    assert summary == ["#id_page", "#id_message", "#id_email"]


def test_required_fields_are_explained_before_the_fields(client, db):
    page = soup(client, FEEDBACK)
    form = page.find("form", class_="feedback-form")
    note = form.find("p", class_="form-required-note")
    # It names the mark the optional fields carry.
    assert "„freiwillig“" in note.text
    # Before the first field.
    order = [e for e in form.iter() if e is note or e.tag in ("input", "textarea")]
    assert [e.attrs.get("type") for e in order[:2]] == ["hidden", None]


def accessible_name(page, link):
    ids = link.attrs.get("aria-labelledby")
    if not ids:
        return link.text
    return " ".join(page.find(id=i).text for i in ids.split())


@pytest.mark.parametrize("query", ["Digitalisierungszentrum", "Digitale Agenda", "Salzwedel"])
def test_search_results_have_distinct_accessible_names(client, content, query):
    page = soup(client, "/suche/", query_params={"q": query})
    links = page.find_all("a", class_="search-result__title")
    names = {}
    for link in links:
        names.setdefault(accessible_name(page, link), set()).add(link.attrs["href"])
    assert links
    clashes = {name: targets for name, targets in names.items() if len(targets) > 1}
    assert clashes == {}


@pytest.mark.parametrize("url", ["/", "/projekte/regionales-digitalisierungszentrum/"])
def test_sections_are_not_named_regions(client, content, url):
    page = soup(client, url)
    sections = page.find_all("section")
    named = [s for s in sections if {"aria-labelledby", "aria-label"} & set(s.attrs)]
    assert sections
    assert named == []


def test_cookie_table_has_a_caption_and_header_cells(client, content):
    table = soup(client, "/datenschutz/").find("table")
    assert table.find("caption").text == "Cookies dieser Website"
    assert len(table.find("thead").find_all("th", scope="col")) == 3
    rows = table.find("tbody").find_all("tr")
    assert rows and all(row.find_all("th", scope="row") for row in rows)


def test_csrf_cookie_lasts_only_for_the_browser_session(client, db):
    assert settings.CSRF_COOKIE_AGE is None
    cookie = client.get(FEEDBACK).cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    # The privacy policy says so, from the same setting.
    rows = soup(client, "/datenschutz/").find("table").find("tbody").find_all("tr")
    (csrf,) = [row for row in rows if settings.CSRF_COOKIE_NAME in row.text]
    assert "Browser" in csrf.text and "Tag" not in csrf.text


def test_admin_login_has_an_h1_a_skip_link_in_the_header_and_tied_errors(client, db):
    page = soup(client, "/admin/login/")
    assert page.find("h1", id="site-name").text
    (skip,) = page.find("header").find_all("a", class_="skip-to-content-link")
    assert skip.attrs["href"] == "#content-start"
    scripts = [e.attrs.get("src", "") for e in page.find_all("script")]
    assert any(src.endswith("js/admin-login.js") for src in scripts)
