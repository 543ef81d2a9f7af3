#!/usr/bin/env python3
"""Lighthouse (mobile) on every page type, in German and in English.

SPEC.md sets "Lighthouse 100 in all four categories on the mobile profile".
This script measures it: the site as `make run` serves it (gunicorn, the
fixtures, collected and compressed static files, page cache on), each page
audited by Lighthouse's command line with its default mobile settings
(emulated Moto G Power, slow 4G, 4x CPU slowdown) in the system's Chromium.
A minimal HTML page served from the same machine is audited too: what it
loses in performance is the machine's, not the site's.

Accessibility, best practices and SEO come from checks of the page itself
and give the same result on every run. Performance is timed: on a slow or
busy machine Lighthouse warns that the host is slower than it expects, and
the score drops for every page alike. That is why it is a script with a
baseline and not a test.

    make lighthouse                          # installs Lighthouse, then runs this
    .venv/bin/python bench/lighthouse.py [--out DIR] [--only home,project page]

Needs Node.js and the pinned Lighthouse in .cache/lighthouse (`make
lighthouse` installs it with npm).
"""

import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from run import BASE_DIR, PAGES, Server, load_average, machine, prepare_site

sys.path.insert(0, str(BASE_DIR / "scripts"))
import chromium  # noqa: E402 - scripts/chromium.py: how the browser tests start Chromium

LIGHTHOUSE = BASE_DIR / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
ENGLISH = {
    "home": "/en/",
    "project list": "/en/projects/",
    "project page": "/en/projects/regionales-digitalisierungszentrum/",
    "events": "/en/events/",
    "event detail": "/en/events/tournee-digital-auftakt-salzwedel/",
    "contacts": "/en/contacts/",
    "search": "/en/search/?q=digitalisation",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "FCP": "first-contentful-paint",
    "LCP": "largest-contentful-paint",
    "TBT": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
}
BASELINE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Baseline</title><meta name="description" content="A page with nothing to load.">
</head><body><main><h1>Baseline</h1><p>One paragraph and nothing else.</p></main></body></html>
"""


def audit(url, out, attempts=3):
    """Lighthouse's report on `url` (written to `out`), as a dict. Lighthouse
    sometimes fails to record the trace of a load (NO_NAVSTART) and says to
    run it again: so it is, up to `attempts` times."""
    for attempt in range(1, attempts + 1):
        result = subprocess.run(  # noqa: S603 - the pinned Lighthouse
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                "--chrome-flags=" + " ".join(["--headless=new", *chromium.CHROMIUM_ARGS]),
            ],
            env={**os.environ, "CHROME_PATH": chromium.CHROMIUM},
            capture_output=True,
            text=True,
            timeout=180,
        )
        if result.returncode == 0:
            return json.loads(Path(out).read_text())
        print(f"{url}: Lighthouse failed (attempt {attempt}): {result.stderr.strip()[-300:]}")
    sys.exit(f"Lighthouse failed {attempts} times on {url}.")


def summary(report):
    # A category Lighthouse could not score (the page did not load) is 0.
    scores = {name: report["categories"][name]["score"] or 0 for name in CATEGORIES}
    metrics = {
        short: report["audits"][audit_id].get("displayValue", "")
        for short, audit_id in METRICS.items()
    }
    # What cost a category its 100: the audits that count and did not pass.
    failed = sorted(
        {
            ref["id"]
            for name in CATEGORIES
            for ref in report["categories"][name]["auditRefs"]
            if ref["weight"] > 0 and (report["audits"][ref["id"]].get("score") or 0) < 1
        }
    )
    return scores, metrics, failed


def serve_folder(folder):
    """A plain HTTP server for `folder` in a thread (it ends with the script)."""
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", help="keep the JSON reports in this folder")
    parser.add_argument("--only", help="page types, comma-separated (default: all)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing. Install it with: make lighthouse")
    names = args.only.split(",") if args.only else list(PAGES)
    unknown = set(names) - set(PAGES)
    if unknown:
        sys.exit(f"Unknown page types: {', '.join(sorted(unknown))}; known: {', '.join(PAGES)}")

    version = subprocess.run(  # noqa: S603
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(f"# Lighthouse {version}, mobile\n\nmachine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="rdz-lighthouse-") as tmp:
        out = Path(args.out or tmp)
        out.mkdir(parents=True, exist_ok=True)
        (Path(tmp) / "baseline.html").write_text(BASELINE_HTML)
        env, _static_url = prepare_site(tmp)
        rows, missed, warnings = [], [], set()
        with Server({**env, "DJANGO_PAGE_CACHE": "1"}) as server:
            print(f"load average before: {load_average()}\n")
            targets = [("baseline (minimal page)", f"{serve_folder(tmp)}/baseline.html")]
            for name in names:
                targets.append((name, server.url(PAGES[name])))
                targets.append((f"{name} (en)", server.url(ENGLISH[name])))
            for index, (name, url) in enumerate(targets):
                report = audit(url, out / f"{index:02d}.json")
                scores, metrics, failed = summary(report)
                warnings.update(report.get("runWarnings", []))
                benchmark = report["environment"].get("benchmarkIndex")
                rows.append((name, scores, metrics, failed, benchmark))
                if not name.startswith("baseline"):
                    missed += [f"{name}: {c}" for c, score in scores.items() if score != 1]

    header = f"{'page':26}" + "".join(f"{c[:13]:>15}" for c in CATEGORIES)
    header += "".join(f"{m:>9}" for m in METRICS) + "  CPU index  audits below 100"
    print(header)
    for name, scores, metrics, failed, benchmark in rows:
        line = f"{name:26}" + "".join(f"{round(scores[c] * 100):>15}" for c in CATEGORIES)
        line += "".join(f"{metrics[m]:>9}" for m in METRICS)
        print(f"{line}  {benchmark:>9}  {', '.join(failed)}")
    print(f"\nload average after: {load_average()}")
    for warning in sorted(warnings):
        print(f"Lighthouse: {warning}")
    print(f"\ntarget: every page 100 in all four categories: {'MISSED' if missed else 'met'}")
    for item in missed:
        print(f"  below 100: {item}")


if __name__ == "__main__":
    main()
