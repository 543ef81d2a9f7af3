"""Invalidate all cached pages by hand.

The page cache notices every save and delete through model signals, and
`loaddata`, `flush` and `migrate` too. It cannot notice raw SQL,
QuerySet.update() or bulk_create(); run this command after those.
"""

from django.core.management.base import BaseCommand

from pagecache.models import bump, current_version


class Command(BaseCommand):
    help = "Invalidate every cached page (after raw SQL, bulk updates or a code deploy)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        bump(database)
        version = current_version(database)
        self.stdout.write(self.style.SUCCESS(f"Content version is now {version}."))
