from django.db.models import Prefetch
from django.utils import timezone
from django.views.generic import TemplateView

from contacts.models import Contact
from projects.models import Event, Funding, Goal, Project, Result


class HomeView(TemplateView):
    """The RDZ at a glance: the featured project's summary and key facts, its
    goals with their results, the next (or else the latest) events and whom
    to contact."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The featured project is the first published one. Its goals, results
        # and funding sorted by their own key: their default orderings start
        # with the project (or goal).
        project = (
            Project.objects.published()
            .prefetch_related(
                Prefetch("goals", queryset=Goal.objects.order_by("order")),
                Prefetch("goals__results", queryset=Result.objects.order_by("order")),
                Prefetch("fundings", queryset=Funding.objects.order_by("order")),
            )
            .first()
        )
        today = timezone.localdate()
        upcoming = list(Event.objects.upcoming(today)[:3])
        context.update(
            project=project,
            upcoming_events=upcoming,
            latest_events=[] if upcoming else list(Event.objects.past(today)[:3]),
            contacts=Contact.objects.listed()[:2],
        )
        return context
