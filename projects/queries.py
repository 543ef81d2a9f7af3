"""The lists the home, project and events pages load on every request,
compiled to SQL once (core/prepared.py): building these queries cost the
pages more than running them.

One plain query per list rather than prefetch_related(), which adds its own
bookkeeping. The default orderings of goals, results, milestones and funding
start with their project (a join to sort by the project's own ordering);
within one project only the second key counts, so they are sorted by it alone.
"""

from django.db import models

from contacts.models import Contact
from core.prepared import Param, PreparedQuery

from .models import Event, Funding, Goal, Milestone, Project, Result

_PROJECT = Param("project", models.IntegerField())
_TODAY = Param("today", models.DateField())

# The home page's featured project: the first published one.
FEATURED_PROJECT = PreparedQuery(lambda: Project.objects.published()[:1])

PROJECT_GOALS = PreparedQuery(lambda: Goal.objects.filter(project_id=_PROJECT).order_by("order"))
PROJECT_RESULTS = PreparedQuery(
    lambda: Result.objects.filter(goal__project_id=_PROJECT).order_by("order")
)
PROJECT_MILESTONES = PreparedQuery(
    lambda: Milestone.objects.filter(project_id=_PROJECT).order_by("date")
)
PROJECT_FUNDINGS = PreparedQuery(
    lambda: Funding.objects.filter(project_id=_PROJECT).order_by("order")
)
PROJECT_EVENTS = PreparedQuery(
    lambda: Event.objects.published().filter(project_id=_PROJECT).order_by("-start_date")
)
# Only name, role and link are shown: no organisation needed.
PROJECT_CONTACTS = PreparedQuery(lambda: Contact.objects.published().filter(projects__id=_PROJECT))

PUBLISHED_EVENTS = PreparedQuery(lambda: Event.objects.published())
UPCOMING_EVENTS = PreparedQuery(lambda: Event.objects.upcoming(_TODAY))
# The archive, a page at a time (PreparedRows).
PAST_EVENTS = PreparedQuery(lambda: Event.objects.past(_TODAY))
NEXT_EVENTS = PreparedQuery(lambda: Event.objects.upcoming(_TODAY)[:3])
LATEST_EVENTS = PreparedQuery(lambda: Event.objects.past(_TODAY)[:3])
