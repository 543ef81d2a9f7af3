"""Measurements taken inside the page, shared by the browser tests.

Each constant is a JavaScript function for `page.evaluate`; the Python
helpers around them turn the results into readable failure lines.
"""

import re
from pathlib import Path

AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# Helpers defined once per evaluation: a short description of an element for
# failure messages and a test for "hidden from sight" (display, visibility,
# the usual visually-hidden pattern, or placed outside the page).
_COMMON = """
const describe = (el) => {
  if (!el || el === document.body) return 'body';
  let d = el.tagName.toLowerCase();
  if (el.id) d += '#' + el.id;
  const cls = (el.getAttribute('class') || '').trim().split(/\\s+/).filter(Boolean);
  if (cls.length) d += '.' + cls.join('.');
  const href = el.getAttribute('href');
  if (href) d += `[href="${href}"]`;
  const text = (el.innerText || el.value || '').trim().replace(/\\s+/g, ' ');
  if (text) d += ` "${text.slice(0, 40)}"`;
  return d;
};
const srOnly = (el) => {
  for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility !== 'visible') return true;
    const r = e.getBoundingClientRect();
    const tiny = r.width <= 1 || r.height <= 1;
    const clipped = s.overflow !== 'visible' || s.clip !== 'auto' || s.clipPath !== 'none';
    if (tiny && clipped) return true;
    if (r.right + scrollX <= 0 || r.bottom + scrollY <= 0) return true;
  }
  return false;
};
"""

# Every element the Tab key should reach, in DOM order, with its unfocused
# style; keeps the list in window.__kb for FOCUS_STEP_JS.
FOCUSABLES_JS = (
    "() => {"
    + _COMMON
    + """
  const sel = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, '
    + 'summary, iframe, [tabindex], [contenteditable=""], [contenteditable="true"]';
  const seenRadio = new Set();
  const els = [...document.querySelectorAll(sel)].filter((el) => {
    if (el.disabled || el.closest('[inert]')) return false;
    const ti = el.getAttribute('tabindex');
    if (ti !== null && parseInt(ti, 10) < 0) return false;
    if (el.tagName === 'SUMMARY' && el.parentElement.tagName !== 'DETAILS') return false;
    const s = getComputedStyle(el);
    if (s.visibility !== 'visible' || el.getClientRects().length === 0) return false;
    if (el.type === 'radio') {
      if (seenRadio.has(el.name)) return false;
      seenRadio.add(el.name);
    }
    return true;
  });
  const style = (el) => {
    const s = getComputedStyle(el);
    const out = {};
    for (const p of ['outline-style', 'outline-width', 'outline-color', 'box-shadow',
                     'background-color', 'color', 'text-decoration-line',
                     'text-decoration-thickness', 'border-top-color', 'border-bottom-color',
                     'border-bottom-width']) out[p] = s.getPropertyValue(p);
    return out;
  };
  window.__kbStyle = style;
  window.__kb = els;
  window.__kbBefore = els.map(style);
  return els.map((el) => ({
    desc: describe(el),
    href: el.href || null,
    tabindex: el.getAttribute('tabindex'),
  }));
}"""
)

# Where Tab goes next: the first focusable element after the focused one
# (after an error summary that took focus on load, say), else the first.
START_JS = """() => {
  const a = document.activeElement;
  if (!a || a === document.body) return 0;
  const i = window.__kb.indexOf(a);
  if (i >= 0) return i + 1;
  const j = window.__kb.findIndex(
    (el) => a.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  return j < 0 ? window.__kb.length : j;
}"""

# Where focus is after a key press, and whether it can be seen.
FOCUS_STEP_JS = (
    "() => {"
    + _COMMON
    + """
  const el = document.activeElement;
  const i = window.__kb.indexOf(el);
  const r = el.getBoundingClientRect();
  const inView = r.width >= 1 && r.height >= 1 && r.bottom > 0 && r.right > 0
    && r.top < innerHeight && r.left < innerWidth;
  let onTop = false;
  if (inView) {
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    onTop = !!hit && (hit === el || el.contains(hit) || hit.contains(el));
  }
  let indicator = [];
  if (i >= 0) {
    const now = window.__kbStyle(el);
    const before = window.__kbBefore[i];
    const transparent = (c) => c === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(c);
    for (const p in now) {
      if (now[p] === before[p]) continue;
      if (p.startsWith('outline') && (now['outline-style'] === 'none'
          || parseFloat(now['outline-width']) < 1 || transparent(now['outline-color']))) continue;
      indicator.push(p);
    }
  }
  return {index: i, desc: describe(el), isBody: el === document.body || el === null,
          inView, onTop, indicator, width: r.width, height: r.height};
}"""
)

