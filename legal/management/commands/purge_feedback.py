"""Delete accessibility feedback older than FEEDBACK_RETENTION_DAYS.

The privacy policy promises that submissions (which may hold a name and an
e-mail address) are kept only for that period; run this daily, e.g. from
cron or a systemd timer, to keep the promise.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from legal.models import Feedback


class Command(BaseCommand):
    help = "Delete accessibility feedback older than FEEDBACK_RETENTION_DAYS (default 365)."

    @transaction.atomic
    def handle(self, *args, **options):
        deleted, _details = Feedback.objects.expired().delete()
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {deleted} feedback submission(s) older than "
                f"{settings.FEEDBACK_RETENTION_DAYS} days."
            )
        )
