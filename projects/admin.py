from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from core.admin import (
    ContentAdmin,
    ContentInlineMixin,
    PublishingAdmin,
    StatusFilter,
    register_history,
)
from core.templatetags.dates import event_when

from .models import Event, Funding, Goal, Milestone, Project, Result

# A project's versions hold everything on its page; a goal's, its results.
register_history(Project, follow=("goals", "milestones", "fundings"))
register_history(Goal, follow=("results",))
register_history(Result)
register_history(Milestone)
register_history(Funding)
register_history(Event)


# The project page: one row per goal and milestone, the funding folded away.
# Django has no nested inlines: a goal's results are edited on the goal's own
# page, a milestone's description on the milestone's; each row links there.


class GoalInline(ContentInlineMixin, TranslationTabularInline):
    model = Goal
    extra = 0
    show_change_link = True
    fields = ("order", "title", "result_count")
    readonly_fields = ("result_count",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(result_total=Count("results"))

    @admin.display(description=_("results"))
    def result_count(self, obj):
        return getattr(obj, "result_total", "–")


class MilestoneInline(ContentInlineMixin, TranslationTabularInline):
    model = Milestone
    extra = 0
    show_change_link = True
    ordering = ("date",)
    fields = ("date", "date_precision", "title", "slug")
    prepopulated_fields = {"slug": ("title_de",)}


class FundingInline(ContentInlineMixin, TranslationStackedInline):
    model = Funding
    extra = 0
    classes = ("collapse",)
    fields = (
        "programme",
        "funder",
        ("max_amount", "co_funding_note"),
        ("start_date", "end_date"),
        "order",
    )


class ResultInline(ContentInlineMixin, TranslationTabularInline):
    model = Result
    extra = 0
    fields = ("order", "text", "date", "date_precision")


@admin.register(Project)
class ProjectAdmin(PublishingAdmin):
    list_display = ("title", "status", "start_date", "end_date", "lead_organisation")
    list_filter = (StatusFilter,)
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title_de",)}
    autocomplete_fields = ("lead_organisation", "contacts")
    inlines = (GoalInline, MilestoneInline, FundingInline)
    fieldsets = (
        (None, {"fields": ("title", "summary", "background")}),
        (
            _("Period and people involved"),
            {"fields": (("start_date", "end_date"), "lead_organisation", "contacts")},
        ),
        (
            _("Quote"),
            {
                "classes": ("collapse",),
                "fields": ("quote_text", "quote_speaker", "quote_role", "quote_date"),
            },
        ),
        (
            _("Rarely changed"),
            {"classes": ("collapse",), "fields": ("slug", "quote_date_precision")},
        ),
    )


@admin.register(Goal)
class GoalAdmin(ContentAdmin):
    list_display = ("title", "project", "order")
    list_filter = ("project",)
    list_select_related = ("project",)
    search_fields = ("title",)
    fields = ("project", "title", "order")
    inlines = (ResultInline,)


@admin.register(Milestone)
class MilestoneAdmin(ContentAdmin):
    list_display = ("title", "date", "project")
    list_filter = ("project",)
    list_select_related = ("project",)
    search_fields = ("title", "description")
    ordering = ("project", "date")
    prepopulated_fields = {"slug": ("title_de",)}
    fieldsets = (
        (None, {"fields": ("project", ("date", "date_precision"), "title", "description")}),
        (_("Rarely changed"), {"classes": ("collapse",), "fields": ("slug",)}),
    )


@admin.register(Event)
class EventAdmin(PublishingAdmin):
    # Date and time in one column, and the project only in the filter on
    # the right, so that the list fits a 1366 px screen.
    list_display = ("title", "status", "when", "venue")
    list_filter = (StatusFilter, "project")
    search_fields = ("title", "venue", "description")
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ("title_de",)}
    fieldsets = (
        (None, {"fields": ("title", "project")}),
        (_("Time"), {"fields": (("start_date", "start_time"), ("end_date", "end_time"))}),
        (_("Place"), {"fields": ("venue", "address")}),
        (None, {"fields": ("description",)}),
        (_("Rarely changed"), {"classes": ("collapse",), "fields": ("slug",)}),
    )

    @admin.display(description=_("When"), ordering="start_date")
    def when(self, obj):
        return event_when(obj)