# Layout problems at the current viewport and text size: horizontal
# scrolling, content cut off by overflow, text drawn over other text.
LAYOUT_JS = (
    "() => {"
    + _COMMON
    + """
  const doc = document.documentElement;
  const vw = doc.clientWidth;
  const out = {scrollWidth: doc.scrollWidth, clientWidth: vw, wide: [], clipped: [], overlaps: []};
  const all = [...document.body.querySelectorAll('*')];
  // Anything reaching past the right edge (even where overflow hides the
  // scrollbar), except inside a container that scrolls on its own.
  const inScroller = (e) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };
  out.wide = all.filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > vw + 1 && !srOnly(e) && !inScroller(e);
  }).slice(-5).map(describe);
  for (const el of all) {
    const s = getComputedStyle(el);
    const cx = s.overflowX === 'hidden' || s.overflowX === 'clip';
    const cy = s.overflowY === 'hidden' || s.overflowY === 'clip';
    if (!cx && !cy) continue;
    if (srOnly(el) || !el.innerText.trim()) continue;
    const w = el.scrollWidth, h = el.scrollHeight, cw = el.clientWidth, ch = el.clientHeight;
    if ((cx && w > cw + 1) || (cy && h > ch + 1)) {
      out.clipped.push(`${describe(el)} (${w}x${h} in ${cw}x${ch})`);
    }
  }
  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n, k = 0;
  while ((n = walker.nextNode())) {
    if (!n.data.trim()) continue;
    const el = n.parentElement;
    if (el.closest('script, style, noscript, template') || srOnly(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      boxes.push({k, el, l: r.left + scrollX, r: r.right + scrollX,
                  t: r.top + scrollY, b: r.bottom + scrollY});
    }
    k++;
  }
  boxes.sort((a, b) => a.t - b.t);
  for (let i = 0; i < boxes.length && out.overlaps.length < 5; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].t < a.b; j++) {
      const b = boxes[j];
      if (a.k === b.k) continue;
      const ix = Math.min(a.r, b.r) - Math.max(a.l, b.l);
      const iy = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      // Glyph boxes of neighbouring lines may touch by a few pixels when the
      // line height is tight; a real overlap covers a good part of a line.
      if (ix > 2 && iy > 0.3 * Math.min(a.b - a.t, b.b - b.t)) {
        out.overlaps.push(`${describe(a.el)} overlaps ${describe(b.el)}`);
        break;
      }
    }
  }
  return out;
}"""
)

# The body text's font size, to prove that a text-size change took effect.
TEXT_SIZE_JS = """() => {
  const el = document.querySelector('main p, main li, main dd, main td') || document.body;
  return parseFloat(getComputedStyle(el).fontSize);
}"""

FORMS_JS = """() => [...document.forms].map((f) => ({
  method: (f.getAttribute('method') || 'get').toLowerCase(),
  action: f.action,
  role: f.getAttribute('role'),
  search: !!f.querySelector('input[type=search]') || f.getAttribute('role') === 'search'
    || !!f.closest('search, [role=search]'),
  field: (f.querySelector('input[type=search], input[type=text], input:not([type])') || {}).name
    || null,
}))"""


def run_axe(page, rules=None):
    """Inject the vendored axe-core into `page` and return its violations of
    AXE_TAGS (or only of the given rule ids)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    return page.evaluate(
        """(runOnly) => axe.run(document, {runOnly, resultTypes: ['violations']})
          .then((r) => r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.map((n) => n.target.join(' ')),
        })))""",
        run_only,
    )


def format_axe(url, violations):
    return [
        f"{url}: {v['id']} ({v['impact']}) {v['help']} -> {', '.join(v['targets'][:6])}"
        for v in violations
    ]


def layout_problems(url, result, check_scroll=True):
    """Readable lines for the problems LAYOUT_JS found."""
    lines = []
    if check_scroll and (result["scrollWidth"] > result["clientWidth"] or result["wide"]):
        lines.append(
            f"{url}: scrolls horizontally ({result['scrollWidth']} > {result['clientWidth']} px);"
            f" sticking out: {'; '.join(result['wide'])}"
        )
    lines += [f"{url}: content cut off in {c}" for c in result["clipped"]]
    lines += [f"{url}: {o}" for o in result["overlaps"]]
    return lines


def tab_walk(page):
    """Press Tab through the whole page; return failure lines and the
    focusable elements in DOM order."""
    focusables = page.evaluate(FOCUSABLES_JS)
    start = page.evaluate(START_JS)
    url = page.url
    problems = []
    for position, expected in list(enumerate(focusables))[start:]:
        page.keyboard.press("Tab")
        step = page.evaluate(FOCUS_STEP_JS)
        if step["index"] != position:
            problems.append(
                f"{url}: Tab #{position + 1} reached {step['desc']}, expected {expected['desc']}"
            )
            break
        if not (step["inView"] and step["onTop"]):
            problems.append(f"{url}: focused {step['desc']} is not visible on screen")
        if not step["indicator"]:
            problems.append(f"{url}: focused {step['desc']} has no visible focus indicator")
    else:
        page.keyboard.press("Tab")
        step = page.evaluate(FOCUS_STEP_JS)
        if not step["isBody"] and step["index"] != 0:
            problems.append(f"{url}: after the last control Tab reached {step['desc']}")
    problems += [
        f"{url}: positive tabindex breaks the DOM order: {f['desc']}"
        for f in focusables
        if f["tabindex"] and f["tabindex"].isdigit() and int(f["tabindex"]) > 0
    ]
    return problems, focusables


RDZ_CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "rdz.conf"


def unavailable_notice():
    """The page nginx itself answers with (deploy/nginx/rdz.conf) when no app
    server answers and it holds no copy: a visitor's page like the others."""
    text = RDZ_CONF.read_text()
    return re.search(r"location @rdz_unavailable \{.*?return 503 '(.*?)';", text, re.S)[1]
