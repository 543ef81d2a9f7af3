"""deploy/env.example as it ships starts the app server the way rdz.service
starts it: systemd reads the file (EnvironmentFile=) and runs
bin/rdz-gunicorn. Only the documented edits for one machine are made."""

import re
import subprocess
import urllib.request
from pathlib import Path

import pytest

from tests.servers import _wait_until_up, copy_database, free_ports

BASE_DIR = Path(__file__).resolve().parent.parent.parent
UNIT = BASE_DIR / "deploy/systemd/rdz.service"
ENV_EXAMPLE = BASE_DIR / "deploy/env.example"


def environment_file(text):
    """NAME=value lines as systemd's EnvironmentFile= reads them."""
    env = {}
    for line in text.splitlines():
        if match := re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)=(.*)", line.strip()):
            env[match[1]] = match[2]
    return env


def start(env, tmp_path):
    exec_start = re.search(r"^ExecStart=(\S+)", UNIT.read_text(), re.MULTILINE)[1]
    assert exec_start == "/srv/rdz/app/bin/rdz-gunicorn"
    return subprocess.Popen(
        [str(BASE_DIR / "bin/rdz-gunicorn")],
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **env},
        cwd="/",
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.err").open("w"),
    )


@pytest.mark.parametrize("workers_line", ["as shipped", "WEB_CONCURRENCY="])
def test_the_shipped_environment_file_starts_the_service(workers_line, site_database, tmp_path):
    text = ENV_EXAMPLE.read_text()
    if workers_line != "as shipped":
        text += f"\n{workers_line}\n"
    env = environment_file(text)
    (port,) = free_ports(8750, 8759)
    # The one-machine edits of docs/deployment.md ("/etc/rdz/env") and a free port.
    env |= {
        "DATABASE_URL": f"sqlite:///{copy_database(site_database, tmp_path / 'db.sqlite3')}",
        "CACHE_URL": "locmem://",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
    }
    process = start(env, tmp_path)
    try:
        _wait_until_up(port)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
            assert answer.status == 200
    except BaseException:
        print((tmp_path / "gunicorn.err").read_text()[-3000:])
        raise
    finally:
        process.terminate()
        process.wait(timeout=30)
    errors = (tmp_path / "gunicorn.err").read_text()
    assert "invalid literal" not in errors
    # Left out or empty: 2 x CPUs + 1 workers, at most 12 (gunicorn.conf.py).
    assert len(re.findall(r"Booting worker", errors)) >= 3
