"""gunicorn settings used by `make run` and in production.

HOST, PORT and WEB_CONCURRENCY come from the environment (see .env.example);
gunicorn itself also reads FORWARDED_ALLOW_IPS (the proxies it trusts for
X-Forwarded-Proto; default: only this machine).

gunicorn parses WEB_CONCURRENCY before this file runs and fails on an empty
value: start it through bin/rdz-gunicorn (make run, rdz.service), which
removes empty variables; an empty value here means the default too.
"""

import multiprocessing
import os
from pathlib import Path

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Sync workers: pages are rendered in a few milliseconds and the page cache
# answers most requests, so two per CPU keep the CPUs busy while a worker
# waits for the database. Capped: each worker holds its own connection and
# page-cache memory.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(multiprocessing.cpu_count() * 2 + 1, 12))
# The longest request line gunicorn allows (its default is 4094): a search
# for 1,000 umlauts is about 6 KB encoded and must reach the site, which
# shortens it and says so, instead of gunicorn's bare 414 page.
limit_request_line = 8190
# A request that takes longer than this is stuck; the worker is replaced.
timeout = 30
graceful_timeout = 30
# Behind a reverse proxy that keeps connections open.
keepalive = 5
# Replace workers now and then, so a slow leak can't grow forever - but
# rarely: a new worker spends about a second importing Django and starts
# with an empty page cache. At 2,000 the workers restarted every few seconds
# under load and a cached page fell to a fraction of a static file's speed
# (bench/run.py); 100,000 is hours even at peak traffic.
max_requests = 100_000
max_requests_jitter = 10_000
# Workers' heartbeat files in memory, not on a disk that may be slow or full
# (they hold no data; gunicorn creates them with a random name).
SHARED_MEMORY = Path("/dev/shm")  # noqa: S108
if SHARED_MEMORY.is_dir():
    worker_tmp_dir = str(SHARED_MEMORY)
# gunicorn 27 opens a control socket under ~/.gunicorn/ by default; a web
# server has no business writing into a user's home directory. (The
# setting's name is control_socket_disable; the command line calls it
# --no-control-socket, and a config file's `no_control_socket` is ignored.)
control_socket_disable = True

# Logging: errors to stderr, requests to stdout. The access log holds what
# the privacy policy lists - time, request line, status, size, user agent -
# and the client address shortened to its network (no referrer, no full IP).
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
accesslog = "-"
# Then the request ID (the site sends it back in X-Request-ID) and the time
# taken in microseconds. Times: UTC, ISO 8601 (core/gunicorn_logging.py).
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s "%(a)s" id=%({x-request-id}o)s time_us=%(D)s'
logger_class = "core.gunicorn_logging.AnonymisingLogger"
