from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, View

from core.mixins import BreadcrumbMixin, PreviewMixin

from . import ical
from .models import Event, Project


def projects_breadcrumb():
    """The trail follows the site's own menu: Home > Projects."""
    return [(reverse("projects:list"), _("Projects"))]


class ProjectListView(BreadcrumbMixin, ListView):
    template_name = "projects/project_list.html"
    context_object_name = "projects"

    def get_queryset(self):
        return Project.objects.published()

    def get_breadcrumb(self):
        return projects_breadcrumb()


class ProjectDetailView(PreviewMixin, BreadcrumbMixin, DetailView):
    template_name = "projects/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return self.visible(Project.objects.all()).select_related("lead_organisation")

    def get_context_data(self, **kwargs):
        # One project: each relation through its manager, in its own order
        # (the default orderings of milestones and funding start with the
        # project), and only what is public of events and contacts.
        project = self.object
        return super().get_context_data(
            goals=project.goals.with_results(),
            milestones=project.milestones.order_by("date"),
            fundings=project.fundings.order_by("order"),
            events=project.events.published(),
            contacts=project.contacts.listed(),
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

    def get_queryset(self):
        return Event.objects.past(self.today)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Only the first page lists the upcoming events; later pages are archive only.
        if context["page_obj"].number == 1:
            context["upcoming_events"] = Event.objects.upcoming(self.today)
        return context

    def get_breadcrumb(self):
        return [(reverse("events:list"), _("Events"))]


class EventDetailView(PreviewMixin, BreadcrumbMixin, DetailView):
    template_name = "projects/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return self.visible(Event.objects.all()).select_related("project")

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
        body = ical.calendar([self.object], uid=ical.event_calendar_uid(self.object))
        response = HttpResponse(body, content_type=ICS_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.object.slug}.ics"'
        return response


# The subscription feed holds every upcoming event and this many of the
# latest past ones: years of the RDZ's events, yet a file of bounded size
# for every calendar program that polls it.
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
            name=_("Events – RDZ Altmarkkreis Salzwedel"),
            uid=f"events-{get_language()}@{ical.site_host()}",
        )
        return HttpResponse(body, content_type=ICS_CONTENT_TYPE)
