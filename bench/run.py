#!/usr/bin/env python3
"""Benchmark: every page type against a static file on the same server.

Starts the site as `make run` does (gunicorn with gunicorn.conf.py, a fresh
SQLite database in a temporary folder, migrate, the fixtures, collectstatic),
loads it with wrk on 127.0.0.1, and prints req/s and p50/p99 latency of each
page next to the stylesheet served by the same server in the same round.
Rounds alternate static file and page, so that a noisy neighbour hits both.

First nginx in front of gunicorn (bench/nginx_front.py, the include files
of deploy/nginx/): the home page from nginx's cache against a static file
nginx reads from disk, the requests that reach gunicorn while a page is
under 100 connections, hostile traffic against plain. Then four phases
without nginx: the fixtures and the scale data (manage.py make_scale_data),
each with the page cache on and off. With the cache off it also reports the
server CPU time per request (gunicorn workers' utime+stime from /proc,
divided by the requests wrk made) and the queries each page runs (Django's
test client with CaptureQueriesContext against the same database).

    .venv/bin/python bench/run.py            # about ten minutes
    .venv/bin/python bench/run.py --quick    # one short round per page
    .venv/bin/python bench/run.py --nginx-only   # the nginx phase alone
    .venv/bin/python bench/run.py --scale    # CPU per page: fixtures vs scale data
    .ci/with-postgres .venv/bin/python bench/run.py --scale --postgres   # the same on PostgreSQL

Each run appends one line per page and figure to bench/results.csv.

Not a test: the numbers depend on the machine. See bench/README.md.
"""

import argparse
import contextlib
import csv
import datetime
import json
import os
import platform
import re
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import nginx_front
from nginx_front import BARE_PATH, DEPLOY_NGINX, DISK_PREFIX, Nginx, busiest_second
from process_group import ProcessGroupServer

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
# The fixtures `make run` loads, read from the Makefile so both stay the same.
MAKEFILE = (BASE_DIR / "Makefile").read_text()
FIXTURES = re.search(r"^FIXTURES\s*:=\s*(.+)$", MAKEFILE, re.M)[1].split()
PORTS = range(8710, 8720)
PAGES = {
    "home": "/",
    "project list": "/projekte/",
    "project page": "/projekte/regionales-digitalisierungszentrum/",
    "events": "/veranstaltungen/",
    "event detail": "/veranstaltungen/tournee-digital-auftakt-salzwedel/",
    "contacts": "/ansprechpersonen/",
    "search": "/suche/?q=Digitalisierung",
}
STATIC = "css/site.css"
# Browsers ask for compressed responses; so does the benchmark.
HEADERS = ["-H", "Accept-Encoding: gzip, deflate, br"]
# Search results are never stored (their queries are endless): they are
# measured with the cache off only.
UNSTORED = {"search"}
# Cache on: a page's req/s over the static file's. Cache off: queries (a
# page's CPU over the static file's is shown, without a target: it moves too
# much from run to run on a shared machine). Hostile: requests with a unique query
# string and cookie over plain requests of the same page.
TARGET_RATIO, TARGET_QUERIES, TARGET_HOSTILE = 0.75, 8, 0.5
HOSTILE_SCRIPT = BASE_DIR / "bench" / "hostile.lua"
# Sitemap pages against the home page, both rendered without the page cache,
# one request at a time (scale data): at most this many times as slow.
SITEMAPS = {
    "sitemap index": "/sitemap.xml",
    "sitemap events p.1": "/sitemap-events.xml",
    "sitemap events p.10": "/sitemap-events.xml?p=10",
}
TARGET_SITEMAP_TIMES_HOME = 10.0
HOSTILE_CONNECTIONS = 50
# Through nginx (bench/nginx_front.py): the home page from nginx's cache
# against a static file from disk, and hostile against plain requests, each
# at least this share; a page nobody asked for before, under this many
# connections for this long, reaches gunicorn at most this often in any one
# second of the clock: nginx's copies expire at full seconds, and the request
# that first fills the cache comes on top of one refresh a second, so ten
# seconds may see eleven.
TARGET_NGINX_RATIO, TARGET_NGINX_HOSTILE, TARGET_NGINX_ORIGIN_PER_S = 0.9, 0.9, 1.0
NGINX_SPIKE_PAGE, NGINX_SPIKE_CONNECTIONS, NGINX_SPIKE_SECONDS = "project page", 100, 10
# Seconds after which nginx's copy of a page is stale beyond what it may hand
# out while asking again: it expires at the next full second, the grace
# (DJANGO_SHARED_CACHE_GRACE) is at most 1 s in this phase.
EXPIRED_AFTER = 3
# The app's setting for what nginx does while it refreshes an expired copy
# (.env.example): 0, every request then goes to the app servers; 1, they get
# the old copy. The nginx phase runs with each unless the environment sets it.
GRACE_SETTING, GRACE_VALUES = "DJANGO_SHARED_CACHE_GRACE", ("0", "1")


