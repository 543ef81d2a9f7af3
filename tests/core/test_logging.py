"""Logs: gunicorn's access log shortens client addresses; Django's errors
go to stderr as one JSON object per line."""

import datetime
import json
import logging
import re
import runpy
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client
from gunicorn.config import Config

from core.addresses import anonymise_ip
from core.gunicorn_logging import AnonymisingLogger
from core.log_format import JsonLineFormatter
from core.request_id import RequestIdFilter

BASE_DIR = Path(__file__).resolve().parents[2]


def access_line(logger, response, request, environ):
    """The atoms gunicorn's logger makes of one request, and its log line."""
    atoms = logger.atoms(response, request, environ, datetime.timedelta(seconds=0.01))
    return atoms, logger.cfg.access_log_format % logger.atoms_wrapper_class(atoms)


@pytest.mark.parametrize(
    ("address", "shortened"),
    [
        ("203.0.113.77", "203.0.113.0"),
        ("10.1.2.3", "10.1.2.0"),
        ("2001:db8:abcd:12:1:2:3:4", "2001:db8:abcd::"),
        ("[2001:db8:abcd:12::1]:443", "2001:db8:abcd::"),
        ("fe80::1%eth0", "fe80::"),
        ("::ffff:198.51.100.23", "198.51.100.0"),
        ("", "-"),
        (None, "-"),
        ("unix:/run/gunicorn.sock", "-"),
        ("<script>", "-"),
    ],
)
def test_anonymise_ip(address, shortened):
    assert anonymise_ip(address) == shortened


def test_access_log_line_has_no_full_address():
    config = Config()
    config.set("accesslog", "-")
    config.set(
        "access_log_format", runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))["access_log_format"]
    )
    logger = AnonymisingLogger(config)
    request = SimpleNamespace(
        method="GET",
        path="/projekte/",
        query="q=x",
        version=(1, 1),
        headers=[("USER-AGENT", "Testbrowser"), ("X-FORWARDED-FOR", "198.51.100.99")],
    )
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[], response_length=1234)
    environ = {
        "REMOTE_ADDR": "203.0.113.77",
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/projekte/?q=x",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_X_FORWARDED_FOR": "198.51.100.99",
        "HTTP_USER_AGENT": "Testbrowser",
    }
    atoms, line = access_line(logger, response, request, environ)
    assert line.startswith("203.0.113.0 [")
    assert '"GET /projekte/?q=x HTTP/1.1" 200 1234 "Testbrowser"' in line
    assert "203.0.113.77" not in line and "198.51.100.99" not in line
    assert atoms["{x-forwarded-for}i"] == "-"


def test_gunicorn_config_is_production_worthy(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "")
    config = runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))
    assert config["workers"] >= 2
    assert config["control_socket_disable"] is True
    assert config["errorlog"] == "-"
    assert "%(h)s" in config["access_log_format"] and "%(f)s" not in config["access_log_format"]
    assert config["logger_class"] == "core.gunicorn_logging.AnonymisingLogger"
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))["workers"] == 3


def test_error_records_are_one_json_line():
    formatter = JsonLineFormatter()
    try:
        raise ValueError("kaputt\nzweite Zeile")
    except ValueError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/en/",),
            exc_info=True,
        )
        record.exc_info = sys.exc_info()
    record.status_code = 500
    line = formatter.format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Internal Server Error: /en/"
    assert entry["status_code"] == 500
    assert "ValueError: kaputt" in entry["exception"]


def test_a_server_error_is_logged_as_json_on_stderr(content, monkeypatch, capsys):
    from projects import views

    def broken(*args, **kwargs):
        raise ValueError("ein Fehler")

    monkeypatch.setattr(views.ProjectListView, "get_queryset", broken)
    handler = logging.getLogger().handlers[0]
    monkeypatch.setattr(handler, "stream", sys.stderr)
    response = Client(raise_request_exception=False).get("/projekte/", REMOTE_ADDR="203.0.113.77")
    assert response.status_code == 500
    lines = [
        json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")
    ]
    errors = [entry for entry in lines if entry["logger"] == "django.request"]
    assert errors and errors[0]["path"] == "/projekte/" and errors[0]["method"] == "GET"
    assert "ValueError: ein Fehler" in errors[0]["exception"]
    assert not any("203.0.113.77" in json.dumps(entry) for entry in lines)


def test_access_log_behind_nginx_has_client_network_request_id_and_utc_time():
    config = Config()
    config.set("accesslog", "-")
    config.set("forwarded_allow_ips", "10.0.0.10")
    config.set(
        "access_log_format", runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))["access_log_format"]
    )
    logger = AnonymisingLogger(config)
    request = SimpleNamespace(method="GET", path="/", query="", version=(1, 1), headers=[])
    response = SimpleNamespace(
        status="200 OK", sent=5, headers=[("X-Request-ID", "abc123def456")], response_length=5
    )
    environ = {
        "REMOTE_ADDR": "10.0.0.10",
        "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.77",
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    atoms, line = access_line(logger, response, request, environ)
    assert line.startswith("203.0.113.0 [20")
    assert "10.0.0.10" not in line and "203.0.113.77" not in line
    assert re.search(r"\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\]", line)
    assert "id=abc123def456" in line


def test_django_log_lines_carry_the_request_id(client, caplog, db):
    response = client.get("/gibt-es-nicht/", headers={"X-Request-ID": "drill-0123456789"})
    assert response["X-Request-ID"] == "drill-0123456789"
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records and RequestIdFilter().filter(records[-1])
    line = json.loads(JsonLineFormatter().format(records[-1]))
    assert line["request_id"] == "drill-0123456789"
    fresh = client.get("/gibt-es-nicht/", headers={"X-Request-ID": "bad id\nforged"})
    assert re.fullmatch(r"[0-9a-f]{32}", fresh["X-Request-ID"])
