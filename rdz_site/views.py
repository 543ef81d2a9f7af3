from django.utils import timezone
from django.views.generic import TemplateView

from contacts.cards import card
from contacts.models import Contact
from projects import queries


class HomeView(TemplateView):
    """The RDZ at a glance: the featured project's summary and key facts, its
    goals, the next (or else the latest) events and whom to contact."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The lists come from queries compiled once (projects/queries.py).
        featured = queries.FEATURED_PROJECT()
        project = featured[0] if featured else None
        goals = queries.PROJECT_GOALS(project=project.pk) if project else []
        fundings = queries.PROJECT_FUNDINGS(project=project.pk) if project else []
        today = timezone.localdate()
        upcoming = queries.NEXT_EVENTS(today=today)
        context.update(
            project=project,
            goals=goals,
            fundings=fundings,
            upcoming_events=upcoming,
            latest_events=[] if upcoming else queries.LATEST_EVENTS(today=today),
            # With their organisation (select_related): an ORM query.
            contacts=[card(contact) for contact in Contact.objects.listed()[:2]],
        )
        return context
