"""Reflow at 320 CSS px (axe checks that layout too), text at 200 %, pages
without JavaScript.

Measured from element boxes: horizontal scrolling, content cut off by an
overflow-hidden box, and text boxes drawn over one another.
"""

import pytest

from .checks import LAYOUT_JS, TEXT_SIZE_JS, format_axe, layout_problems, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANGS = ["de", "en"]


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_scrolls_sideways_overlaps_or_is_cut_off_at_320_px(site, lang):
    context = site.context(axe=True, viewport={"width": 320, "height": 640})
    tab = context.new_page()
    problems = []
    for page in site.pages_in(lang):
        tab.goto(page.url)
        problems += layout_problems(page.path, tab.evaluate(LAYOUT_JS))
        # The narrow layout is a layout of its own: axe checks it as well.
        problems += format_axe(f"{page.path} (320 px)", run_axe(tab))
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_overlaps_or_is_cut_off_at_200_percent_text(site, lang):
    context = site.context()
    tab = context.new_page()
    problems = []
    for page in site.pages_in(lang):
        tab.goto(page.url)
        normal = tab.evaluate(TEXT_SIZE_JS)
        # Like a reader's text-size setting: the root font size doubled
        # (through the CSSOM, which the site's CSP allows).
        tab.evaluate(
            "() => document.documentElement.style.setProperty('font-size', '200%', 'important')"
        )
        larger = tab.evaluate(TEXT_SIZE_JS)
        if larger < 1.9 * normal:
            problems.append(f"{page.path}: text grew only from {normal}px to {larger}px")
        problems += layout_problems(page.path, tab.evaluate(LAYOUT_JS))
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_pages_render_and_links_work_without_javascript(site, lang):
    context = site.context(java_script_enabled=False)
    tab = context.new_page()
    working = {page.url for page in site.pages if page.status == 200}
    problems = []
    for n, page in enumerate(site.pages_in(lang)):
        response = tab.goto(page.url)
        if response.status != page.expected_status or not tab.locator("main h1").first.is_visible():
            problems.append(f"{page.path}: no visible heading without JavaScript")
            continue
        styled = tab.evaluate("() => getComputedStyle(document.body).marginTop")
        if styled == "8px":  # the browser's default: the style sheet did not apply
            problems.append(f"{page.path}: unstyled without JavaScript")
        # Follow one link per page to another crawled page, a different one each time.
        links = tab.evaluate(
            "() => [...document.querySelectorAll('a[href]')].map((a, i) =>"
            " ({i, href: a.href.split('#')[0], shown: a.getClientRects().length > 0}))"
        )
        links = [a for a in links if a["shown"] and a["href"] in working and a["href"] != page.url]
        if not links:
            problems.append(f"{page.path}: no link to another page")
            continue
        link = links[n % len(links)]
        with tab.expect_navigation() as navigation:
            tab.locator("a[href]").nth(link["i"]).click()
        if navigation.value.status != 200 or tab.url.split("#")[0] != link["href"]:
            problems.append(f"{page.path}: the link to {link['href']} led to {tab.url}")
    context.close()
    assert not problems, "\n".join(problems)


def test_layout_check_notices_overlap_clipping_and_overflow(site):
    """The check itself works on a page built to fail it."""
    context = site.context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    tab.set_content(
        '<html lang="en"><title>t</title><body style="margin:0">'
        '<p style="width:500px">wide</p>'
        '<p style="height:1em;margin:0">one</p><p style="margin-top:-0.8em">two</p>'
        '<p style="overflow:hidden;white-space:nowrap;width:50px">a long clipped line</p>'
        "</body></html>"
    )
    problems = layout_problems("test", tab.evaluate(LAYOUT_JS))
    context.close()
    assert any("scrolls horizontally" in p for p in problems)
    assert any("overlaps" in p for p in problems)
    assert any("cut off" in p for p in problems)
