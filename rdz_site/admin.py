"""The admin as the county's editors (the Redaktion) see it: named for the
RDZ, the apps in the order of their work (content, then the legal pages and
feedback, then accounts), and on the start page the accessibility feedback
whose answer is due. django-axes' login records are for superusers only.

RedaktionAdminConfig (rdz_site/apps.py) makes this the default site, so
every app's `@admin.register` lands here."""

import datetime

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import Contact, Organisation
from core.admin import ContentAdmin, field_labels, relabel
from core.models import ReviewState
from core.two_factor import TwoFactorLoginForm, is_set_up, two_factor_view
from core.views import admin_request_too_large
from legal.feedback import DUE_SOON_DAYS
from legal.models import Feedback
from legal.requirements import legal_problems_for
from projects.models import Event, Project

# The order of the start page; apps not named here follow alphabetically.
APP_ORDER = ("projects", "contacts", "legal", "links", "auth", "axes")
MODEL_ORDER = (
    "projects.Project",
    "projects.Event",
    "projects.Goal",
    "projects.Milestone",
    "contacts.Contact",
    "contacts.Organisation",
    "legal.LegalPage",
    "legal.Feedback",
    "auth.User",
    "auth.Group",
)
# The items the start page lists as drafts and as scheduled.
PUBLISHED_MODELS = (Project, Event, Contact, Organisation)
SCHEDULE_DAYS = 14
CONTENT_APPS = ("projects", "contacts", "legal")
RECENT_CHANGES = 20
# Technical tables that only superusers see on the start page.
SUPERUSER_APPS = {"axes"}


def _position(order, key):
    return (order.index(key), "") if key in order else (len(order), key)


