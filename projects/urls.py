from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views
from .feeds import EventFeed

# Included twice from the root URLconf, under the namespaces "projects" and
# "events": events are part of this app but have their own URL space.
project_patterns = [
    path("", views.ProjectListView.as_view(), name="list"),
    path("<slug:slug>/", views.ProjectDetailView.as_view(), name="detail"),
]

event_patterns = [
    path("", views.EventListView.as_view(), name="list"),
    # Upcoming, calendar and feed before the slug patterns, which would match them too.
    path(_("upcoming/"), views.UpcomingEventListView.as_view(), name="upcoming"),
    path(_("calendar.ics"), views.EventCalendarView.as_view(), name="calendar"),
    path("feed.atom", EventFeed(), name="feed"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("<slug:slug>.ics", views.EventICalView.as_view(), name="ical"),
]
