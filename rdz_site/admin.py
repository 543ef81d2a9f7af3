"""The admin as the county's editors (the Redaktion) see it: named for the
RDZ, the apps in the order of their work (content, then the legal pages and
feedback, then accounts), and on the start page the accessibility feedback
whose answer is due. django-axes' login records are for superusers only.

RedaktionAdminConfig (rdz_site/apps.py) makes this the default site, so
every app's `@admin.register` lands here."""

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from legal.models import DUE_SOON_DAYS, Feedback

# The order of the start page; apps not named here follow alphabetically.
APP_ORDER = ("projects", "contacts", "legal", "auth", "axes")
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
        # Before Django's own "view on site", which only asks for staff.
        return [
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            ),
            *super().get_urls(),
        ]

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
        context = {"feedback_due": self.feedback_due(request), **(extra_context or {})}
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