class RedaktionAdminSite(admin.AdminSite):
    site_header = _("RDZ Altmarkkreis Salzwedel: editorial office")
    site_title = _("RDZ editorial office")
    index_title = _("What would you like to edit?")

    # Staff need a second factor (core/two_factor.py) unless ADMIN_TWO_FACTOR
    # is off: the login asks for a code, and a session signed in without one
    # (force_login, a login elsewhere) is not let in.
    @property
    def login_form(self):
        return TwoFactorLoginForm if settings.ADMIN_TWO_FACTOR else None

    def has_permission(self, request):
        return super().has_permission(request) and (
            not settings.ADMIN_TWO_FACTOR or request.user.is_verified()
        )

    def get_urls(self):
        own = [
            # Open to all (no login): nginx shows it for bodies over its limit.
            path("request-too-large/", admin_request_too_large, name="request_too_large"),
            # Before Django's own "view on site", which only asks for staff.
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            ),
            path(
                "two-factor/",
                self.admin_view(lambda request: two_factor_view(request, self)),
                name="two_factor",
            ),
        ]
        return own + super().get_urls()

    def get_app_list(self, request, app_label=None):
        apps = [
            app
            for app in super().get_app_list(request, app_label)
            if request.user.is_superuser or app["app_label"] not in SUPERUSER_APPS
        ]
        apps.sort(key=lambda app: _position(APP_ORDER, app["app_label"]))
        for app in apps:
            app["models"].sort(key=lambda model: _position(MODEL_ORDER, model["model"]._meta.label))
        return apps

    def each_context(self, request):
        # The release's version in every admin page's header, for bug reports.
        context = super().each_context(request)
        version = _("Version %(version)s") % {"version": settings.RELEASE_VERSION}
        context["site_header"] = f"{context['site_header']} · {version}"
        return context

    def view_on_site(self, request, content_type_id, object_id):
        """The public address of an item (a draft's preview) only for those
        who may change it; others get 403 and learn no address."""
        model = get_object_or_404(ContentType, pk=content_type_id).model_class()
        try:
            model_admin = self.get_model_admin(model)
        except NotRegistered:
            raise PermissionDenied from None
        if not model_admin.has_change_permission(request):
            raise PermissionDenied
        obj = model_admin.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not model_admin.has_change_permission(request, obj):
            raise PermissionDenied
        return shortcut(request, content_type_id, object_id)

    def index(self, request, extra_context=None):
        context = {
            "feedback_due": self.feedback_due(request),
            "editorial": self.editorial(request),
            "legal_problems": legal_problems_for(request, self.name),
            # Signed in with a one-time code: the app and the recovery codes
            # come next (the guide).
            "needs_app": settings.ADMIN_TWO_FACTOR and not is_set_up(request.user),
            **(extra_context or {}),
        }
        return super().index(request, context)

    def editorial(self, request):
        """The editor's overview: drafts, what goes live or expires in the
        next SCHEDULE_DAYS days, and the last changes by anyone, each with a
        link to its form. Only models the user may change."""
        now = timezone.now()
        soon = now + datetime.timedelta(days=SCHEDULE_DAYS)
        drafts, scheduled, waiting = [], [], []
        # Only those who may publish something see what waits for them.
        publisher = False
        for model in PUBLISHED_MODELS:
            opts = model._meta
            if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
                continue
            url = f"{self.name}:{opts.app_label}_{opts.model_name}_change"
            if request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}"):
                publisher = True
                for obj in model.objects.filter(review_state=ReviewState.SUBMITTED)[:50]:
                    waiting.append(
                        {"obj": obj, "kind": opts.verbose_name, "url": reverse(url, args=[obj.pk])}
                    )
            for obj in model.objects.drafts()[:50]:
                drafts.append(
                    {"obj": obj, "kind": opts.verbose_name, "url": reverse(url, args=[obj.pk])}
                )
            if not any(field.name == "visible_from" for field in opts.fields):
                continue
            window = Q(visible_from__gt=now, visible_from__lte=soon) | Q(
                visible_until__gt=now, visible_until__lte=soon
            )
            for obj in model.objects.filter(window, is_published=True)[:50]:
                going_live = obj.visible_from is not None and now < obj.visible_from <= soon
                scheduled.append(
                    {
                        "obj": obj,
                        "kind": opts.verbose_name,
                        "url": reverse(url, args=[obj.pk]),
                        "when": obj.visible_from if going_live else obj.visible_until,
                        "going_live": going_live,
                    }
                )
        scheduled.sort(key=lambda item: item["when"])
        # Changes of content, not of accounts or the login log.
        changes = list(
            LogEntry.objects.filter(content_type__app_label__in=CONTENT_APPS)
            .select_related("user", "content_type")
            .order_by("-action_time")[:RECENT_CHANGES]
        )
        # What each change changed, its fields named as in the history.
        labels = {}
        for entry in changes:
            model = entry.content_type.model_class()
            if model not in labels:
                try:
                    model_admin = self.get_model_admin(model)
                except NotRegistered:
                    model_admin = None
                if isinstance(model_admin, ContentAdmin):
                    labels[model] = model_admin.editor_labels()
                else:  # feedback: no items kept with it
                    labels[model] = field_labels([model])
            entry.message = relabel(entry.get_change_message(), labels[model])
        return {
            "drafts": drafts,
            "scheduled": scheduled,
            "changes": changes,
            "days": SCHEDULE_DAYS,
            "waiting": waiting if publisher else None,
        }

    def feedback_due(self, request):
        """Counts and list links of the feedback that is overdue or due soon,
        for those who may see feedback."""
        if not request.user.has_perm("legal.view_feedback"):
            return None
        changelist = reverse(f"{self.name}:legal_feedback_changelist")
        return {
            "overdue": Feedback.objects.overdue().count(),
            "due_soon": Feedback.objects.due_soon().count(),
            "days": DUE_SOON_DAYS,
            "overdue_url": f"{changelist}?status=overdue",
            "due_soon_url": f"{changelist}?status=due",
            "open_url": f"{changelist}?status=open",
        }
