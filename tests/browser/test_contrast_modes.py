"""Forced colours, dark mode, the narrow cookie table, the goal headings'
accessible names and the admin login, in a real browser."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Which main-menu links show a bar under them, as the browser draws it.
NAV_BARS_JS = """() => [...document.querySelectorAll('.site-nav a')].map((a) => {
  const style = getComputedStyle(a);
  const bar = style.borderBottomStyle !== 'none' && parseFloat(style.borderBottomWidth) > 0
    && style.borderBottomColor !== 'rgba(0, 0, 0, 0)';
  return {current: a.hasAttribute('aria-current'), bar};
})"""


def luminance(rgb):
    channels = [int(part) / 255 for part in rgb.split("(")[1].split(")")[0].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one, two):
    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("path", ["/", "/projekte/", "/en/events/"])
def test_forced_colours_mark_only_the_current_link(site, path):
    context = site.context(forced_colors="active")
    tab = context.new_page()
    tab.goto(site.url + path)
    links = tab.evaluate(NAV_BARS_JS)
    context.close()
    assert any(link["current"] for link in links)
    assert [link["bar"] for link in links] == [link["current"] for link in links]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_error_summary_focus_ring_is_visible(site, scheme):
    context = site.context(color_scheme=scheme)
    tab = context.new_page()
    tab.goto(site.url + "/barrierefreiheit/feedback/")
    tab.click(".feedback-form button[type=submit]")
    tab.wait_for_selector(".error-summary")
    tab.focus(".error-summary")
    ring = tab.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('.error-summary'));"
        " return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,"
        " background: getComputedStyle(document.body).backgroundColor}; }"
    )
    context.close()
    assert ring["style"] != "none" and ring["width"] >= 2
    assert contrast(ring["color"], ring["background"]) >= 3, ring


def test_cookie_table_keeps_its_headers_at_320_px(site):
    context = site.context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    tab.goto(site.url + "/datenschutz/")
    table = tab.evaluate(
        "() => { const t = document.querySelector('main table');"
        " const head = t.querySelector('thead th').getBoundingClientRect();"
        " return {display: getComputedStyle(t).display, headWidth: head.width,"
        " caption: t.caption && t.caption.textContent, right: t.getBoundingClientRect().right}; }"
    )
    context.close()
    assert table["display"] == "table" and table["headWidth"] > 20
    assert table["caption"] == "Cookies dieser Website"
    assert table["right"] <= 320


@pytest.mark.parametrize(
    ("path", "name"),
    [
        (
            "/projekte/regionales-digitalisierungszentrum/",
            "Stärkung der regionalen Netzwerkstruktur",
        ),
        (
            "/en/projects/regionales-digitalisierungszentrum/",
            "Strengthening the structure of regional networks",
        ),
    ],
)
def test_goal_headings_are_named_by_their_text_alone(site, path, name):
    context = site.context()
    tab = context.new_page()
    tab.goto(site.url + path)
    exact = tab.get_by_role("heading", level=3, name=name, exact=True).count()
    snapshot = tab.locator(".goals").aria_snapshot()
    context.close()
    assert exact == 1
    assert '". ' not in snapshot and 'heading "1' not in snapshot


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_admin_login_fields_have_visible_borders_and_carry_the_error(site, scheme):
    from django.test import Client

    # The failed login is rendered here and served to the browser at its own
    # address (the live server's styles and script load as usual): a failed
    # login in the live server would write to the database the test holds.
    html = Client().post("/admin/login/", {"username": "niemand", "password": "falsch"}).content
    context = site.context(color_scheme=scheme)
    url = site.url + "/admin/login/"
    context.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
    tab = context.new_page()
    tab.goto(url)
    tab.wait_for_selector(".errornote")
    field = tab.evaluate(
        "() => { const f = document.querySelector('#id_username'); const s = getComputedStyle(f);"
        " const ids = (f.getAttribute('aria-describedby') || '').split(' ');"
        " return {border: s.borderTopColor, background: getComputedStyle(document.body)"
        ".backgroundColor, invalid: f.getAttribute('aria-invalid'),"
        " described: ids.map((id) => document.getElementById(id)?.className)}; }"
    )
    h1 = tab.locator("h1").count()
    context.close()
    assert contrast(field["border"], field["background"]) >= 3, field
    assert field["invalid"] == "true"
    assert "errornote" in field["described"]
    assert h1 == 1
