import datetime

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import BrokenLink, LinkCheck

# The check runs every night; a last run older than this means it stopped.
CHECK_OVERDUE_AFTER = datetime.timedelta(days=2)


@admin.register(BrokenLink)
class BrokenLinkAdmin(admin.ModelAdmin):
    """The links `manage.py check_links` found broken: where each is, with a
    link to the form to correct it, and when the check last finished. The
    list is the command's; editors fix the content and the next run drops
    the entry."""

    list_display = ("link", "problem", "place", "first_seen", "last_checked")
    search_fields = ("url", "where")

    @admin.display(description=_("link"), ordering="url")
    def link(self, obj):
        return format_html('<a href="{}" rel="noreferrer">{}</a>', obj.url, obj.url)

    @admin.display(description=_("where"), ordering="where")
    def place(self, obj):
        if not obj.edit_url:
            return obj.where
        return format_html('<a href="{}">{}</a>', obj.edit_url, obj.where)

    def changelist_view(self, request, extra_context=None):
        last_check = LinkCheck.objects.order_by("-finished_at").first()
        return super().changelist_view(
            request,
            extra_context={
                # A list to look at, not Django's "Select … to view".
                "title": capfirst(self.model._meta.verbose_name_plural),
                "last_check": last_check,
                # The list holds what the last check found broken.
                "links_broken": BrokenLink.objects.values("url").distinct().count(),
                "links_places": BrokenLink.objects.count(),
                "last_check_is_old": last_check is not None
                and last_check.finished_at < timezone.now() - CHECK_OVERDUE_AFTER,
                **(extra_context or {}),
            },
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
