"""Accessibility feedback: the submissions, the form's rate limit and the
staff's notification mail.

The notification never keeps a visitor waiting and is never lost: the view
stores the feedback and hands the mail to a thread of its own
(notify_staff_soon); a submission whose mail did not go out (relay down or
hung, worker ended) keeps `notified_at` empty, and `send_feedback_mail`
(run every few minutes by rdz-feedback-mail.timer) sends it until it goes
out. `remind_feedback` reports any that still wait.
"""

import calendar
import datetime
import logging
import threading

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connections, models, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.models import CleanTextModel
from core.text import ANY_LINE_BREAK, quoted, without_format_characters

logger = logging.getLogger(__name__)


def one_month_later(moment):
    """The same day a month later; the 31st becomes the last day of a shorter month."""
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


# Submissions --------------------------------------------------------------------


# Open feedback whose answer is due within this many days is "due soon": the
# admin's start page counts it and the daily reminder lists it.
DUE_SOON_DAYS = 7
# The view's own attempt to send the staff e-mail (in a thread) may take this
# long (EMAIL_TIMEOUT and more); only then does send_feedback_mail retry it.
NOTIFY_GRACE = datetime.timedelta(minutes=2)


class FeedbackQuerySet(models.QuerySet):
    def open(self):
        return self.filter(answered_at__isnull=True)

    def overdue(self, today=None):
        return self.open().filter(answer_by__lt=today or timezone.localdate())

    def due_soon(self, today=None):
        """Open, and to be answered today or within the next DUE_SOON_DAYS days."""
        today = today or timezone.localdate()
        last = today + datetime.timedelta(days=DUE_SOON_DAYS)
        return self.open().filter(answer_by__gte=today, answer_by__lte=last)

    def needing_an_answer(self, today=None):
        """Overdue or due soon, the earliest deadline first."""
        today = today or timezone.localdate()
        last = today + datetime.timedelta(days=DUE_SOON_DAYS)
        return self.open().filter(answer_by__lte=last).order_by("answer_by", "received_at")

    def not_notified(self, now=None):
        """Submissions whose staff e-mail has not gone out, and whose view's own
        attempt has had its time (NOTIFY_GRACE)."""
        now = now or timezone.now()
        return self.filter(notified_at__isnull=True, received_at__lte=now - NOTIFY_GRACE)

    def expired(self, now=None):
        """Submissions older than the retention period (FEEDBACK_RETENTION_DAYS)."""
        now = now or timezone.now()
        days = settings.FEEDBACK_RETENTION_DAYS
        return self.filter(received_at__lt=now - datetime.timedelta(days=days))


