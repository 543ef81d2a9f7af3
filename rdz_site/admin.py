"""The admin as the county's editors (the Redaktion) see it: named for the
RDZ, the apps in the order of their work (content, then the legal pages and
feedback, then accounts), and on the start page the accessibility feedback
whose answer is due. django-axes' login records are for superusers only.

RedaktionAdminConfig (rdz_site/apps.py) makes this the default site, so
every app's `@admin.register` lands here."""

from django.contrib import admin
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from core.views import admin_request_too_large
from legal.models import DUE_SOON_DAYS, Feedback
from legal.requirements import legal_problems_for

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
# Technical tables that only superusers see on the start page.
SUPERUSER_APPS = {"axes"}


def _position(order, key):
    return (order.index(key), "") if key in order else (len(order), key)


class RedaktionAdminSite(admin.AdminSite):
    site_header = _("RDZ Altmarkkreis Salzwedel: editorial office")
    site_title = _("RDZ editorial office")
    index_title = _("What would you like to edit?")

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

    def get_urls(self):
        # Open to all (no login): nginx shows it for bodies over its limit.
        return [
            path("request-too-large/", admin_request_too_large, name="request_too_large"),
            *super().get_urls(),
        ]

    def index(self, request, extra_context=None):
        context = {
            "feedback_due": self.feedback_due(request),
            "legal_problems": legal_problems_for(request, self.name),
            **(extra_context or {}),
        }
        return super().index(request, context)

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
