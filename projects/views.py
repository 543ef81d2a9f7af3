from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, View

from core.mixins import BreadcrumbMixin
from core.prepared import PreparedRows

from . import ical, queries
from .models import Event, Project


def projects_breadcrumb():
    """The county site's trail: "Contacts & more > Economic development & projects"."""
    return [
        (reverse("contacts:list"), _("Contacts & more")),
        (reverse("projects:list"), _("Economic development & projects")),
    ]


class ProjectListView(BreadcrumbMixin, ListView):
    template_name = "projects/project_list.html"
    context_object_name = "projects"

    def get_queryset(self):
        return Project.objects.published()

    def get_breadcrumb(self):
        return projects_breadcrumb()


class ProjectDetailView(BreadcrumbMixin, DetailView):
    template_name = "projects/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return Project.objects.published().select_related("lead_organisation")

    def get_context_data(self, **kwargs):
        project = self.object
        goals = queries.PROJECT_GOALS(project=project.pk)
        results = {}
        for result in queries.PROJECT_RESULTS(project=project.pk):
            results.setdefault(result.goal_id, []).append(result)
        for goal in goals:
            goal.result_list = results.get(goal.pk, [])
        return super().get_context_data(
            goals=goals,
            milestones=queries.PROJECT_MILESTONES(project=project.pk),
            fundings=queries.PROJECT_FUNDINGS(project=project.pk),
            events=queries.PROJECT_EVENTS(project=project.pk),
            contacts=queries.PROJECT_CONTACTS(project=project.pk),
            **kwargs,
        )

    def get_breadcrumb(self):
        return [*projects_breadcrumb(), (self.object.get_absolute_url(), self.object.title)]


class EventListView(BreadcrumbMixin, ListView):
    """Upcoming events first; below them the archive of past events, paginated."""

    template_name = "projects/event_list.html"
    context_object_name = "past_events"
    paginate_by = 10

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # One date for all queries of the page, so that past and upcoming
        # events split the published ones also at midnight.
        self.today = timezone.localdate()
        self.upcoming_events = None

    def get_queryset(self):
        return PreparedRows(queries.PAST_EVENTS, today=self.today)

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        page = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        if str(page) == "1":
            # The first page lists the upcoming events anyway. Every published
            # event is either upcoming or past, so the past ones are counted
            # as the rest: counting the published events is one index scan,
            # a third of a millisecond less than counting past() with its
            # date condition (10,000 events, SQLite).
            self.upcoming_events = queries.UPCOMING_EVENTS(today=self.today)
            paginator.count = queries.PUBLISHED_EVENTS.count() - len(self.upcoming_events)
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Only the first page lists the upcoming events; later pages are archive only.
        if context["page_obj"].number == 1:
            if self.upcoming_events is None:  # the first page as ?page=last
                self.upcoming_events = queries.UPCOMING_EVENTS(today=self.today)
            context["upcoming_events"] = self.upcoming_events
        return context

    def get_breadcrumb(self):
        return [(reverse("events:list"), _("Events"))]


class EventDetailView(BreadcrumbMixin, DetailView):
    template_name = "projects/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        # The lead organisation is the organizer in the page's JSON-LD.
        return Event.objects.published().select_related("project__lead_organisation")

    def get_breadcrumb(self):
        return [
            (reverse("events:list"), _("Events")),
            (self.object.get_absolute_url(), self.object.title),
        ]


# Calendar files (RFC 5545) -------------------------------------------------------

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


class EventICalView(DetailView):
    """One event as an .ics file to add to a calendar program."""

    def get_queryset(self):
        return Event.objects.published().select_related("project")

    def render_to_response(self, context, **response_kwargs):
        response = HttpResponse(ical.calendar([self.object]), content_type=ICS_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.object.slug}.ics"'
        return response


# The subscription feed holds every upcoming event and this many of the
# latest past ones: years of the RDZ's events, yet a bounded file (each event
# costs the icalendar library about half a millisecond; 10,000 took 3 s and
# 4.5 MB, for every calendar program that polls).
CALENDAR_PAST_EVENTS = 100


class EventCalendarView(View):
    """The events as a calendar to subscribe to. Served inline, not as a
    download, because calendar programs fetch it again by its URL."""

    def get(self, request):
        today = timezone.localdate()
        past = Event.objects.past(today).select_related("project")[:CALENDAR_PAST_EVENTS]
        upcoming = Event.objects.upcoming(today).select_related("project")
        events = [*list(past)[::-1], *upcoming]
        body = ical.calendar(
            events,
            name=_("Events – RDZ Altmark"),
            uid=f"events-{get_language()}@{ical.site_host()}",
        )
        return HttpResponse(body, content_type=ICS_CONTENT_TYPE)
