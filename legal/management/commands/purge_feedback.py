"""Delete accessibility feedback older than FEEDBACK_RETENTION_DAYS, and what
the form's rate limit no longer needs.

The privacy policy promises that submissions (which may hold a name and an
e-mail address) are kept only for that period; run this daily, e.g. from
cron or a systemd timer, to keep the promise. The rate limit's records (a
keyed hash of a client network and the times it posted) count for an hour;
each request trims its own network's, and this deletes the rest.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from core.login_throttle import purge_expired_attempts
from legal.models import ClientNetwork, Feedback


class Command(BaseCommand):
    help = "Delete accessibility feedback older than FEEDBACK_RETENTION_DAYS (default 365)."

    @transaction.atomic
    def handle(self, *args, **options):
        deleted, _details = Feedback.objects.expired().delete()
        forgotten = ClientNetwork.objects.forget_idle()
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {deleted} feedback submission(s) older than "
                f"{settings.FEEDBACK_RETENTION_DAYS} days."
            )
        )
        self.stdout.write(f"Forgot {forgotten} client network(s) of the form's rate limit.")
        # The daily clean-up the privacy policy promises covers failed admin logins too.
        attempts = purge_expired_attempts()
        self.stdout.write(f"Deleted {attempts} record(s) of failed logins whose lockout is over.")
