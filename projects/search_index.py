"""What the site search finds of the projects app (core/indexing.py says how
the search uses it): projects, their goals, results and milestones, and
events."""

from django.utils.translation import gettext_lazy as _

from core.indexing import SearchKind, ascending, descending, non_empty, number, pks

from .models import Event, Goal, Milestone, Project, Result


def _project_key(project):
    # Project.Meta.ordering: newest start first, then title.
    return f"{descending(project.start_date)} {project.title.casefold()} {project.pk:010d}"


# The index holds every published item, also one outside its visibility
# window; the search leaves out what is hidden at the minute (hidden()).


class ProjectKind(SearchKind):
    def visible(self):
        return Project.objects.filter(is_published=True)

    def hidden(self, now):
        return Project.objects.not_public(now)

    def entry(self, obj):
        return {
            "title": obj.title,
            "url": obj.get_absolute_url(),
            "texts": non_empty(obj.summary, obj.background, obj.quote_text, obj.title),
            "sort_key": _project_key(obj),
        }

    def affected(self, instance, using):
        # The project's title is the context of its goals, results and milestones.
        goals = pks(Goal, using, project=instance.pk)
        return {
            "projects": {instance.pk},
            "goals": goals,
            "results": pks(Result, using, goal__in=goals),
            "milestones": pks(Milestone, using, project=instance.pk),
        }


class GoalKind(SearchKind):
    def visible(self):
        return Goal.objects.filter(project__in=Project.objects.published()).select_related(
            "project"
        )

    def hidden(self, now):
        return Goal.objects.filter(project__in=Project.objects.not_public(now))

    def entry(self, obj):
        project = obj.project
        return {
            "title": obj.title,
            "url": f"{project.get_absolute_url()}#goal-{obj.order}",
            "context": project.title,
            "sort_key": f"{_project_key(project)} {number(obj.order)}",
        }

    def affected(self, instance, using):
        # A result's hit is titled with its goal.
        return {"goals": {instance.pk}, "results": pks(Result, using, goal=instance.pk)}


class ResultKind(SearchKind):
    def visible(self):
        return Result.objects.filter(goal__project__in=Project.objects.published()).select_related(
            "goal__project"
        )

    def hidden(self, now):
        return Result.objects.filter(goal__project__in=Project.objects.not_public(now))

    def entry(self, obj):
        goal, project = obj.goal, obj.goal.project
        return {
            "title": goal.title,
            "url": f"{project.get_absolute_url()}#result-{goal.order}-{obj.order}",
            "context": project.title,
            "texts": non_empty(obj.text),
            "sort_key": f"{_project_key(project)} {number(goal.order)} {number(obj.order)}",
        }


class MilestoneKind(SearchKind):
    def visible(self):
        return Milestone.objects.filter(project__in=Project.objects.published()).select_related(
            "project"
        )

    def hidden(self, now):
        return Milestone.objects.filter(project__in=Project.objects.not_public(now))

    def entry(self, obj):
        project = obj.project
        return {
            "title": obj.title,
            "url": f"{project.get_absolute_url()}#milestone-{obj.slug}",
            "context": project.title,
            "texts": non_empty(obj.description),
            "sort_key": f"{_project_key(project)} {ascending(obj.date)} {obj.pk:010d}",
        }


class EventKind(SearchKind):
    def visible(self):
        return Event.objects.filter(is_published=True)

    def hidden(self, now):
        return Event.objects.not_public(now)

    def entry(self, obj):
        # Event.Meta.ordering: latest first; all-day events after timed ones.
        minutes = obj.start_time.hour * 60 + obj.start_time.minute if obj.start_time else -1
        return {
            "title": obj.title,
            "url": obj.get_absolute_url(),
            "texts": non_empty(obj.description, obj.venue, obj.address),
            "sort_key": f"{descending(obj.start_date)} {1440 - minutes:04d} {obj.pk:010d}",
        }


KINDS = (
    ProjectKind(
        "projects",
        _("Projects"),
        Project,
        ("title", "summary", "background", "quote_text", "quote_role", "quote_speaker"),
    ),
    GoalKind("goals", _("Goals"), Goal, ("title",)),
    ResultKind("results", _("Results"), Result, ("text",)),
    MilestoneKind("milestones", _("Milestones"), Milestone, ("title", "description")),
    EventKind("events", _("Events"), Event, ("title", "venue", "description", "address")),
)
