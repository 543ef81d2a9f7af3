"""gunicorn in its own process, for the tests that need real, separate app
servers: started with the project's gunicorn.conf.py as `make run` starts
it, on a free port of the range a test owns, ready once /healthz answers,
stopped afterwards."""

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


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
