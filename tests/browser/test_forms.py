"""The forms by keyboard, and the feedback form's error state: announced
(focus on an error summary), every error linked to its field, clean for
axe and the keyboard like every other page."""

from urllib.parse import urlsplit

import pytest

from .checks import FOCUS_STEP_JS, FOCUSABLES_JS, format_axe, run_axe, tab_walk
from .conftest import SEARCH_TERM

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANGS = ["de", "en"]
FEEDBACK = {"de": "/barrierefreiheit/feedback/", "en": "/en/accessibility/feedback/"}

# The error summary: the focused element, its links to fields, and every
# field marked invalid with the messages it is described by.
ERRORS_JS = """() => {
  const a = document.activeElement;
  const summary = a && a !== document.body && a.tagName !== 'MAIN' ? a : null;
  const links = summary ? [...summary.querySelectorAll('a[href^="#"]')].map((l) => ({
    text: l.innerText.trim(), target: l.getAttribute('href').slice(1),
    exists: !!document.getElementById(l.getAttribute('href').slice(1)),
  })) : [];
  const fields = [...document.querySelectorAll('[aria-invalid=true]')].map((f) => {
    const ids = (f.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
    const texts = ids.map((id) => document.getElementById(id)).filter(Boolean)
      .filter((e) => e.getClientRects().length).map((e) => e.innerText.trim()).filter(Boolean);
    return {id: f.id, name: f.name, described: texts};
  });
  return {summary: summary ? summary.outerHTML.slice(0, 80) : null,
          alert: !!document.querySelector('[role=alert]'), links, fields};
}"""


def _runs_in(form_runs, lang):
    return [run for run in form_runs if run.lang == lang]


@pytest.mark.parametrize("lang", LANGS)
def test_search_form_is_on_the_site(site, lang):
    found = [page.path for page, form in site.forms("get") if form["search"] and page.lang == lang]
    assert found, f"no search form found in the {lang} crawl (planned at /suche/)"


@pytest.mark.parametrize("lang", LANGS)
def test_search_works_by_keyboard(site, lang):
    page = next(page for page, form in site.forms("get") if form["search"] and page.lang == lang)
    context = site.context()
    tab = context.new_page()
    tab.goto(page.url)
    focusables = tab.evaluate(FOCUSABLES_JS)
    index = tab.evaluate(
        "() => window.__kb.findIndex((el) => el.matches('form input[type=search],"
        " form[role=search] input, search input, [role=search] input'))"
    )
    assert index >= 0, f"{page.path}: no search field among {len(focusables)} focusables"
    for _ in range(index + 1):
        tab.keyboard.press("Tab")
    assert tab.evaluate(FOCUS_STEP_JS)["index"] == index
    tab.keyboard.type(SEARCH_TERM)
    with tab.expect_navigation() as navigation:
        tab.keyboard.press("Enter")
    assert navigation.value.status == 200
    assert f"={SEARCH_TERM}" in tab.url
    assert tab.locator("main a[href]").count() > 0, "no result links"
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_feedback_form_is_on_the_site(site, lang):
    found = [page.path for page, _form in site.forms("post") if page.lang == lang]
    assert found, (
        f"no POST form found in the {lang} crawl (the feedback form, planned at {FEEDBACK[lang]})"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_empty_feedback_form_announces_linked_errors(site, form_runs, lang):
    runs = _runs_in(form_runs, lang)
    assert runs, f"no POST form found in the {lang} crawl (planned at {FEEDBACK[lang]})"
    problems = []
    for run in runs:
        where = run.path
        if not run.reached_submit:
            problems.append(f"{where}: Tab does not reach the submit button")
            continue
        if not run.submitted:
            problems.append(
                f"{where}: the browser's own validation stopped the empty form; add novalidate"
                " so that the site's accessible error messages are shown"
            )
            continue
        tab = run.open(site)
        found = tab.evaluate(ERRORS_JS)
        if not found["summary"]:
            problems.append(f"{where}: focus is not moved to an error summary after submitting")
        elif not found["links"] or not all(link["exists"] for link in found["links"]):
            problems.append(
                f"{where}: the error summary does not link to the fields: {found['links']}"
            )
        if not found["fields"]:
            problems.append(f"{where}: no field is marked aria-invalid")
        for field in found["fields"]:
            if not field["described"]:
                problems.append(
                    f"{where}: invalid field {field['name']} has no visible error"
                    " message linked by aria-describedby"
                )
        if found["links"]:
            # The summary's first link takes the keyboard to its field.
            tab.keyboard.press("Tab")
            tab.keyboard.press("Enter")
            focused = tab.evaluate("() => document.activeElement.id")
            if focused != found["links"][0]["target"]:
                problems.append(
                    f"{where}: the first error link moved focus to #{focused},"
                    f" not #{found['links'][0]['target']}"
                )
        tab.context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_feedback_error_state_passes_axe_and_keyboard(site, form_runs, lang):
    runs = [run for run in _runs_in(form_runs, lang) if run.submitted]
    assert runs, f"no submitted feedback form in {lang} (planned at {FEEDBACK[lang]})"
    problems = []
    for run in runs:
        tab = run.open(site)
        problems += tab_walk(tab)[0]
        problems += format_axe(f"{run.path} (errors)", run_axe(tab))
        tab.context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_feedback_form_can_be_sent_by_keyboard(site, form_runs, lang):
    runs = [run for run in _runs_in(form_runs, lang) if run.submitted]
    assert runs, f"no submitted feedback form in {lang} (planned at {FEEDBACK[lang]})"
    context = site.context(axe=True)
    tab = context.new_page()
    problems = []
    for run in runs:
        if run.sent_status != 200 or run.sent_path == urlsplit(run.url).path:
            problems.append(
                f"{run.path}: filled in by keyboard, it did not send ({run.sent_status})"
            )
            continue
        tab.goto(site.url + run.sent_path)
        problems += format_axe(run.sent_path, run_axe(tab))
    context.close()
    assert not problems, "\n".join(problems)
