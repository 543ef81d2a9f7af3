"""bench/nginx_front.py builds the benchmark's nginx configuration around the
shipped include files: the cache folder moved into the benchmark's own
folder, nginx listening on 127.0.0.1 only (with and without TLS), a missing
file named."""

import importlib.util
import re
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# The benchmark's modules import each other as scripts in bench/ do.
if str(BASE_DIR / "bench") not in sys.path:
    sys.path.append(str(BASE_DIR / "bench"))
SPEC = importlib.util.spec_from_file_location("nginx_front", BASE_DIR / "bench/nginx_front.py")
nginx_front = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(nginx_front)


def test_the_shipped_include_files_sit_where_rdz_conf_has_them(tmp_path):
    conf = nginx_front.nginx_conf(tmp_path, 8711, 8713, 8712, tmp_path / "static")

    http, server = conf.split("server {", 1)
    assert f"include {tmp_path}/rdz-cache-http.conf;" in http
    location = re.search(r"location / \{(.*?)\}", server, re.S)[1]
    assert location.split() == [
        "include",
        f"{tmp_path}/rdz-proxy.conf;",
        "include",
        f"{tmp_path}/rdz-cache.conf;",
    ]
    # What rdz.conf defines and rdz-proxy.conf uses.
    assert "upstream rdz_app { server 127.0.0.1:8712; }" in http
    assert "$rdz_rid" in http
    assert f"alias {tmp_path}/static/;" in server


def test_nginx_listens_on_localhost_only_and_keeps_its_files_in_its_folder(tmp_path):
    conf = nginx_front.nginx_conf(tmp_path, 8711, 8713, 8712, tmp_path / "static")

    assert re.findall(r"listen ([^;]+);", conf) == ["127.0.0.1:8711", "127.0.0.1:8713 ssl"]
    assert "daemon off;" in conf
    for path in re.findall(r"(?:pid|error_log|_path|ssl_certificate\w*) (\S+)", conf):
        assert path.startswith(str(tmp_path)), path


def test_the_bare_proxy_cache_uses_nothing_of_ours(tmp_path):
    conf = nginx_front.nginx_conf(tmp_path, 8711, 8713, 8712, tmp_path / "static")

    location = re.search(r"location = /bare/ \{(.*?)\}", conf, re.S)[1]
    assert "include" not in location
    assert "rdz_cache" not in location
    assert "proxy_pass http://rdz_app/;" in location
    assert "proxy_cache rdz_bare;" in location


def test_the_cache_folder_moves_into_the_benchmarks_folder(tmp_path):
    shipped = "proxy_cache_path /var/cache/nginx/rdz levels=1:2 keys_zone=rdz:10m;\n"

    moved = nginx_front.http_include(shipped, tmp_path / "cache")

    assert moved == f"proxy_cache_path {tmp_path}/cache levels=1:2 keys_zone=rdz:10m;\n"


def test_an_unexpected_cache_folder_is_a_clear_error(tmp_path):
    with pytest.raises(SystemExit, match="does not name /var/cache/nginx/rdz"):
        nginx_front.http_include("proxy_cache_path /srv/cache keys_zone=rdz:1m;", tmp_path)


def test_missing_include_files_are_named(tmp_path):
    (tmp_path / "rdz-proxy.conf").write_text("proxy_pass http://rdz_app;\n")

    with pytest.raises(SystemExit) as exit_:
        nginx_front.include_files(tmp_path)

    assert str(exit_.value) == (
        f"nginx phase: rdz-cache-http.conf, rdz-cache.conf missing in {tmp_path}"
    )


def access_line(written, microseconds):
    return (
        f'127.0.0.0 [{written}] "GET /projekte/ HTTP/1.0" 200 4263 "wrk" '
        f"id=0123456789abcdef time_us={microseconds}"
    )


def test_requests_to_gunicorn_count_in_the_second_they_came_in():
    lines = [
        # Came in at 12:00:00.9, written at 12:00:01.2: second 0.
        access_line("2026-12-07T12:00:01.200Z", 300_000),
        access_line("2026-12-07T12:00:01.400Z", 1_000),
        access_line("2026-12-07T12:00:02.050Z", 2_000),
        access_line("2026-12-07T12:00:02.700Z", 2_000),
        access_line("2026-12-07T12:00:02.900Z", 2_000),
        "[2026-12-07 12:00:02 +0000] [7] [INFO] Booting worker with pid: 7",
    ]

    assert nginx_front.busiest_second(lines[:2]) == 1
    assert nginx_front.busiest_second(lines) == 3
    assert nginx_front.busiest_second([]) == 0