def machine():
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({model}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def load_average():
    """Other work on the machine skews every figure: say how much there was."""
    return f"{os.getloadavg()[0]:.1f}"


def free_port(taken=()):
    """A port of PORTS that nothing listens on and that is not in `taken`."""
    for port in PORTS:
        if port in taken:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    sys.exit(f"No free port in {PORTS.start}-{PORTS.stop - 1}.")


class Server(ProcessGroupServer):
    """gunicorn as `make run` starts it, in its own process group, except
    that workers are not recycled: gunicorn.conf.py replaces a worker after
    about 100,000 requests, a phase of this benchmark sends about as many,
    and the CPU time of a replaced worker would vanish from the sum that
    `cpu_seconds` takes."""

    stop_timeout = 15

    def __init__(self, env, access_log=None):
        self.env = env
        self.port = free_port()
        self.process = None
        # gunicorn's access log (a file): the nginx phase counts the
        # requests that reached gunicorn in it.
        self.access_log = access_log

    def __enter__(self):
        env = {**self.env, "HOST": "127.0.0.1", "PORT": str(self.port)}
        log = ["--access-logfile", str(self.access_log)] if self.access_log else []
        return self.start(
            [
                GUNICORN,
                "--config",
                "gunicorn.conf.py",
                "--max-requests",
                "0",
                *log,
                "rdz_site.wsgi",
            ],
            cwd=BASE_DIR,
            env=env,
        )

    def wait_until_ready(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit("gunicorn exited during start-up.")
            try:
                urllib.request.urlopen(self.url("/healthz"), timeout=20).close()  # noqa: S310
            except OSError:  # refused while starting, or a worker still importing
                time.sleep(0.2)
                continue
            # Every worker imports Django on its first request: warm them all.
            for _ in range(4 * len(self.workers())):
                urllib.request.urlopen(self.url("/"), timeout=20).close()  # noqa: S310
            return
        sys.exit("gunicorn did not answer within 60 s.")


def wrk(server, path, args, connections=None, script=None, duration=None, url=None):
    """One wrk run (of `url`, or `path` on `server`): req/s, p50 and p99 in
    ms, the server's worker CPU ms per request."""
    connections = connections or args.connections
    duration = duration or args.duration
    scripted = ["-s", str(script)] if script else []
    cpu_before = server.cpu_seconds()
    output = subprocess.run(  # noqa: S603
        [  # noqa: S607 - wrk from PATH, checked in main()
            "wrk",
            f"-t{min(args.threads, connections)}",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "--timeout",
            "10s",
            *HEADERS,
            *scripted,
            url or server.url(path),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 30,
    ).stdout
    cpu = server.cpu_seconds() - cpu_before
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        sys.exit(f"{path}: {errors[1]} error responses\n{output}")
    requests = int(re.search(r"(\d+) requests in", output)[1])
    if socket_errors := re.search(r"Socket errors: .*", output):
        print(f"  ({path}: {socket_errors[0]})")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    transfer = re.search(r"Transfer/sec:\s+([\d.]+)([KMG]?B)", output)
    return {
        "rps": rps,
        "p50": milliseconds(re.search(r"50%\s+([\d.]+\w+)", output)[1]),
        "p99": milliseconds(re.search(r"99%\s+([\d.]+\w+)", output)[1]),
        "cpu_ms": 1000 * cpu / max(requests, 1),
        "requests": requests,
        "connections": connections,
        # Bytes per response, headers included: what each side of a ratio sends.
        "bytes": float(transfer[1]) * BYTES[transfer[2]] / rps if rps else 0,
    }


BYTES = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}


def milliseconds(value):
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def measure(server, static_url, args, one_at_a_time=False, pages=PAGES):
    """Interleaved rounds: static, page, static, page ... per page type. With
    `one_at_a_time`, each round also loads the page over one connection: the
    CPU a page costs when the workers do not compete for the two CPUs."""
    results = {}
    for name, path in pages.items():
        # Every worker renders (and with the cache on, stores) the page once
        # before the clock runs: the benchmark measures the steady state.
        for _ in range(3 * len(server.workers())):
            urllib.request.urlopen(server.url(path), timeout=30).close()  # noqa: S310
        rounds = []
        for _ in range(args.rounds):
            static = wrk(server, static_url, args)
            page = wrk(server, path, args)
            if one_at_a_time:
                page["single_cpu_ms"] = wrk(server, path, args, connections=1)["cpu_ms"]
                static["single_cpu_ms"] = wrk(server, static_url, args, connections=1)["cpu_ms"]
            rounds.append((static, page))
        results[name] = {
            "rps": statistics.median(p["rps"] for _, p in rounds),
            "p50": statistics.median(p["p50"] for _, p in rounds),
            "p99": statistics.median(p["p99"] for _, p in rounds),
            "cpu_ms": statistics.median(p["cpu_ms"] for _, p in rounds),
            "static_rps": statistics.median(s["rps"] for s, _ in rounds),
            "static_cpu_ms": statistics.median(s["cpu_ms"] for s, _ in rounds),
            "ratio": median_ratio(rounds),
        }
        if one_at_a_time:
            results[name]["single_cpu_ms"] = statistics.median(
                p["single_cpu_ms"] for _, p in rounds
            )
            results[name]["single_times_static"] = statistics.median(
                p["single_cpu_ms"] / s["single_cpu_ms"] if s["single_cpu_ms"] else 0
                for s, p in rounds
            )
    return results


def measure_hostile(server, args):
    """The home page, plain and with a unique query string, page number and
    cookies (a made-up session among them) on every request
    (bench/hostile.lua), both over 50 connections, alternating."""
    urllib.request.urlopen(server.url("/"), timeout=30).close()  # noqa: S310
    rounds = []
    for _ in range(args.rounds):
        plain = wrk(server, "/", args, connections=HOSTILE_CONNECTIONS)
        hostile = wrk(server, "/", args, connections=HOSTILE_CONNECTIONS, script=HOSTILE_SCRIPT)
        rounds.append((plain, hostile))
    return {
        "plain_rps": statistics.median(p["rps"] for p, _ in rounds),
        "hostile_rps": statistics.median(h["rps"] for _, h in rounds),
        "hostile_p99": statistics.median(h["p99"] for _, h in rounds),
        "ratio": median_ratio(rounds),
    }


def measure_sitemaps(server, args):
    """p50 latency of each sitemap page over the home page's, one connection,
    alternating, with the page cache off."""
    results = {}
    for name, path in SITEMAPS.items():
        urllib.request.urlopen(server.url(path), timeout=60).close()  # noqa: S310
        rounds = []
        for _ in range(args.rounds):
            home = wrk(server, "/", args, connections=1)
            page = wrk(server, path, args, connections=1)
            rounds.append((home, page))
        results[name] = {
            "home_p50": statistics.median(h["p50"] for h, _ in rounds),
            "p50": statistics.median(p["p50"] for _, p in rounds),
            "ratio": median_ratio(rounds, "p50"),
        }
    return results


def report_sitemaps(results):
    print("\n## Sitemap pages against the home page, page cache off, one connection\n")
    print(f"{'page':<22}{'p50 ms':>9}{'home p50 ms':>13}{'÷ home':>8}")
    for name, r in results.items():
        print(f"{name:<22}{r['p50']:>9.2f}{r['home_p50']:>13.2f}{r['ratio']:>8.1f}")
    met = all(r["ratio"] <= TARGET_SITEMAP_TIMES_HOME for r in results.values())
    target = f"every sitemap page <= {TARGET_SITEMAP_TIMES_HOME:.0f}x the home page's time"
    print(f"target: {target}: {'met' if met else 'MISSED'}")
    return {target: met}


def count_lines(path):
    with open(path, "rb") as file:
        return sum(1 for _ in file)


def lines_from(path, start):
    with open(path, encoding="utf-8") as file:
        return file.read().splitlines()[start:]


def settled_count(path, quiet=0.5, limit=15):
    """The lines in gunicorn's access log once no line has come for `quiet`
    seconds: requests nginx sent during the previous run may still wait in
    gunicorn's queue, and must not count for the next one."""
    count, deadline = count_lines(path), time.monotonic() + limit
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = count_lines(path)
        if now == count:
            break
        count = now
    return count


def through_nginx(front, app, path, args, tls=False, **options):
    """A wrk run against nginx (`front`), over HTTPS with `tls`; adds
    `origin`: the requests that reached gunicorn (`app`) meanwhile, counted
    in gunicorn's access log, and `origin_peak`: how many of them came in
    the busiest second."""
    before = settled_count(app.access_log)
    url = front.tls_url(path) if tls else None
    result = wrk(front, path, args, url=url, **options)
    settled_count(app.access_log)
    lines = lines_from(app.access_log, before)
    result["origin"] = len(lines)
    result["origin_peak"] = busiest_second(lines)
    return result


def median_ratio(rounds, figure="rps"):
    """The median over the rounds' (yardstick, measured) pairs of measured ÷
    yardstick in `figure` (0 where the yardstick is 0)."""
    return statistics.median(b[figure] / a[figure] if a[figure] else 0 for a, b in rounds)


def medians(rounds, index):
    """The median of each figure over the rounds' `index`-th runs."""
    return {
        figure: statistics.median(run[index][figure] for run in rounds) for figure in rounds[0][0]
    }


def warm(front, path, tls=False):
    """Asks nginx for `path` as wrk does (the encoding and the scheme are
    part of nginx's key), so that the copy it keeps is fresh."""
    name, value = HEADERS[1].split(": ", 1)
    url = front.tls_url(path) if tls else front.url(path)
    trusted = ssl.create_default_context(cafile=front.certificate)
    request = urllib.request.Request(url, headers={name: value})  # noqa: S310
    urllib.request.urlopen(request, timeout=30, context=trusted).close()  # noqa: S310


def measure_nginx(app, front, disk_url, args):
    """Through nginx: the home page from nginx's cache against a static file
    nginx reads from disk and against the bare proxy cache
    (nginx_front.BARE_PATH), alternating, over HTTP and over HTTPS; the home
    page once its copy is older than the app lets nginx serve while it asks
    again; a page nobody asked for before under 100 connections for 10 s;
    plain and hostile requests of the home page, alternating."""
    # Each cached run starts with a fresh copy: the copy of the round before
    # is older than the app lets nginx hand out after the static run, and
    # wrk's first requests would all go to gunicorn together (measured on
    # its own below). Warmed three times at first: otherwise the first run
    # stores the page itself, and its other connections wait for it in
    # proxy_cache_lock, which nginx checks every 500 ms.
    for tls in (False, True):
        for _ in range(3):
            warm(front, "/", tls)
    warm(front, BARE_PATH)
    cached, cached_tls = [], []
    for _ in range(args.rounds):
        static = through_nginx(front, app, disk_url, args)
        warm(front, "/")
        page = through_nginx(front, app, "/", args)
        bare = through_nginx(front, app, BARE_PATH, args)
        cached.append((static, page, bare))
        static = through_nginx(front, app, disk_url, args, tls=True)
        warm(front, "/", tls=True)
        page = through_nginx(front, app, "/", args, tls=True)
        cached_tls.append((static, page))
    # The copy ages past s-maxage and the grace; then 16 connections at once.
    time.sleep(EXPIRED_AFTER)
    expired = through_nginx(front, app, "/", args, duration=1)
    spike = through_nginx(
        front,
        app,
        PAGES[NGINX_SPIKE_PAGE],
        args,
        connections=NGINX_SPIKE_CONNECTIONS,
        duration=NGINX_SPIKE_SECONDS,
    )
    hostile = []
    for _ in range(args.rounds):
        plain = through_nginx(front, app, "/", args, connections=HOSTILE_CONNECTIONS)
        unique = through_nginx(
            front, app, "/", args, connections=HOSTILE_CONNECTIONS, script=HOSTILE_SCRIPT
        )
        hostile.append((plain, unique))
    return {
        "static": medians(cached, 0),
        "page": medians(cached, 1),
        "bare": medians(cached, 2),
        "ratio": median_ratio([(static, page) for static, page, _ in cached]),
        "bare_ratio": median_ratio([(static, bare) for static, _, bare in cached]),
        "page_to_bare": median_ratio([(bare, page) for _, page, bare in cached]),
        "expired": expired,
        "static_tls": medians(cached_tls, 0),
        "page_tls": medians(cached_tls, 1),
        "ratio_tls": median_ratio(cached_tls),
        "spike": {**spike, "origin_per_s": spike["origin"] / NGINX_SPIKE_SECONDS},
        "plain": medians(hostile, 0),
        "hostile": medians(hostile, 1),
        "hostile_ratio": median_ratio(hostile),
    }


def report_nginx(title, result):
    """Prints the nginx phase; returns {target: met}."""
    print(f"\n## {title}\n")
    print(
        f"{'requests through nginx':<44}{'conns':>6}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'nginx CPU ms/req':>18}{'bytes/req':>11}{'to gunicorn':>13}{'busiest s':>11}"
    )
    spike = f"{NGINX_SPIKE_PAGE}, not asked for before, {NGINX_SPIKE_SECONDS} s"
    rows = (
        ("static file from disk (the stylesheet)", result["static"]),
        ("home page, nginx's cache", result["page"]),
        ("home page, bare proxy cache (/bare/)", result["bare"]),
        ("static file from disk, HTTPS", result["static_tls"]),
        ("home page, nginx's cache, HTTPS", result["page_tls"]),
        (f"home page, copy older than {EXPIRED_AFTER} s, 1 s", result["expired"]),
        (spike, result["spike"]),
        ("home page, plain", result["plain"]),
        ("home page, hostile.lua", result["hostile"]),
    )
    for name, r in rows:
        print(
            f"{name:<44}{r['connections']:>6.0f}{r['rps']:>9.0f}{r['p50']:>9.2f}{r['p99']:>9.2f}"
            f"{r['cpu_ms']:>18.3f}{r['bytes']:>11.0f}{r['origin']:>13.0f}"
            f"{r['origin_peak']:>11.0f}"
        )
    spike = result["spike"]
    print(
        f"(to gunicorn: requests that reached it during the run; busiest s: the most of them\n"
        f"that came in within one second of the clock)\n"
        f"home page ÷ static file: {result['ratio']:.2f} (HTTPS, no target: "
        f"{result['ratio_tls']:.2f}); bare proxy cache ÷ static file: "
        f"{result['bare_ratio']:.2f}; home page ÷ bare proxy cache: {result['page_to_bare']:.2f}; "
        f"hostile ÷ plain: "
        f"{result['hostile_ratio']:.2f}; {NGINX_SPIKE_PAGE}: {spike['origin']} requests to "
        f"gunicorn in {NGINX_SPIKE_SECONDS} s, {spike['origin_per_s']:.1f} a second, at most "
        f"{spike['origin_peak']} in one"
    )
    targets = {
        f"nginx: cached page >= {TARGET_NGINX_RATIO:.0%} of a static file's req/s": result["ratio"]
        >= TARGET_NGINX_RATIO,
        f"nginx: <= {TARGET_NGINX_ORIGIN_PER_S:g} request in any second reaches gunicorn for a "
        f"page under {NGINX_SPIKE_CONNECTIONS} connections": spike["origin_peak"]
        <= TARGET_NGINX_ORIGIN_PER_S,
        f"nginx: hostile requests >= {TARGET_NGINX_HOSTILE:.0%} of plain req/s": result[
            "hostile_ratio"
        ]
        >= TARGET_NGINX_HOSTILE,
    }
    for target, met in targets.items():
        print(f"target: {target}: {'met' if met else 'MISSED'}")
    return targets


def nginx_phases(env, static_url, tmp, args, revision):
    """The nginx phase for each setting of DJANGO_SHARED_CACHE_GRACE
    (.env.example): the one in the environment, or both when none is set,
    so that one run shows what each costs. Returns {target: met}."""
    chosen = os.environ.get(GRACE_SETTING)
    targets = {}
    for grace in [chosen] if chosen else GRACE_VALUES:
        phase = nginx_phase({**env, GRACE_SETTING: grace}, static_url, tmp, args, revision)
        targets.update(
            {f"{target} ({GRACE_SETTING}={grace})": met for target, met in phase.items()}
        )
    return targets


def nginx_phase(env, static_url, tmp, args, revision):
    """gunicorn as `make run` starts it (page cache on, fixtures) with nginx
    in front (bench/nginx_front.py), each with fresh files; prints and
    records the figures, returns {target: met}."""
    grace = env[GRACE_SETTING]
    log = Path(tmp) / f"gunicorn-access-{grace}.log"
    static_root = Path(env["DJANGO_STATIC_ROOT"])
    disk_url = DISK_PREFIX + static_url.removeprefix("/static/")
    with Server({**env, "DJANGO_PAGE_CACHE": "1"}, access_log=log) as app:
        workers = len(app.workers())
        folder = Path(tmp) / f"nginx-{grace}"
        port = free_port()
        tls_port = free_port(taken=(port,))
        with Nginx(folder, port, tls_port, app.port, static_root, args.nginx_conf) as front:
            load_before = load_average()
            result = measure_nginx(app, front, disk_url, args)
    title = (
        f"nginx in front: fixtures, page cache on, {GRACE_SETTING}={grace} ({workers} gunicorn "
        f"workers; load average {load_before} before, {load_average()} after)"
    )
    targets = report_nginx(title, result)
    spike = result["spike"]
    record(
        f"wrk, nginx in front, fixtures, {GRACE_SETTING}={grace}",
        [
            ("static file from disk", "rps", result["static"]["rps"]),
            ("home", "rps", result["page"]["rps"]),
            ("home", "p99", result["page"]["p99"]),
            ("home", "ratio", result["ratio"]),
            ("home, bare proxy cache", "rps", result["bare"]["rps"]),
            ("home, bare proxy cache", "ratio", result["bare_ratio"]),
            ("home", "ratio to bare proxy cache", result["page_to_bare"]),
            ("home, copy expired", "origin in 1 s", result["expired"]["origin"]),
            ("static file from disk", "https rps", result["static_tls"]["rps"]),
            ("home", "https rps", result["page_tls"]["rps"]),
            ("home", "https ratio", result["ratio_tls"]),
            (NGINX_SPIKE_PAGE, "spike rps", spike["rps"]),
            (NGINX_SPIKE_PAGE, "spike origin per s", spike["origin_per_s"]),
            (NGINX_SPIKE_PAGE, "spike origin busiest s", spike["origin_peak"]),
            ("home", "plain rps", result["plain"]["rps"]),
            ("home", "hostile rps", result["hostile"]["rps"]),
            ("home", "hostile ratio", result["hostile_ratio"]),
            ("home", "hostile origin per s", result["hostile"]["origin"] / args.duration),
        ],
        revision,
    )
    return targets


def report_hostile(result):
    print(f"\n## Hostile traffic: `/` over {HOSTILE_CONNECTIONS} connections, page cache on\n")
    print(f"{'requests':<40}{'req/s':>9}{'p99 ms':>9}")
    print(f"{'plain /':<40}{result['plain_rps']:>9.0f}")
    print(
        f"{'unique query, page, session cookie each':<40}{result['hostile_rps']:>9.0f}"
        f"{result['hostile_p99']:>9.2f}"
    )
    met = result["ratio"] >= TARGET_HOSTILE
    print(f"ratio {result['ratio']:.2f}")
    target = f"hostile requests >= {TARGET_HOSTILE:.0%} of plain cached req/s"
    print(f"target: {target}: {'met' if met else 'MISSED'}")
    return {target: met}


def django_json(env, *args):
    """Runs a Python process of ours (`args`) against the site in `env`, page
    cache off, and reads the JSON it prints on its last line."""
    env = {**env, "DJANGO_PAGE_CACHE": "0", "DJANGO_SETTINGS_MODULE": "rdz_site.settings"}
    output = subprocess.run(  # noqa: S603 - our own code
        [PYTHON, *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def count_queries(env):
    """Queries per page with the page cache off, from Django's test client."""
    code = (
        "import json, django\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "django.setup()\n"
        "client, counts = Client(HTTP_HOST='127.0.0.1'), {}\n"
        f"for name, path in {PAGES!r}.items():\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        status = client.get(path).status_code\n"
        "    assert status == 200, (path, status)\n"
        "    counts[name] = len(queries)\n"
        "print(json.dumps(counts))\n"
    )
    return django_json(env, "-c", code)


def manage(env, *args):
    subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def prepare_site(tmp, database_url=None):
    """The site as `make run` sets it up, in the folder `tmp`: a fresh SQLite
    database (or the empty one `database_url` names) with the fixtures and
    the collected static files. Returns the environment to run it with and
    the stylesheet's (hashed) URL."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url or f"sqlite:///{tmp}/db.sqlite3",
        "DJANGO_STATIC_ROOT": f"{tmp}/static",
        "DJANGO_SECRET_KEY": "benchmark-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "CACHE_URL": "locmem://",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    manage(env, "migrate", "--noinput")
    manage(env, "loaddata", *FIXTURES)
    manage(env, "collectstatic", "--noinput")
    manifest = (Path(tmp) / "static" / "staticfiles.json").read_text()
    static_url = "/static/" + re.search(rf'"{re.escape(STATIC)}": "([^"]+)"', manifest)[1]
    return env, static_url


def report(title, results, queries, cache_on):
    """Prints one phase; returns {target: met} for the phase."""
    print(f"\n## {title}\n")
    head = (
        f"{'page':<14}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'static req/s':>14}{'ratio':>7}"
        f"{'CPU ms/req':>12}"
    )
    if not cache_on:
        # The page's CPU over the static file's, both under the same load in
        # the same rounds: a figure that moves less than milliseconds when
        # the machine's speed changes.
        head += f"{'÷ static':>10}{'1 conn CPU':>12}{'1 conn ÷ static':>17}{'queries':>9}"
    print(head)
    for name, r in results.items():
        line = (
            f"{name:<14}{r['rps']:>9.0f}{r['p50']:>9.2f}{r['p99']:>9.2f}"
            f"{r['static_rps']:>14.0f}{r['ratio']:>7.2f}{r['cpu_ms']:>12.2f}"
        )
        if not cache_on:
            relative = r["cpu_ms"] / r["static_cpu_ms"] if r["static_cpu_ms"] else 0
            line += (
                f"{relative:>10.1f}{r['single_cpu_ms']:>12.2f}"
                f"{r['single_times_static']:>17.1f}{queries[name]:>9}"
            )
        print(line)
    static_cpu = statistics.median(r["static_cpu_ms"] for r in results.values())
    print(f"(static file: {static_cpu:.2f} ms CPU per request)")
    if cache_on:
        targets = {
            f"every stored page >= {TARGET_RATIO:.0%} of the static file's req/s": all(
                r["ratio"] >= TARGET_RATIO for r in results.values()
            )
        }
    else:
        targets = {
            f"every page <= {TARGET_QUERIES} queries": all(
                count <= TARGET_QUERIES for count in queries.values()
            ),
        }
    for target, met in targets.items():
        print(f"target: {target}: {'met' if met else 'MISSED'}")
    return targets


RESULTS = BASE_DIR / "bench" / "results.csv"
RESULT_FIELDS = ("date", "commit", "machine", "mode", "page", "figure", "value")
# Scale mode: a page's CPU with the scale data over its CPU with the fixtures.
TARGET_SCALE_RATIO = 1.5


def commit():
    return subprocess.run(  # noqa: S603
        ["git", "describe", "--always", "--dirty"],  # noqa: S607 - git from PATH
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()


def record(mode, rows, revision):
    """Appends (page, figure, value) rows to bench/results.csv: the history
    of the benchmark is data, one line per page and figure and run.
    `revision` is commit() taken when the run started."""
    new = not RESULTS.exists()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M")
    with RESULTS.open("a", newline="") as file:
        writer = csv.writer(file)
        if new:
            writer.writerow(RESULT_FIELDS)
        for page, figure, value in rows:
            writer.writerow([stamp, revision, machine(), mode, page, figure, round(value, 3)])


def client_cpu(env, rounds, requests):
    """bench/client_cpu.py against the site in `env`, page cache off."""
    return django_json(env, str(BASE_DIR / "bench" / "client_cpu.py"), str(rounds), str(requests))


# What make_scale_data generates besides the events (its defaults).
SCALE_REST = "1,000 contacts, 100 projects, 1,000 milestones"
# Just enough generated rows to fill every list to its bound (ten upcoming
# and ten past events, ten contacts and ten projects a page, ten feed
# entries, ten search hits a kind): against it, the scale data shows whether
# a page's cost still grows once what it shows is full, whatever the number
# of rows behind it.
BOUNDS_DATA = ("--events", "100", "--contacts", "100", "--projects", "10", "--milestones", "100")


@contextlib.contextmanager
def database_copies(url, names, tmp):
    """{name: URL} of copies of the database at `url`: SQLite files in `tmp`,
    or databases of the same PostgreSQL cluster made from it as a template
    (and dropped again)."""
    if url.startswith("sqlite:///"):
        copies = {}
        for name in names:
            shutil.copyfile(url.removeprefix("sqlite:///"), f"{tmp}/{name}.sqlite3")
            copies[name] = f"sqlite:///{tmp}/{name}.sqlite3"
        yield copies
        return
    import psycopg  # only for this mode  # noqa: PLC0415
    from psycopg import sql  # noqa: PLC0415

    parts = urlsplit(url)
    source = parts.path.lstrip("/")
    targets = {name: f"{source}_{name}" for name in names}
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        for target in targets.values():
            connection.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(target), sql.Identifier(source)
                )
            )
        try:
            yield {
                name: parts._replace(path=f"/{target}").geturl() for name, target in targets.items()
            }
        finally:
            for target in targets.values():
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(target)
                    )
                )


def scale(args):
    """CPU per request of every page with the fixtures, with just enough
    data to fill every list, and with the scale data, through Django's test
    client with the page cache off. Three databases, measured in
    alternating rounds, so that the load of other work on the machine falls
    on all alike; a page's ratio is the median of its rounds' ratios."""
    revision = commit()
    database = os.environ.get("DATABASE_URL", "") if args.postgres else None
    if database is not None and not database.startswith(("postgres://", "postgresql://")):
        sys.exit("--postgres needs DATABASE_URL=postgres://... (make bench-scale-postgres)")
    print(f"# RDZ Altmark benchmark: fixtures vs scale data\n\nmachine: {machine()}")
    print(f"CPU per request through Django's test client, page cache off; load {load_average()}")
    print(f"database: {'PostgreSQL' if database else 'SQLite'}")
    options = {"bounds": BOUNDS_DATA, "scale": ("--events", str(args.events))}
    with (
        tempfile.TemporaryDirectory(prefix="rdz-bench-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        env, _static_url = prepare_site(tmp, database)
        copies = stack.enter_context(database_copies(env["DATABASE_URL"], options, tmp))
        envs = {"fixtures": env}
        for data, url in copies.items():
            envs[data] = {**env, "DATABASE_URL": url}
            manage(envs[data], "make_scale_data", *options[data])
        rounds = [
            {data: client_cpu(data_env, 1, args.requests) for data, data_env in envs.items()}
            for _ in range(args.rounds)
        ]

    def median(data, name):
        return statistics.median(run[data][name]["ms"] for run in rounds)

    def ratio(name, over):
        return statistics.median(run["scale"][name]["ms"] / run[over][name]["ms"] for run in rounds)

    print(
        f"(scale data: {args.events} events, {SCALE_REST}; "
        f"bounds filled: make_scale_data {' '.join(BOUNDS_DATA)})\n"
    )
    print("| page | fixtures | bounds filled | scale data | ÷ fixtures | ÷ bounds | queries |")
    print("|---|---|---|---|---|---|---|")
    rows, missed, growing = [], [], []
    for name in rounds[0]["fixtures"]:
        first = {data: rounds[0][data][name] for data in envs}
        ms = {data: median(data, name) for data in envs}
        over_fixtures, over_bounds = ratio(name, "fixtures"), ratio(name, "bounds")
        statuses = [str(result["status"]) for result in first.values()]
        status = "" if set(statuses) == {"200"} else f" ({'/'.join(statuses)})"
        print(
            f"| {name}{status} | {ms['fixtures']:.1f} ms | {ms['bounds']:.1f} ms "
            f"| {ms['scale']:.1f} ms | {over_fixtures:.2f} | {over_bounds:.2f} "
            f"| {' / '.join(str(r['queries']) for r in first.values())} |"
        )
        rows += [
            (name, "fixtures cpu ms", ms["fixtures"]),
            (name, "bounds cpu ms", ms["bounds"]),
            (name, "scale cpu ms", ms["scale"]),
            (name, "scale ratio", over_fixtures),
            (name, "scale over bounds ratio", over_bounds),
        ]
        if over_fixtures > TARGET_SCALE_RATIO:
            missed.append(name)
        if over_bounds > TARGET_SCALE_RATIO:
            growing.append(name)
    record("scale, postgresql" if database else "scale", rows, revision)
    print(f"\ntarget: every page <= {TARGET_SCALE_RATIO}x its CPU with the fixtures: ", end="")
    print("met" if not missed else f"MISSED ({', '.join(missed)})")
    print(
        f"once every list is full: every page <= {TARGET_SCALE_RATIO}x its CPU with the bounds "
        "filled: ",
        end="",
    )
    print("met" if not growing else f"MISSED ({', '.join(growing)})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=3, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=2, help="static/page pairs per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--events", type=int, default=10_000, help="scale data: events")
    parser.add_argument("--quick", action="store_true", help="one 2-second round per page")
    parser.add_argument(
        "--scale", action="store_true", help="CPU per page through the test client, no server"
    )
    parser.add_argument("--requests", type=int, default=20, help="--scale: requests per round")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="--scale on the PostgreSQL cluster DATABASE_URL names (.ci/with-postgres)",
    )
    parser.add_argument(
        "--nginx-only",
        action="store_true",
        help="only the nginx phase: fixtures, page cache on, nginx in front",
    )
    parser.add_argument(
        "--nginx-conf",
        default=DEPLOY_NGINX,
        help="folder of the nginx include files (default: deploy/nginx)",
    )
    parser.add_argument(
        "--hostile-only",
        action="store_true",
        help="only the hostile phase: fixtures, page cache on, plain / against hostile.lua",
    )
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # progress also when piped to a file
    if args.scale:
        args.rounds = 5 if args.rounds == parser.get_default("rounds") else args.rounds
        return scale(args)
    if args.quick:
        args.duration, args.rounds = 2, 1
    if not shutil.which("wrk"):
        sys.exit("wrk is missing. Install it with: sudo apt-get install wrk")
    if not args.hostile_only and not nginx_front.binary():
        sys.exit("nginx is missing. Install it with: sudo apt-get install nginx")

    revision = commit()
    print(f"# RDZ Altmark benchmark\n\nmachine: {machine()}")
    print(
        f"load: wrk -t{args.threads} -c{args.connections} -d{args.duration}s, "
        f"{args.rounds} interleaved round(s) per page; workers: "
        f"{os.environ.get('WEB_CONCURRENCY') or 'gunicorn.conf.py default (2 x CPUs + 1)'}"
    )
    with tempfile.TemporaryDirectory(prefix="rdz-bench-") as tmp:
        env, static_url = prepare_site(tmp)
        met, missed = [], []
        if args.hostile_only:
            with Server({**env, "DJANGO_PAGE_CACHE": "1"}) as server:
                ok = report_hostile(measure_hostile(server, args))
            sys.exit(0 if all(ok.values()) else 1)
        targets = nginx_phases(env, static_url, tmp, args, revision)
        if args.nginx_only:
            sys.exit(0 if all(targets.values()) else 1)
        for target, ok in targets.items():
            met.append(ok)
            if not ok:
                missed.append(f"fixtures: {target}")
        for data in ("fixtures", "scale data"):
            if data == "scale data":
                manage(env, "make_scale_data", "--events", str(args.events))
                print(f"\n(scale data: {args.events} events, {SCALE_REST})")
            queries = count_queries(env)
            for cache_on in (True, False):
                server_env = {**env, "DJANGO_PAGE_CACHE": "1" if cache_on else "0"}
                if not cache_on:
                    # One worker: the CPU of one rendering, without idle
                    # workers waking for each connection.
                    server_env["WEB_CONCURRENCY"] = "1"
                load_before = load_average()
                pages = PAGES
                if cache_on:
                    pages = {name: path for name, path in PAGES.items() if name not in UNSTORED}
                with Server(server_env) as server:
                    workers = len(server.workers())
                    results = measure(
                        server, static_url, args, one_at_a_time=not cache_on, pages=pages
                    )
                    if cache_on and data == "fixtures":
                        hostile = measure_hostile(server, args)
                    if not cache_on and data == "scale data":
                        sitemaps = measure_sitemaps(server, args)
                state = "on" if cache_on else "off"
                title = (
                    f"{data}, page cache {state} ({workers} gunicorn workers; "
                    f"load average {load_before} before, {load_average()} after)"
                )
                targets = report(title, results, queries, cache_on)
                mode = f"wrk, {data}, page cache {state}"
                figures = ("rps", "p50", "p99", "cpu_ms", "ratio", "single_cpu_ms")
                record(
                    mode,
                    [
                        (name, figure, r[figure])
                        for name, r in results.items()
                        for figure in figures
                        if figure in r
                    ],
                    revision,
                )
                if cache_on and data == "fixtures":
                    targets.update(report_hostile(hostile))
                if not cache_on and data == "scale data":
                    targets.update(report_sitemaps(sitemaps))
                for target, ok in targets.items():
                    met.append(ok)
                    if not ok:
                        missed.append(f"{data}: {target}")
    print(f"\nall targets {'met' if all(met) else 'NOT met'}")
    for target in missed:
        print(f"  missed: {target}")


if __name__ == "__main__":
    main()
