"""The lock files hold every dependency of pyproject.toml at its pinned
version, each with hashes; `make lock` writes them (README.md)."""

import re
import tomllib
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PYPROJECT = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())


def normalised(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements):
    found = {}
    for requirement in requirements:
        name, version = re.fullmatch(
            r"([A-Za-z0-9_.-]+)(?:\[[^]]*\])?==(\S+)", requirement
        ).groups()
        found[normalised(name)] = version
    return found


def locked(path):
    """{name: (version, number of hashes)} of a lock file written by uv."""
    text = (BASE_DIR / path).read_text()
    entries = re.findall(
        r"^([A-Za-z0-9_.-]+)==(\S+)[^\n]*\\\n((?:\s+--hash=sha256:[0-9a-f]{64}[ \\]*\n)+)",
        text,
        re.M,
    )
    assert len(entries) == len(re.findall(r"^[A-Za-z0-9]", text, re.M)), "an entry without hashes"
    return {
        normalised(name): (version, hashes.count("--hash=")) for name, version, hashes in entries
    }


TOOLS = pins(
    line.strip()
    for line in (BASE_DIR / "requirements-venv.in").read_text().splitlines()
    if line.strip() and not line.startswith("#")
)
RUNTIME = pins(PYPROJECT["project"]["dependencies"]) | TOOLS
EXTRAS = pins(sum(PYPROJECT["project"]["optional-dependencies"].values(), []))


@pytest.mark.parametrize(
    ("lock_file", "wanted"),
    [("requirements.lock", RUNTIME), ("requirements-dev.lock", RUNTIME | EXTRAS)],
)
def test_lock_file_is_current_with_pyproject(lock_file, wanted):
    lock = locked(lock_file)
    stale = {
        name: (version, lock.get(name, ("missing",))[0])
        for name, version in wanted.items()
        if lock.get(name, ("missing",))[0] != version
    }
    assert not stale, f"{lock_file} is not current (pyproject: locked): {stale}. Run `make lock`."
    assert {"pip", "setuptools", "asgiref", "sqlparse"} <= set(lock)
    assert all(count >= 1 for _, count in lock.values())


def test_install_requires_hashes_everywhere():
    assert "--require-hashes" in (BASE_DIR / "Makefile").read_text()
    assert "--require-hashes" in (BASE_DIR / "docs/deployment.md").read_text()
    assert "make lock" in (BASE_DIR / "README.md").read_text()


def test_the_release_version_is_a_date_and_shown_to_staff(admin_client):
    version = PYPROJECT["project"]["version"]
    assert re.fullmatch(r"20\d\d\.(0[1-9]|1[0-2])\.(0[1-9]|[12]\d|3[01])(\.\d+)?", version)
    assert f"version: {version}" in admin_client.get("/healthz").content.decode()
    assert f"Version {version}" in admin_client.get("/admin/").content.decode()
