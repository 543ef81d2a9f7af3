"""CPU per request of each page through Django's test client, page cache off.

Run by `bench/run.py --scale` in a process of its own, against the database
that DATABASE_URL names (once per round, alternating between the fixtures'
database and the scale data's); prints one JSON object: {page: {"ms": median CPU
milliseconds per request, "queries": n, "status": code}}.

    python bench/client_cpu.py ROUNDS REQUESTS
"""

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Every page type, feed and file, in German (English costs the same).
PAGES = {
    "home": "/",
    "project list": "/projekte/",
    "project page": "/projekte/regionales-digitalisierungszentrum/",
    "events": "/veranstaltungen/",
    "events, page 2": "/veranstaltungen/?page=2",
    "upcoming events": "/veranstaltungen/demnaechst/",
    "event page": "/veranstaltungen/tournee-digital-auftakt-salzwedel/",
    "event .ics": "/veranstaltungen/tournee-digital-auftakt-salzwedel.ics",
    "contacts": "/ansprechpersonen/",
    "contact .vcf": "/ansprechpersonen/wirtschaftsfoerderung-projekte.vcf",
    "search `digital`": "/suche/?q=digital",
    "Atom feed": "/veranstaltungen/feed.atom",
    "calendar subscription": "/veranstaltungen/kalender.ics",
    "sitemap index": "/sitemap.xml",
    "legal page": "/impressum/",
}


def main(rounds, requests):
    import django
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    django.setup()
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for name, path in PAGES.items():
        for _ in range(3):  # first-request costs (templates, translations) are not the page's
            client.get(path)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        results[name] = {"status": status, "queries": len(queries), "samples": []}
    # Rounds go over all pages, so that a noisy neighbour hits every page alike.
    for _ in range(rounds):
        for name, path in PAGES.items():
            start = time.process_time()
            for _ in range(requests):
                client.get(path)
            results[name]["samples"].append(1000 * (time.process_time() - start) / requests)
    for result in results.values():
        result["ms"] = statistics.median(result.pop("samples"))
    print(json.dumps(results))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
