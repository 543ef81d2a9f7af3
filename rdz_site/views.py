from django.utils import timezone
from django.views.generic import TemplateView

from contacts.models import Contact
from projects.models import Event, Project


class HomeView(TemplateView):
    """The RDZ at a glance: the featured project's summary and key facts, its
    goals with their results, the next (or else the latest) events and whom
    to contact."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The featured project is the first published one.
        project = Project.objects.published().first()
        if project:
            context.update(
                project=project,
                goals=project.goals.with_results(),
                fundings=project.fundings.order_by("order"),
            )
        today = timezone.localdate()
        upcoming = list(Event.objects.upcoming(today)[:3])
        context.update(
            upcoming_events=upcoming,
            latest_events=[] if upcoming else list(Event.objects.past(today)[:3]),
            contacts=Contact.objects.listed()[:2],
        )
        return context
