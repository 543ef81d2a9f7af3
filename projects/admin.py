from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from .models import Event, Funding, Goal, Milestone, Project, Result


class GoalInline(TranslationStackedInline):
    model = Goal
    extra = 0
    show_change_link = True
    fields = ("order", "title")


class MilestoneInline(TranslationStackedInline):
    model = Milestone
    extra = 0
    fields = ("date", "date_precision", "title", "slug", "description")
    prepopulated_fields = {"slug": ("title_de",)}


class FundingInline(TranslationStackedInline):
    model = Funding
    extra = 0
    fields = (
        "order",
        "programme",
        "funder",
        "max_amount",
        "co_funding_note",
        "start_date",
        "end_date",
    )


class ResultInline(TranslationStackedInline):
    model = Result
    extra = 0
    fields = ("order", "text", "date", "date_precision")


@admin.register(Project)
class ProjectAdmin(TabbedTranslationAdmin):
    list_display = ("title", "start_date", "end_date", "lead_organisation", "is_published")
    list_filter = ("is_published",)
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title_de",)}
    autocomplete_fields = ("lead_organisation",)
    filter_horizontal = ("contacts",)
    inlines = (GoalInline, MilestoneInline, FundingInline)
    fieldsets = (
        (None, {"fields": ("title", "slug", "is_published", "summary", "background")}),
        (
            _("Period and people involved"),
            {
                "fields": ("start_date", "end_date", "lead_organisation", "contacts"),
            },
        ),
        (
            _("Quote"),
            {
                "fields": (
                    "quote_text",
                    "quote_speaker",
                    "quote_role",
                    "quote_date",
                    "quote_date_precision",
                ),
            },
        ),
    )


@admin.register(Goal)
class GoalAdmin(TabbedTranslationAdmin):
    list_display = ("title", "project", "order")
    list_filter = ("project",)
    list_select_related = ("project",)
    search_fields = ("title",)
    inlines = (ResultInline,)


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    list_display = ("title", "start_date", "start_time", "venue", "project", "is_published")
    list_filter = ("is_published", "project")
    list_select_related = ("project",)
    search_fields = ("title", "venue", "description")
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ("title_de",)}
    fieldsets = (
        (None, {"fields": ("title", "slug", "is_published", "project")}),
        (_("Time"), {"fields": ("start_date", "start_time", "end_date", "end_time")}),
        (_("Place"), {"fields": ("venue", "address")}),
        (None, {"fields": ("description",)}),
    )
