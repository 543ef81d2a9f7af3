"""bin/rdz-manage names the real cause when it cannot run manage.py."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def release(tmp_path):
    """A release folder with bin/rdz-manage, a manage.py and an env file."""
    app = tmp_path / "release"
    (app / "bin").mkdir(parents=True)
    shutil.copy(BASE_DIR / "bin/rdz-manage", app / "bin/rdz-manage")
    (app / "manage.py").write_text("import sys; print('ran', *sys.argv[1:])\n")
    (tmp_path / "env").write_text("DJANGO_ALLOWED_HOSTS=rdz.test\n")
    return app


def run(app):
    result = subprocess.run(
        [str(app / "bin/rdz-manage"), "check"],
        env={"PATH": os.environ["PATH"], "RDZ_ENV_FILE": str(app.parent / "env")},
        capture_output=True,
        text=True,
        timeout=30,
    )
    return result.returncode, result.stdout + result.stderr


def test_no_virtualenv(release):
    code, output = run(release)
    assert code == 69 and f"no virtualenv at {release}/.venv" in output


def test_interpreter_whose_python_is_gone(release):
    (release / ".venv/bin").mkdir(parents=True)
    (release / ".venv/bin/python").symlink_to("/usr/bin/python3.0-removed")
    code, output = run(release)
    assert code == 69
    assert "points to /usr/bin/python3.0-removed, which does not exist" in output
    assert "no virtualenv" not in output


def test_interpreter_without_the_dependencies(release):
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(release / ".venv")], check=True
    )
    code, output = run(release)
    assert code == 69
    assert "cannot import Django" in output and "ModuleNotFoundError" in output
    assert "no virtualenv" not in output


def test_a_working_release_runs_manage_py(release):
    (release / ".venv/bin").mkdir(parents=True)
    python = release / ".venv/bin/python"
    python.write_text(f'#!/bin/sh\nexec {sys.executable} "$@"\n')
    python.chmod(0o755)
    code, output = run(release)
    assert (code, output.strip()) == (0, "ran check")