class Feedback(CleanTextModel):
    """A report about an accessibility problem, sent through the site's only
    public form. The law gives the county one month to answer."""

    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    page = models.CharField(_("page concerned"), max_length=500)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    received_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    answer_by = models.DateField(_("answer by"), editable=False)
    answered_at = models.DateField(
        _("answered on"),
        null=True,
        blank=True,
        help_text=_("Set when the answer has been sent; the item then no longer counts as open."),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("answered by"),
        help_text=_("The editor who entered the answer date."),
    )
    staff_note = models.TextField(_("internal note"), blank=True)
    notified_at = models.DateTimeField(
        _("staff notified"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the e-mail to the staff went out; empty until it has."),
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ("-received_at",)
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")

    def __str__(self):
        received = formats.date_format(timezone.localtime(self.received_at), "SHORT_DATE_FORMAT")
        return f"{self.page[:60]} ({received})"

    def save(self, *args, **kwargs):
        if not self.answer_by:
            self.answer_by = one_month_later(timezone.localtime(self.received_at).date())
        super().save(*args, **kwargs)


# The feedback form's rate limit --------------------------------------------------

# Submissions count against a client network for this long.
RATE_LIMIT_WINDOW = datetime.timedelta(hours=1)


def network_key(network):
    """A keyed hash (HMAC-SHA256 with SECRET_KEY) of a client network: enough
    to tell networks apart, while no address is ever stored (GDPR data
    minimisation). Changing SECRET_KEY starts every count afresh."""
    return salted_hmac("legal.ClientNetwork.key", network, algorithm="sha256").hexdigest()


class ClientNetworkQuerySet(models.QuerySet):
    def has_reached(self, network, limit, now=None):
        """Whether `network` has had `limit` counted submissions in the last
        hour. Only a look: it counts nothing and decides nothing for a
        concurrent request (see count_attempt)."""
        attempts = SubmissionAttempt.objects.recent(now).filter(network__key=network_key(network))
        return attempts.count() >= limit

    def count_attempt(self, network, limit, now=None):
        """Count one submission from `network`, unless it has had `limit` in the
        last hour already; True if it was counted.

        What must hold: requests from one network, on any worker of any app
        server, never both count under the limit. The network's row is locked
        before its attempts are counted, until the caller's transaction ends,
        so put what the attempt allows (storing the feedback) in the same
        transaction.atomic() block.
        - PostgreSQL: select_for_update() makes a second request wait at the
          row until the first commits; its next statement (READ COMMITTED,
          Django's default) then counts the first one's attempt. The first
          request of a new network creates the row; a concurrent creator waits
          at the unique key, fails, and get_or_create() reads the row, locked.
        - SQLite has no row locks: the settings' IMMEDIATE transactions take
          the database's write lock when the outermost atomic block begins,
          so one request at a time counts and records.
        """
        now = now or timezone.now()
        with transaction.atomic(using=self.db):
            client, _created = self.select_for_update().get_or_create(key=network_key(network))
            # What no longer counts is not kept.
            client.attempts.expired(now).delete()
            if client.attempts.recent(now).count() >= limit:
                return False
            client.attempts.create(attempted_at=now)
            return True

    def forget_idle(self, now=None):
        """Delete the attempts that no longer count, and the networks left
        without any; returns how many networks were forgotten. A network that
        a request is counting right now is skipped (that request trims its
        own), so this never waits for a request, and deletes nothing that a
        request is about to count."""
        now = now or timezone.now()
        with transaction.atomic(using=self.db):
            free = list(self.select_for_update(skip_locked=True).values_list("pk", flat=True))
            SubmissionAttempt.objects.filter(network__in=free).expired(now).delete()
            remaining = SubmissionAttempt.objects.filter(network=OuterRef("pk"))
            idle = self.filter(pk__in=free).exclude(Exists(remaining))
            return idle.delete()[1].get(self.model._meta.label, 0)


class ClientNetwork(models.Model):
    """A client network that has used the feedback form within the last hour,
    known only by a keyed hash of its address (network_key). Its row is what
    concurrent requests from that network queue for (count_attempt)."""

    key = models.CharField(max_length=64, unique=True, editable=False)

    objects = ClientNetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("client network (feedback rate limit)")
        verbose_name_plural = _("client networks (feedback rate limit)")

    def __str__(self):
        return self.key[:12]


class SubmissionAttemptQuerySet(models.QuerySet):
    def recent(self, now=None):
        """Attempts that count against the limit: those of the last hour."""
        return self.filter(attempted_at__gt=(now or timezone.now()) - RATE_LIMIT_WINDOW)

    def expired(self, now=None):
        return self.filter(attempted_at__lte=(now or timezone.now()) - RATE_LIMIT_WINDOW)


class SubmissionAttempt(models.Model):
    """One counted post of the feedback form: a stored submission, or a bot's
    post that was answered as if it had been stored."""

    network = models.ForeignKey(
        ClientNetwork, on_delete=models.CASCADE, related_name="attempts", editable=False
    )
    attempted_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)

    objects = SubmissionAttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback submission attempt")
        verbose_name_plural = _("feedback submission attempts")

    def __str__(self):
        return f"{self.network} {self.attempted_at:%Y-%m-%d %H:%M}"


# The staff's notification --------------------------------------------------------


def one_line(value):
    return " ".join(ANY_LINE_BREAK.sub(" ", without_format_characters(value)).split())


def notify_staff(feedback):
    """E-mail the staff about `feedback`; True once the mail went out (then
    `notified_at` is set). A relay that fails or hangs (EMAIL_TIMEOUT) costs
    nothing but a log line: the submission is stored and is sent again by
    send_feedback_mail."""
    recipients = settings.FEEDBACK_RECIPIENTS
    if not recipients:
        logger.warning("Feedback %s received, but FEEDBACK_RECIPIENTS is empty.", feedback.pk)
        return False
    admin_url = settings.SITE_URL + reverse("admin:legal_feedback_change", args=[feedback.pk])
    with translation.override(settings.LANGUAGE_CODE):
        answer_by = formats.date_format(feedback.answer_by, "SHORT_DATE_FORMAT")
        subject = gettext("New accessibility feedback (answer by %(date)s)") % {"date": answer_by}
        # What the visitor typed can't pass for the site's own lines: the
        # one-line fields stay on their line, the message is quoted, and
        # format characters (bidi overrides) are gone, also from
        # submissions stored before the form removed them.
        body = render_to_string(
            "feedback/staff_email.txt",
            {
                "feedback": feedback,
                "name": one_line(feedback.name),
                "page": one_line(feedback.page),
                "message": quoted(without_format_characters(feedback.message)),
                "answer_by": answer_by,
                "admin_url": admin_url,
            },
        )
    message = EmailMessage(
        subject, body, to=recipients, reply_to=[feedback.email] if feedback.email else None
    )
    try:
        message.send()
    except Exception as error:
        logger.warning(
            "Could not send the e-mail about feedback %s (%s); send_feedback_mail retries it.",
            feedback.pk,
            type(error).__name__,
        )
        return False
    Feedback.objects.filter(pk=feedback.pk).update(notified_at=timezone.now())
    return True


def _notify_in_thread(feedback):
    try:
        notify_staff(feedback)
    finally:
        # The thread's own database connection.
        connections.close_all()


def notify_staff_soon(feedback):
    """notify_staff once the current transaction has committed, in a thread of
    its own, so that the visitor's answer never waits for the mail relay.
    With FEEDBACK_MAIL_IN_THREAD off (the tests, which read the outbox) it
    is sent right here."""
    if not settings.FEEDBACK_MAIL_IN_THREAD:
        notify_staff(feedback)
        return
    transaction.on_commit(
        lambda: threading.Thread(
            target=_notify_in_thread, args=(feedback,), name="feedback-mail", daemon=True
        ).start()
    )
