import datetime

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, View

from core.mixins import BreadcrumbMixin, PageNumberMixin, PreviewMixin

from . import ical
from .models import Event, Project


def projects_breadcrumb():
    """The trail follows the site's own menu: Home > Projects."""
    return [(reverse("projects:list"), _("Projects"))]


class ProjectListView(PageNumberMixin, BreadcrumbMixin, ListView):
    """The published projects, newest first, ten to a page: the county has
    a handful, and a page stays the same size should it ever have hundreds."""

    template_name = "projects/project_list.html"
    context_object_name = "projects"
    paginate_by = 10
    # The page caches key this page by its page number (pagecache).
    page_cache_parameters = ("page",)

    def get_queryset(self):
        # The primary key last: projects that start on the same day under
        # the same title keep their page.
        return Project.objects.published().order_by("-start_date", "title", "pk")

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
            # With the organisation, whose changes date the page too.
            contacts=project.contacts.listed().select_related("organisation"),
            **kwargs,
        )

    def get_breadcrumb(self):
        return [*projects_breadcrumb(), (self.object.get_absolute_url(), self.object.title)]


def events_breadcrumb():
    return [(reverse("events:list"), _("Events"))]


# Upcoming events on the first page of the events list, and per page of
# the list of all upcoming events.
UPCOMING_ON_PAGE = 10


class EventListView(PageNumberMixin, BreadcrumbMixin, ListView):
    """Upcoming events first; below them the archive of past events, paginated."""

    template_name = "projects/event_list.html"
    context_object_name = "past_events"
    paginate_by = 10
    # The page cache keys this page by its page number (pagecache).
    page_cache_parameters = ("page",)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # One date for all queries of the page, so that past and upcoming
        # events split the published ones also at midnight.
        self.today = timezone.localdate()

    def get_queryset(self):
        return Event.objects.past(self.today)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Only the first page lists the upcoming events, the soonest
        # UPCOMING_ON_PAGE of them and a link to the rest; later pages are
        # archive only.
        if context["page_obj"].number == 1:
            upcoming = list(Event.objects.upcoming(self.today)[: UPCOMING_ON_PAGE + 1])
            context["upcoming_events"] = upcoming[:UPCOMING_ON_PAGE]
            context["more_upcoming"] = len(upcoming) > UPCOMING_ON_PAGE
        return context

    def get_breadcrumb(self):
        return events_breadcrumb()


class UpcomingEventListView(PageNumberMixin, BreadcrumbMixin, ListView):
    """All upcoming events, soonest first, a page at a time: where the
    events page's short list leads when there are more."""

    template_name = "projects/upcoming_event_list.html"
    context_object_name = "events"
    paginate_by = UPCOMING_ON_PAGE
    # The page caches key this page by its page number (pagecache).
    page_cache_parameters = ("page",)

    def get_queryset(self):
        return Event.objects.upcoming()

    def get_breadcrumb(self):
        return [*events_breadcrumb(), (reverse("events:upcoming"), _("Upcoming events"))]


class EventDetailView(PreviewMixin, BreadcrumbMixin, DetailView):
    template_name = "projects/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return self.visible(Event.objects.all()).with_project()

    def get_breadcrumb(self):
        return [*events_breadcrumb(), (self.object.get_absolute_url(), self.object.title)]


# Calendar files (RFC 5545) -------------------------------------------------------

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


class EventICalView(DetailView):
    """One event as an .ics file to add to a calendar program."""

    def get_queryset(self):
        return Event.objects.published().with_project()

    def render_to_response(self, context, **response_kwargs):
        body = ical.calendar([self.object], uid=ical.event_calendar_uid(self.object))
        response = HttpResponse(body, content_type=ICS_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.object.slug}.ics"'
        return response


# The subscription feed holds the upcoming events of the next two years
# (those that end by then, read from the index on the last day; a later
# one enters as it comes nearer) and the CALENDAR_PAST_EVENTS latest past
# ones: a file of bounded size for every calendar program that polls it,
# however many years of events the site holds. (A window of days into the
# past would leave a quiet site's calendar empty; a number keeps the last
# events in it.)
CALENDAR_DAYS_AHEAD = 2 * 365
CALENDAR_PAST_EVENTS = 10


class EventCalendarView(View):
    """The events as a calendar to subscribe to. Served inline, not as a
    download, because calendar programs fetch it again by its URL."""

    def get(self, request):
        today = timezone.localdate()
        past = Event.objects.past(today).with_project()[:CALENDAR_PAST_EVENTS]
        upcoming = (
            Event.objects.upcoming(today)
            .filter(last_day__lte=today + datetime.timedelta(days=CALENDAR_DAYS_AHEAD))
            .with_project()
        )
        events = [*list(past)[::-1], *upcoming]
        body = ical.calendar(
            events,
            name=_("Events – RDZ Altmarkkreis Salzwedel"),
            uid=f"events-{get_language()}@{ical.site_host()}",
        )
        return HttpResponse(body, content_type=ICS_CONTENT_TYPE)
