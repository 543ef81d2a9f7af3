from django.views.generic import TemplateView

from contacts.models import Contact
from projects.models import Event, Project


class HomeView(TemplateView):
    """The RDZ at a glance: the featured project's summary and key facts, its
    goals, the next (or else the latest) events and whom to contact."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = Project.objects.published().prefetch_related("goals", "fundings").first()
        upcoming = list(Event.objects.upcoming()[:3])
        context.update(
            project=project,
            upcoming_events=upcoming,
            latest_events=[] if upcoming else list(Event.objects.past()[:3]),
            contacts=list(Contact.objects.listed()[:2]),
        )
        return context
