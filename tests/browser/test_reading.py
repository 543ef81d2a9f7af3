"""Reading in a real browser: Leichte Sprache at 320 px and 400 % zoom
(compounds whole, text size, line length), headings at 320 px, the h1 at
200 % text, forced colours, dark mode, the cookie table and the goal
headings' accessible names."""

import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

EASY_READ = {"de": "/leichte-sprache/", "en": "/en/easy-read/"}

# Words (in headings) or hyphenated compounds (in Leichte Sprache) whose
# text is drawn on more than one line.
BROKEN_WORDS_JS = """([selector, compoundsOnly]) => {
  // A break after a hyphen or a soft hyphen is where a word may break.
  const pattern = compoundsOnly ? /\\p{L}+(?:-\\p{L}+)+/gu : /[^\\s\\u00ad-]+[\\u00ad-]?/gu;
  const broken = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      for (const match of node.data.matchAll(pattern)) {
        // The word's first and last letter on the same line.
        const word = match[0].replace(/[\u00ad-]$/, "");
        const line = (offset) => {
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + 1);
          return Math.round(range.getBoundingClientRect().bottom);
        };
        if (line(match.index) !== line(match.index + word.length - 1)) broken.push(word);
      }
    }
  }
  return broken;
}"""

# Characters per drawn line of each paragraph and list item, and font sizes.
LINES_JS = """(selector) => {
  const lines = [];
  const sizes = new Set();
  for (const block of document.querySelectorAll(selector)) {
    sizes.add(parseFloat(getComputedStyle(block).fontSize));
    const perLine = new Map();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.data.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect || !node.data[i].trim()) continue;
        const top = Math.round(rect.bottom);
        perLine.set(top, (perLine.get(top) || 0) + 1);
      }
    }
    lines.push(Math.max(0, ...perLine.values()));
  }
  return {longest: Math.max(...lines), sizes: [...sizes]};
}"""


def open_tab(site, **options):
    context = site.context(**options)
    return context, context.new_page()


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(
    ("viewport", "zoom"),
    [({"width": 320, "height": 640}, 1), ({"width": 1280, "height": 800}, 4)],
    ids=["320px", "400%"],
)
def test_easy_read_compounds_never_break_at_a_line_end(site, lang, viewport, zoom):
    context, tab = open_tab(site, viewport=viewport)
    tab.goto(site.url + EASY_READ[lang])
    # 400 % browser zoom: the layout of a window a quarter as wide.
    tab.evaluate("(zoom) => { document.documentElement.style.zoom = zoom; }", zoom)
    broken = tab.evaluate(BROKEN_WORDS_JS, [".legal--easy_read", True])
    context.close()
    assert broken == []


def test_the_compound_check_catches_a_break(site):
    context, tab = open_tab(site, viewport={"width": 320, "height": 640})
    tab.set_content(
        '<html lang="de"><body style="margin:0"><p class="x" style="width:9ch;font:16px monospace">'
        "Die Landes-Fach-Stelle</p></body></html>"
    )
    broken = tab.evaluate(BROKEN_WORDS_JS, [".x", True])
    context.close()
    assert broken == ["Landes-Fach-Stelle"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_easy_read_text_is_14_pt_in_lines_of_60_characters(site, lang):
    context, tab = open_tab(site)
    tab.goto(site.url + EASY_READ[lang])
    found = tab.evaluate(LINES_JS, ".legal--easy_read p, .legal--easy_read li")
    context.close()
    # 14 pt = 18.67 CSS px.
    assert min(found["sizes"]) >= 18.67
    assert 30 < found["longest"] <= 60


def test_easy_read_page_at_320_px_screenshot(site, tmp_path):
    """The page as a phone shows it, for the record (not compared); into
    SCREENSHOT_DIR when set."""
    path = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path) / "leichte-sprache-320.png"
    context, tab = open_tab(site, viewport={"width": 320, "height": 640})
    tab.goto(site.url + EASY_READ["de"])
    tab.screenshot(path=path, full_page=True)
    width = tab.evaluate("() => document.documentElement.scrollWidth")
    context.close()
    assert width == 320
    assert path.stat().st_size > 10_000


@pytest.mark.parametrize("lang", ["de", "en"])
def test_headings_do_not_break_inside_words_at_320_px(site, lang):
    context, tab = open_tab(site, viewport={"width": 320, "height": 640})
    problems = []
    for page in site.pages_in(lang):
        tab.goto(page.url)
        broken = tab.evaluate(BROKEN_WORDS_JS, ["main h1, main h2, main h3", False])
        problems += [f"{page.path}: {word}" for word in broken]
    context.close()
    assert problems == [], problems


@pytest.mark.parametrize("lang", ["de", "en"])
def test_h1_grows_with_200_percent_text(site, lang):
    context, tab = open_tab(site)
    problems = []
    for page in site.pages_in(lang):
        tab.goto(page.url)
        size = "() => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)"
        normal = tab.evaluate(size)
        tab.evaluate(
            "() => document.documentElement.style.setProperty('font-size', '200%', 'important')"
        )
        if tab.evaluate(size) < 1.99 * normal:
            problems.append(f"{page.path}: h1 from {normal}px to {tab.evaluate(size)}px")
    context.close()
    assert problems == [], problems
