#!/usr/bin/env python3
"""Instructions per page with the page cache off: a figure that does not
move with the machine's load.

Wall-clock and CPU time on a shared machine wander by 10-20 % between runs,
more than most changes to a view or a template are worth. Valgrind's
callgrind counts the instructions the interpreter executes instead; the same
code gives the same count on every run. Each page is rendered by Django's
test client (the whole middleware stack, no gunicorn) against a fresh SQLite
database with the fixtures, once with only the warm-up requests and once
with N more; the difference over N is the cost of one request.

    .venv/bin/python bench/instructions.py                # every page, a few minutes
    .venv/bin/python bench/instructions.py home "project page"

To compare two commits, run it in a worktree of each. Instructions are not
time (cache misses and I/O are not in them) and the static file here skips
gunicorn: use bench/run.py for the figures SPEC.md sets targets for, and
this script to see what a change to a page costs. Needs valgrind
(apt-get install valgrind). See bench/README.md.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from run import BASE_DIR, PAGES, PYTHON, prepare_site

WARM_UP = 15
CLIENT = """
import sys, django
django.setup()
from django.test import Client
path, count = sys.argv[1], int(sys.argv[2])
client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
for _ in range({warm_up} + count):
    status = client.get(path).status_code
    assert status == 200, (path, status)
"""


def instructions(env, path, count):
    """Instructions of a whole process that makes WARM_UP + count requests."""
    output = subprocess.run(  # noqa: S603 - valgrind on our own code
        [  # noqa: S607 - valgrind from PATH, checked in main()
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            PYTHON,
            "-c",
            CLIENT.format(warm_up=WARM_UP),
            path,
            str(count),
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    return int(re.search(r"Collected : (\d+)", output)[1])


def per_request(env, path, count):
    return (instructions(env, path, count) - instructions(env, path, 0)) / count


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", help=f"page names ({', '.join(PAGES)})")
    parser.add_argument("--requests", type=int, default=10, help="measured requests per page")
    args = parser.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("valgrind is missing. Install it with: sudo apt-get install valgrind")
    unknown = set(args.pages) - set(PAGES)
    if unknown:
        sys.exit(f"Unknown page(s): {', '.join(sorted(unknown))}. Pages: {', '.join(PAGES)}")
    pages = {name: PAGES[name] for name in args.pages or PAGES}

    with tempfile.TemporaryDirectory(prefix="rdz-instructions-") as tmp:
        env, static_url = prepare_site(tmp)
        env.update(
            DJANGO_SETTINGS_MODULE="rdz_site.settings",
            DJANGO_PAGE_CACHE="0",
            # The same hash seed in every process: dict and set order, and
            # with them the instructions, do not vary between runs.
            PYTHONHASHSEED="0",
        )
        targets = {"static file": static_url, **pages}
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            counts = dict(
                zip(
                    targets,
                    pool.map(lambda path: per_request(env, path, args.requests), targets.values()),
                    strict=True,
                )
            )

    print(f"# Instructions per request, page cache off ({args.requests} requests each)\n")
    print(f"{'page':<16}{'M instructions':>16}")
    for name, count in counts.items():
        print(f"{name:<16}{count / 1e6:>16.2f}")
    print("\n(static file: served by WhiteNoise through the same middleware, without gunicorn)")


if __name__ == "__main__":
    main()
