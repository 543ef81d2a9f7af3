"""Send the staff e-mail of every accessibility feedback whose mail has not
gone out (the relay was down or hung, or the worker ended first).

The form's view sends it in a thread of its own right after answering the
visitor; this command retries what that did not send, oldest first, and
leaves the rest for its next run when the relay fails again. Run it every
few minutes (rdz-feedback-mail.timer, on one app server).
"""

from django.core.management.base import BaseCommand

from legal.feedback import Feedback, notify_staff


class Command(BaseCommand):
    help = "E-mail the staff the accessibility feedback whose notification has not gone out."

    def handle(self, *args, **options):
        waiting = list(Feedback.objects.not_notified().order_by("received_at"))
        sent = 0
        for feedback in waiting:
            if not notify_staff(feedback):
                break  # the relay still fails: the next run tries again
            sent += 1
        if sent < len(waiting):
            self.stderr.write(
                self.style.WARNING(
                    f"Sent {sent} of {len(waiting)} feedback e-mail(s); the rest wait for "
                    "the next run (see the log for the relay's error)."
                )
            )
            return
        self.stdout.write(f"Sent {sent} feedback e-mail(s).")
