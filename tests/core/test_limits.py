"""Bounded requests against a real gunicorn, configured as `make run` does:
a long search reaches the site, an oversized body is refused unread."""

import http.client
import os
import socket
import time
import urllib.parse

import pytest

from tests.servers import BASE_DIR, copy_database, free_ports, gunicorn


@pytest.fixture(scope="module")
def server(tmp_path_factory, site_database):
    folder = tmp_path_factory.mktemp("limits")
    # Static files by their plain names: no collectstatic needed.
    (folder / "limits_settings.py").write_text(
        "from rdz_site.settings import *  # noqa\n"
        "STORAGES = {**STORAGES, 'staticfiles': "
        "{'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": f"{folder}{os.pathsep}{BASE_DIR}",
        "DJANGO_SETTINGS_MODULE": "limits_settings",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "CRITICAL",
        "DJANGO_STATIC_ROOT": str(folder / "static"),
    }
    copy_database(site_database, folder / "db.sqlite3")
    port = free_ports(8730, 8739)[0]
    with gunicorn(port, env, BASE_DIR, "--workers", "1"):
        yield port


def test_a_search_for_a_thousand_umlauts_gets_the_sites_page(server):
    query = urllib.parse.urlencode({"q": "ä" * 1000})
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    connection.request("GET", f"/suche/?{query}")
    response = connection.getresponse()
    html = response.read().decode()
    assert response.status == 200
    assert '<html lang="de">' in html
    assert response.getheader("Content-Security-Policy")


def test_an_oversized_upload_is_refused_before_it_is_read(server):
    """300 MB announced, a few sent: the answer comes at once, not after
    the server has read (or spooled to disk) the whole body."""
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    connection.putrequest("POST", "/barrierefreiheit/feedback/")
    connection.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection.putheader("Content-Length", str(300 * 1024 * 1024))
    connection.endheaders()
    connection.send(b"--x\r\n" + b"a" * 65536)
    started = time.monotonic()
    response = connection.getresponse()
    assert response.status == 413
    assert "<h1>" in response.read().decode()
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    "path, size",
    [("/admin/legal/legalpage/add/", 1_500_000), ("/barrierefreiheit/feedback/", 100_000)],
)
def test_a_whole_body_over_the_limit_is_read_before_the_413(server, path, size):
    """What nginx does: send the whole body, in pieces as it reads it from its
    buffer, then pass on the answer. A server that answered after the headers
    and closed with the body unread would reset the connection while nginx
    is still sending, and nginx would report 502. Here every piece is
    taken, and the 413 arrives intact."""
    with socket.create_connection(("127.0.0.1", server), timeout=10) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {size}\r\nConnection: close\r\n\r\n".encode()
        )
        piece = 64 * 1024
        for start in range(0, size, piece):
            time.sleep(0.01)
            sock.sendall(b"x" * min(piece, size - start))
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b"<h1>" in answer
