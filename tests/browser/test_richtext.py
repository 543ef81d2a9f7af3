"""The legal pages' rich-text editor in a real browser: it runs under the
strict CSP, its toolbar works with the keyboard and passes axe, it reads the
existing text with nothing lost, and what it writes is what the sanitiser
keeps - a word's language included."""

import re
from html.parser import HTMLParser

import pytest

from .checks import AXE_TAGS, format_axe
from .conftest import new_editor, sign_in

pytestmark = [pytest.mark.browser]

FIELDS = ("intro_de", "intro_en", "body_de", "body_en")
# axe on the editors only (modeltranslation's tabs around them are not ours).
AXE_EDITORS = f"""() => axe.run({{include: [".prose-editor"]}},
    {{runOnly: {{type: "tag", values: {list(AXE_TAGS)!r}}}, resultTypes: ["violations"]}})
  .then((r) => r.violations.map((v) => ({{
    id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")),
  }})))"""


class Outline(HTMLParser):
    """The tags, attributes and words of an HTML text, without what does not
    change its meaning: whitespace between blocks, a <p> right inside <li>."""

    def __init__(self):
        super().__init__()
        self.items, self.stack = [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        if not (tag == "p" and self.stack[-2:-1] == ["li"]):
            self.items.append((tag, tuple(sorted(attrs))))

    def handle_endtag(self, tag):
        self.stack.pop() if self.stack and self.stack[-1] == tag else None

    def handle_data(self, data):
        self.items += [("word", word) for word in data.split()]


def outline(html):
    parser = Outline()
    parser.feed(html)
    return parser.items


@pytest.mark.django_db
def test_every_html_field_gets_the_editor_and_nothing_else(redaktion_client):
    """(Using the database the ordinary way, this test also makes
    pytest-django create the test database when this file runs alone.)"""
    from legal.models import LegalPage

    page = LegalPage.objects.get(kind="imprint")
    html = redaktion_client.get(f"/admin/legal/legalpage/{page.pk}/change/").content.decode()
    editors = re.findall(r'<textarea name="(\w+)"[^>]*data-richtext-editor=', html)
    assert sorted(editors) == sorted(FIELDS)
    assert '<script src="/static/js/richtext.js" type="module">' in html
    assert "importmap" not in html


@pytest.fixture
def axe_editor_tab(site, django_db_blocker):
    """An editor of the "Redaktion" group, signed in, with axe-core loaded."""
    code = new_editor(django_db_blocker, "richtext")
    context = site.context(axe=True, viewport={"width": 1366, "height": 768})
    tab = context.new_page()
    tab.problems = []
    tab.on("pageerror", lambda error: tab.problems.append(str(error)))
    tab.on("console", lambda m: tab.problems.append(f"{m.text} {m.location['url']}"))
    tab.on("requestfailed", lambda r: tab.problems.append(f"failed: {r.url}"))
    sign_in(tab, site, "richtext", code)
    yield tab
    context.close()


def open_page(tab, site, django_db_blocker, kind):
    from legal.models import LegalPage

    with django_db_blocker.unblock():
        page = LegalPage.objects.get(kind=kind)
    tab.goto(f"{site.url}/admin/legal/legalpage/{page.pk}/change/")
    tab.wait_for_function(
        "() => [...document.querySelectorAll('textarea[data-richtext-editor]')]"
        ".every((t) => t.richTextEditor)"
    )
    return page


def editor_html(tab, field):
    return tab.evaluate(f"() => document.getElementById('id_{field}').richTextEditor.getHTML()")


@pytest.mark.parametrize("kind", ["imprint", "privacy", "accessibility", "easy_read"])
def test_the_editor_reads_the_existing_text_with_nothing_lost(
    site, axe_editor_tab, django_db_blocker, kind
):
    from legal.models import sanitize_html

    page = open_page(axe_editor_tab, site, django_db_blocker, kind)
    for field in FIELDS:
        stored = sanitize_html(getattr(page, field))
        html = editor_html(axe_editor_tab, field)
        assert outline("" if html == "<p></p>" else html) == outline(stored), field
    # Nothing said in the console (the admin has no /favicon.ico: a 404 of its own).
    assert [p for p in axe_editor_tab.problems if not p.endswith("/favicon.ico")] == []


def test_a_word_marked_with_the_keyboard_keeps_its_language(
    site, axe_editor_tab, django_db_blocker
):
    from legal.models import LegalPage, sanitize_html

    tab = axe_editor_tab
    page = open_page(tab, site, django_db_blocker, "easy_read")
    before = page.intro_de
    try:
        tab.locator("#id_intro_de").locator("xpath=..").locator(".ProseMirror").click()
        tab.keyboard.press("Control+End")
        tab.keyboard.type(" Mehr bei der Ombudsstelle")
        for _letter in "Ombudsstelle":  # select the last word
            tab.keyboard.press("Shift+ArrowLeft")
        # ProseMirror reads the browser's selection on its next event.
        tab.wait_for_function(
            "() => document.getElementById('id_intro_de').richTextEditor.state.selection"
            ".content().size === 'Ombudsstelle'.length"
        )
        # From the text back to the toolbar by keyboard, to the language button.
        for _press in range(20):
            tab.keyboard.press("Shift+Tab")
            if tab.evaluate("() => document.activeElement.textContent") == "Sprache":
                break
        focused = tab.evaluate("() => document.activeElement.outerHTML")
        assert ">Sprache<" in focused and 'aria-disabled="false"' in focused
        tab.keyboard.press("Enter")
        tab.wait_for_selector("dialog.prose-editor-dialog[open] input:focus")
        tab.keyboard.type("en")
        tab.keyboard.press("Enter")
        tab.wait_for_selector("dialog.prose-editor-dialog", state="detached")
        html = tab.input_value("#id_intro_de")
        assert '<span lang="en">Ombudsstelle</span>' in html
        assert sanitize_html(html) == html  # nothing the sanitiser would remove
        names = tab.locator(".field-intro_de .prose-menubar button").evaluate_all(
            "(buttons) => buttons.map((b) => b.getAttribute('aria-label'))"
        )
        assert names == [
            *("Überschrift 2", "Überschrift 3", "Absatz", "Aufzählung", "Nummerierte Liste"),
            *("Fett", "Kursiv", "Link", "Abkürzung", "Sprache", "Rückgängig", "Wiederholen"),
        ]
        violations = tab.evaluate(AXE_EDITORS)
        assert not violations, "\n".join(format_axe(tab.url, violations))
        tab.click("input[name=_continue]")
        tab.wait_for_selector(".messagelist .success")
        with django_db_blocker.unblock():
            assert LegalPage.objects.get(pk=page.pk).intro_de == html
        public = tab.goto(f"{site.url}/leichte-sprache/").text()
        assert re.search(r'<span lang="en">Ombudsstelle</span>', public)
        # axe-core itself sets inline styles, which the CSP refuses: not ours.
        ours = [p for p in tab.problems if not p.endswith(("/favicon.ico", "/axe.min.js"))]
        assert ours == []
    finally:
        with django_db_blocker.unblock():
            LegalPage.objects.filter(pk=page.pk).update(intro_de=before)
