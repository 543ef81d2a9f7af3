"""E-mail the Redaktion a list of the accessibility feedback that must be
answered soon or is overdue.

The law gives one month to answer; after that the sender may turn to the
Ombudsstelle. Run this daily (rdz-purge-feedback.service starts it after
purge_feedback): it writes to FEEDBACK_RECIPIENTS, in German, one line per
open item whose answer is due within DUE_SOON_DAYS days or overdue, with a
link to it in the admin (built from SITE_URL). When nothing is due it sends
nothing, so that a message always means work.

It also names feedback whose own notification never went out
(send_feedback_mail keeps trying): on the console, and in the reminder.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from legal.feedback import DUE_SOON_DAYS, Feedback


class Command(BaseCommand):
    help = (
        "E-mail FEEDBACK_RECIPIENTS the accessibility feedback that is overdue or due "
        f"within {DUE_SOON_DAYS} days; send nothing when there is none."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        unsent = Feedback.objects.not_notified()
        for item in unsent:
            self.stderr.write(
                self.style.WARNING(
                    f"The staff e-mail about feedback {item.pk} (received "
                    f"{timezone.localtime(item.received_at):%Y-%m-%d %H:%M}) has not gone out yet; "
                    "send_feedback_mail keeps trying. Check the mail relay."
                )
            )
        items = list(Feedback.objects.needing_an_answer(today) | unsent.filter(answered_at=None))
        items.sort(key=lambda item: (item.answer_by, item.received_at))
        if not items:
            self.stdout.write("No accessibility feedback is due: no reminder sent.")
            return
        if not settings.FEEDBACK_RECIPIENTS:
            self.stderr.write(
                self.style.WARNING(
                    f"{len(items)} feedback item(s) due, but FEEDBACK_RECIPIENTS is empty: "
                    "no reminder sent."
                )
            )
            return
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = self.message(items, today)
        send_mail(subject, body, None, settings.FEEDBACK_RECIPIENTS)
        self.stdout.write(
            self.style.SUCCESS(
                f"Reminded {len(settings.FEEDBACK_RECIPIENTS)} recipient(s) of "
                f"{len(items)} feedback item(s)."
            )
        )

    def message(self, items, today):
        overdue = sum(1 for item in items if item.answer_by < today)
        subject = ngettext(
            "Accessibility feedback: %(count)d item to answer",
            "Accessibility feedback: %(count)d items to answer",
            len(items),
        ) % {"count": len(items)}
        lines = [
            _(
                "This accessibility feedback must be answered within one month of its "
                "receipt. Please answer it and enter the date of your answer in the admin."
            ),
            "",
        ]
        if overdue:
            lines += [
                ngettext(
                    "%(count)d item is overdue: the sender may now turn to the Ombudsstelle.",
                    "%(count)d items are overdue: the senders may now turn to the Ombudsstelle.",
                    overdue,
                )
                % {"count": overdue},
                "",
            ]
        for item in items:
            status = _("OVERDUE") if item.answer_by < today else _("due")
            if item.notified_at is None:
                status = _("%(status)s (its own notification e-mail has not gone out)") % {
                    "status": status
                }
            lines += [
                _("%(status)s: answer by %(date)s")
                % {
                    "status": status,
                    "date": date_format(item.answer_by, "DATE_FORMAT"),
                },
                _("Page: %(page)s") % {"page": item.page},
                _("Received: %(date)s")
                % {"date": date_format(timezone.localtime(item.received_at), "DATE_FORMAT")},
                settings.SITE_URL + reverse("admin:legal_feedback_change", args=[item.pk]),
                "",
            ]
        open_items = reverse("admin:legal_feedback_changelist") + "?status=open"
        lines.append(_("All open feedback: %(url)s") % {"url": settings.SITE_URL + open_items})
        return subject, "\n".join(lines) + "\n"
