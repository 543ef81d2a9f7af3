from django.db.models import Prefetch
from django.views.generic import TemplateView

from contacts.models import Contact
from projects.models import Event, Funding, Goal, Project


class HomeView(TemplateView):
    """The RDZ at a glance: the featured project's summary and key facts, its
    goals, the next (or else the latest) events and whom to contact."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Goals and funding of the one project, in their order; their default
        # ordering would join the project table only to sort by it.
        project = (
            Project.objects.published()
            .prefetch_related(
                Prefetch("goals", queryset=Goal.objects.order_by("order")),
                Prefetch("fundings", queryset=Funding.objects.order_by("order")),
            )
            .first()
        )
        upcoming = list(Event.objects.upcoming()[:3])
        context.update(
            project=project,
            upcoming_events=upcoming,
            latest_events=[] if upcoming else list(Event.objects.past()[:3]),
            contacts=list(Contact.objects.listed()[:2]),
        )
        return context
