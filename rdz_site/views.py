from django.views.generic import TemplateView

from contacts.models import Contact
from projects.models import Event, Project


class HomeView(TemplateView):
    """The RDZ at a glance: the featured project's summary and key facts, its
    goals, the next (or else the latest) events and whom to contact."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = Project.objects.published().first()
        # Goals and funding of the one project, in their order; their default
        # ordering would join the project table only to sort by it. Plain
        # queries rather than prefetch_related(), which costs more to set up.
        goals = list(project.goals.order_by("order")) if project else []
        fundings = list(project.fundings.order_by("order")) if project else []
        upcoming = list(Event.objects.upcoming()[:3])
        context.update(
            project=project,
            goals=goals,
            fundings=fundings,
            upcoming_events=upcoming,
            latest_events=[] if upcoming else list(Event.objects.past()[:3]),
            contacts=list(Contact.objects.listed()[:2]),
        )
        return context
