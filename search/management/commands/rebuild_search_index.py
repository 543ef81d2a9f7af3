"""Rebuild the search index from the content.

Why: saves and deletes keep the index current through signals, and
`migrate` and `flush` rebuild it, but writes that send no signals
(`QuerySet.update()`, `bulk_create()`, raw SQL, a restored backup of the
content tables) leave it behind. The rebuild runs in one transaction, so a
search meanwhile sees the old index.
"""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from search.index import rebuild


class Command(BaseCommand):
    help = (
        "Rebuilds the site search index from the content. Saves, deletes, loaddata, "
        "migrate and flush keep it current; run this after QuerySet.update(), "
        "bulk_create() or raw SQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database, **options):
        count = rebuild(database)
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} entries."))
