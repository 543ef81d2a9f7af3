"""Keyboard use: skip link, Tab order and visible focus, language switcher."""

from urllib.parse import urlsplit

import pytest

from .checks import FOCUS_STEP_JS, FOCUSABLES_JS, tab_walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANGS = ["de", "en"]


@pytest.fixture
def tab(site):
    context = site.context()
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_first_tab_reaches_a_visible_skip_link_to_main(site, tab, lang):
    problems = []
    for page in site.pages_in(lang):
        tab.goto(page.url)
        tab.evaluate(FOCUSABLES_JS)
        tab.keyboard.press("Tab")
        step = tab.evaluate(FOCUS_STEP_JS)
        target = tab.evaluate(
            "() => { const a = document.activeElement;"
            " const t = a.hash && document.getElementById(a.hash.slice(1));"
            " return t ? t.tagName : null; }"
        )
        if target != "MAIN":
            problems.append(f"{page.path}: first Tab reached {step['desc']}, not a link to <main>")
            continue
        readable = step["width"] >= 40 and step["height"] >= 16  # not a clipped sliver
        if not (step["inView"] and step["onTop"] and step["indicator"] and readable):
            problems.append(f"{page.path}: the focused skip link is not visible")
        tab.keyboard.press("Enter")
        focused = tab.evaluate("() => document.activeElement.tagName")
        if focused != "MAIN":
            problems.append(f"{page.path}: the skip link moved focus to {focused}, not <main>")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_tab_reaches_every_control_in_order_with_visible_focus(site, tab, lang):
    problems = []
    for page in site.pages_in(lang):
        tab.goto(page.url)
        found, focusables = tab_walk(tab)
        problems += found
        if len(focusables) < 5:
            problems.append(f"{page.path}: only {len(focusables)} focusable elements found")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_language_switcher_works_by_keyboard(site, tab, lang):
    other = "en" if lang == "de" else "de"
    problems = []
    for page in site.pages_in(lang):
        tab.goto(page.url)
        alternate = tab.evaluate(
            f"() => document.querySelector('link[rel=alternate][hreflang={other}]').href"
        )
        focusables = tab.evaluate(FOCUSABLES_JS)
        # The switcher: the link to this page in the other language.
        index = next(
            (
                i
                for i, f in enumerate(focusables)
                if f["href"] and urlsplit(f["href"]).path == urlsplit(alternate).path
            ),
            None,
        )
        if index is None:
            problems.append(f"{page.path}: no link to {urlsplit(alternate).path}")
            continue
        for _ in range(index + 1):
            tab.keyboard.press("Tab")
        if tab.evaluate(FOCUS_STEP_JS)["index"] != index:
            problems.append(f"{page.path}: Tab does not reach the language switcher")
            continue
        with tab.expect_navigation():
            tab.keyboard.press("Enter")
        landed = urlsplit(tab.url)
        lang_now = tab.evaluate("() => document.documentElement.lang")
        if landed.path != urlsplit(alternate).path or lang_now != other:
            problems.append(f"{page.path}: Enter on the switcher led to {tab.url} ({lang_now})")
    assert not problems, "\n".join(problems)


def test_tab_walk_notices_a_missing_focus_indicator(site, tab):
    """The check itself works: a link whose focus style is removed fails it."""
    tab.set_content(
        '<html lang="en"><title>t</title><style>a:focus{outline:none}</style>'
        '<a href="#a" id="a">a</a> <a href="#b" id="b">b</a></html>'
    )
    problems, focusables = tab_walk(tab)
    assert len(focusables) == 2
    assert len(problems) == 2 and all("no visible focus indicator" in p for p in problems)


def test_focus_stays_visible_in_forced_colours(site):
    """Windows' high-contrast mode drops box shadows and author colours; the
    focus indicator must survive it (an outline does)."""
    context = site.context(forced_colors="active")
    tab = context.new_page()
    problems = []
    for page in site.pages:
        if page.path in {"/", "/en/", "/barrierefreiheit/feedback/"}:
            tab.goto(page.url)
            problems += tab_walk(tab)[0]
    context.close()
    assert not problems, "\n".join(problems)
