"""Legal pages and the accessibility feedback form."""

import datetime
import logging

from django.conf import settings
from django.db import DatabaseError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, TemplateView

from core.addresses import anonymise_ip, client_ip
from core.mixins import BreadcrumbMixin

from .feedback import RATE_LIMIT_WINDOW, ClientNetwork, notify_staff_soon
from .forms import FeedbackForm
from .models import LegalPage, Limitation

logger = logging.getLogger(__name__)


class LegalPageView(BreadcrumbMixin, DetailView):
    """Impressum, privacy policy, accessibility statement or the Leichte-Sprache
    page, chosen by `kind`; each kind has its own template in legal/."""

    kind = None
    context_object_name = "legal_page"

    def get_object(self, queryset=None):
        pages = LegalPage.objects.published().select_related("provider")
        return get_object_or_404(pages, kind=self.kind)

    def get_template_names(self):
        return [f"legal/{self.kind}.html", "legal/page.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.kind == LegalPage.Kind.ACCESSIBILITY:
            context["limitation_groups"] = limitation_groups(self.object.limitations.all())
        if self.kind == LegalPage.Kind.PRIVACY:
            # Every period the page promises comes from the code that keeps it.
            context["log_retention_days"] = settings.LOG_RETENTION_DAYS
            context["feedback_retention_days"] = settings.FEEDBACK_RETENTION_DAYS
            context["rate_limit_hours"] = round(RATE_LIMIT_WINDOW / datetime.timedelta(hours=1))
            context["cookies"] = site_cookies()
            context["login_lockout_minutes"] = round(
                settings.AXES_COOLOFF_TIME / datetime.timedelta(minutes=1)
            )
        return context

    def get_breadcrumb(self):
        return [(self.request.path, self.object.title)]


def limitation_groups(limitations):
    """(ground label, limitations) in the order of the EU model statement;
    grounds without limitations are left out."""
    by_ground = {}
    for limitation in limitations:
        by_ground.setdefault(limitation.ground, []).append(limitation)
    return [
        (ground.label, by_ground[ground]) for ground in Limitation.Ground if ground in by_ground
    ]


def _days(seconds):
    return max(1, round(seconds / 86400)) if seconds else None


def site_cookies():
    """The only cookies the site sets, with their lifetimes taken from the
    settings, so that the privacy policy stays true when they change."""
    return [
        {
            "name": settings.CSRF_COOKIE_NAME,
            "purpose": _(
                "Protects the feedback form against forged submissions. "
                "Set only on the feedback form's page."
            ),
            "days": None if settings.CSRF_USE_SESSIONS else _days(settings.CSRF_COOKIE_AGE),
        },
        {
            "name": settings.SESSION_COOKIE_NAME,
            "purpose": _("Keeps staff signed in to the admin area. Set only after signing in."),
            "days": None
            if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
            else _days(settings.SESSION_COOKIE_AGE),
        },
        {
            "name": settings.PAGE_CACHE_STAFF_COOKIE,
            "purpose": _(
                "Shows signed-in staff every page fresh rather than from the cache. "
                "Set only after signing in, deleted when signing out."
            ),
            "days": None,
        },
    ]


def accessibility_breadcrumb():
    return [(reverse("legal:accessibility"), _("Accessibility statement"))]


# Accessibility feedback --------------------------------------------------------


def client_network(request):
    """The client's address (behind trusted proxies: see client_ip), shortened
    to its network exactly as in the access log: enough to tell clients apart
    for the rate limit, not to identify a person. Stored only as a keyed hash
    (legal.feedback.network_key)."""
    return anonymise_ip(client_ip(request))


@method_decorator(never_cache, name="dispatch")
class FeedbackView(BreadcrumbMixin, FormView):
    """The site's only public form, and the only public page that sets a
    cookie (CSRF). Post/Redirect/Get to the thank-you page. Never stored by
    any cache: its token belongs to the visitor's cookie, also when the
    answer sets none."""

    template_name = "feedback/form.html"
    form_class = FeedbackForm
    # FormView would take PUT like POST.
    http_method_names = ["get", "post", "head", "options"]

    def get_initial(self):
        # The accessibility statement or another page may pass ?page=...
        return {"page": self.request.GET.get("page", "")[:500]}

    def post(self, request, *args, **kwargs):
        try:
            return self.submit(request)
        except DatabaseError:
            # Nothing was stored (the transaction is rolled back): say so
            # plainly, keep the text, and offer the ways that need no
            # database. Logged without the visitor's text.
            logger.exception("Feedback could not be stored: the database is unavailable.")
            return self.not_sent(status=503, database_down=True)

    def submit(self, request):
        # The rate limit (FEEDBACK_RATE_LIMIT per client network and hour) is
        # counted in the database, shared by every worker and app server. The
        # form uses no cache, so no state of the cache can lose a submission.
        # Stored submissions and bots' posts count; a form with errors does
        # not, but at the limit it is refused like any other.
        network = client_network(request)
        limit = settings.FEEDBACK_RATE_LIMIT
        form = self.get_form()
        # A bot's post is not validated: it never sees an error message.
        if not (form.is_bot or form.is_valid()):
            if ClientNetwork.objects.has_reached(network, limit):
                return self.rate_limited()
            return self.form_invalid(form)
        feedback = None
        # The attempt and the submission it allows are committed together.
        with transaction.atomic():
            counted = ClientNetwork.objects.count_attempt(network, limit)
            if counted and not form.is_bot:
                feedback = form.save(commit=False)
                feedback.language = translation.get_language()
                feedback.save()
        if not counted:
            return self.rate_limited()
        # Bots are answered as if their post had been stored; nothing is sent.
        if feedback is not None:
            # After the commit, in a thread of its own: the visitor never waits
            # for the mail relay, and send_feedback_mail retries what failed.
            notify_staff_soon(feedback)
        return redirect("legal:feedback_thanks")

    def rate_limited(self):
        return self.not_sent(status=429, rate_limited=True)

    def not_sent(self, status, **flags):
        # Keep what the person typed, unvalidated, and say plainly what happened.
        form = self.form_class(initial=self.request.POST.dict())
        context = self.get_context_data(form=form, **flags)
        response = self.render_to_response(context, status=status)
        # Render now, while the view can still answer for it.
        return response.render()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["retention_days"] = settings.FEEDBACK_RETENTION_DAYS
        context["rate_limit"] = settings.FEEDBACK_RATE_LIMIT
        return context

    def get_breadcrumb(self):
        return [*accessibility_breadcrumb(), (self.request.path, _("Feedback on accessibility"))]


class FeedbackThanksView(BreadcrumbMixin, TemplateView):
    template_name = "feedback/thanks.html"

    def get_breadcrumb(self):
        return [
            *accessibility_breadcrumb(),
            (reverse("legal:feedback"), _("Feedback on accessibility")),
            (self.request.path, _("Thank you")),
        ]
