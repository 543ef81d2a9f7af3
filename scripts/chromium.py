"""How the browser tests (tests/browser) and the screenshot script start
Chromium: the system's (Debian's package, or RDZ_CHROMIUM), headless, and
without the background traffic of its own (component updates, sync), so
that every request it makes is one the page asked for."""

import os

CHROMIUM = os.environ.get("RDZ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright):
    """A headless Chromium started by Playwright (sync API)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
