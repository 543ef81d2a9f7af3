"""The apps depend on each other one way, upward:

    core <- contacts <- projects <- legal, search <- rdz_site

core imports no app of ours, and no app imports the project package. The
rule is read from the source (every import statement, also inside
functions), so a lazy import cannot slip past it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What each app may import besides itself.
ALLOWED = {
    "core": set(),
    "contacts": {"core"},
    "projects": {"core", "contacts"},
    "legal": {"core", "contacts", "projects"},
    "search": {"core", "contacts", "projects"},
    "links": {"core", "contacts", "projects", "legal"},
    "pagecache": set(),
    "rdz_site": {"core", "contacts", "projects", "legal", "search", "links", "pagecache"},
}
OURS = set(ALLOWED)


def imported_apps(path):
    """The apps of ours that the module at `path` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & OURS
    return found


def modules(app):
    return sorted((ROOT / app).rglob("*.py"))


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_imports_run_one_way(app):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) - ALLOWED[app] - {app})
        for path in modules(app)
    }
    assert {path: apps for path, apps in wrong.items() if apps} == {}


def test_the_rule_sees_every_kind_of_import(tmp_path):
    module = tmp_path / "example.py"
    module.write_text(
        "import rdz_site.settings\n"
        "from projects.models import Event\n"
        "from .models import Local\n"
        "def later():\n"
        "    from search import index\n"
    )
    assert imported_apps(module) == {"rdz_site", "projects", "search"}


def test_every_app_is_covered():
    packages = {
        path.parent.name
        for path in ROOT.glob("*/apps.py")
        if (path.parent / "__init__.py").exists()
    }
    assert packages == OURS
