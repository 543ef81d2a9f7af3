"""gunicorn in its own process, for the tests that need real, separate app
servers: started with the project's gunicorn.conf.py as `make run` starts
it, on a free port of the range a test owns, ready once /healthz answers,
stopped afterwards. Their SQLite database is a copy of one that
`manage.py` migrated and loaded the content into once per test session."""

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def make_site_database(path, fixtures):
    """A new SQLite file at `path`, migrated and with `fixtures` loaded by
    manage.py in its own process, as `make run` does; with a cache of its
    own, so that it leaves nothing in a shared one (CI's Redis)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(BASE_DIR),
        "DJANGO_SETTINGS_MODULE": "rdz_site.settings",
        "DATABASE_URL": f"sqlite:///{path}",
        "CACHE_URL": "locmem://",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    code = (
        "from django.core.management import call_command as c; "
        f"c('migrate', verbosity=0); c('loaddata', *{tuple(fixtures)!r}, verbosity=0)"
    )
    subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), "shell", "--no-imports", "-c", code],
        env=env,
        cwd=BASE_DIR,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return path


def copy_database(source, target):
    """The SQLite database `source` as a new file `target` (SQLite's backup,
    so that nothing still in a write-ahead log is left behind)."""
    with (
        contextlib.closing(sqlite3.connect(source)) as original,
        contextlib.closing(sqlite3.connect(target)) as copy,
    ):
        original.backup(copy)
    return target


def free_ports(first, last, count=1):
    ports = []
    for port in range(first, last + 1):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        ports.append(port)
        if len(ports) == count:
            return ports
    pytest.fail(f"no {count} free ports in {first}-{last}")


@contextlib.contextmanager
def gunicorn(port, env, cwd, *options, stdout=subprocess.DEVNULL):
    """Serve the site on 127.0.0.1:port; `options` go to gunicorn as given."""
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--config",
            str(BASE_DIR / "gunicorn.conf.py"),
            *options,
            "--bind",
            f"127.0.0.1:{port}",
            "rdz_site.wsgi",
        ],
        env=env,
        cwd=cwd,
        stdout=stdout,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(port)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_up(port):
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).close()  # noqa: S310
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"server on port {port} did not start")
