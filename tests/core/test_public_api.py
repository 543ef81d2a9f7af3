"""django-csp is used through its documented API only: its middleware,
its settings and `request.csp_nonce`; none of its private attributes."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("core", "contacts", "projects", "legal", "search", "pagecache", "rdz_site")


def test_no_module_reads_private_attributes_of_the_policy_library():
    # Spelled in two parts, so that a search of the code for it finds none.
    private = re.compile(r"\b_" + r"csp_\w+")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if private.search(line)
    ]
    assert found == []


def test_one_middleware_module_per_concern():
    assert not (ROOT / "core" / "middleware.py").exists()
