"""The search index: what each kind of content looks like to the search, and
how the index (`SearchEntry`, one row per item and language) stays current.

The kinds are described here, not in the apps that own the models: search is
the only reader, and which entries a change touches crosses apps (a contact
makes its organisation findable), so one file says it all and projects and
contacts never import search.

Every save or delete of a project, goal, result, milestone, event, contact or
organisation re-indexes that item and the items whose entries show it (a
project's title is the context of its goals, an organisation's name that of
its contacts, a contact makes its organisation findable). The work happens in
the same transaction as the save, so the index never shows a state the
database does not have. `migrate` and `flush` rebuild the whole index (new
code may index differently); so does `manage.py rebuild_search_index`, needed
after writes that send no signals (`QuerySet.update()`, `bulk_create()`,
raw SQL).

An entry holds what the result list shows, already in its language: title,
link, context, the texts an excerpt may come from, and `body`, the lower-case
text the search matches. Where an English field is empty the page shows the
German text, so the English entry holds the German text there.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import router, transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import translation
from django.utils.translation import gettext_lazy

from contacts.models import Contact, Organisation
from projects.models import Event, Goal, Milestone, Project, Result

from .models import SearchEntry

# Sort keys -------------------------------------------------------------------------
# Each kind lists its hits in the order its page uses. The index keeps that as
# one ascending text key; a descending date becomes its distance to 9999-12-31.


def _descending(day):
    return f"{(datetime.date.max - day).days:07d}" if day else "9999999"


def _ascending(day):
    return day.isoformat() if day else "9999-99-99"


def _number(value):
    return f"{value or 0:010d}"


def _project_key(project):
    # Project.Meta.ordering: newest start first, then title.
    return f"{_descending(project.start_date)} {project.title.casefold()} {project.pk:010d}"


# The kinds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of hit: which rows are visible, what an entry holds, and
    which entries a change to a row of some model touches."""

    key: str
    label: object
    model: type
    # The fields the search looks in (dotted for a related object).
    fields: tuple

    def visible(self):
        raise NotImplementedError

    def entry(self, obj):
        """title, url, context, texts and sort_key of `obj` in the active language."""
        raise NotImplementedError

    def searchable_text(self, obj):
        values = (_value(obj, path) for path in self.fields)
        return "\n".join(value.lower() for value in values if value)


def _value(obj, path):
    for name in path.split("."):
        obj = getattr(obj, name, None)
    return str(obj or "")


def _non_empty(*values):
    return [value for value in values if value]


class ProjectKind(Kind):
    def visible(self):
        return Project.objects.published()

    def entry(self, obj):
        return {
            "title": obj.title,
            "url": obj.get_absolute_url(),
            "texts": _non_empty(obj.summary, obj.background, obj.quote_text, obj.title),
            "sort_key": _project_key(obj),
        }


class GoalKind(Kind):
    def visible(self):
        return Goal.objects.filter(project__is_published=True).select_related("project")

    def entry(self, obj):
        project = obj.project
        return {
            "title": obj.title,
            "url": f"{project.get_absolute_url()}#goal-{obj.order}",
            "context": project.title,
            "sort_key": f"{_project_key(project)} {_number(obj.order)}",
        }


class ResultKind(Kind):
    def visible(self):
        return Result.objects.filter(goal__project__is_published=True).select_related(
            "goal__project"
        )

    def entry(self, obj):
        goal, project = obj.goal, obj.goal.project
        return {
            "title": goal.title,
            "url": f"{project.get_absolute_url()}#result-{goal.order}-{obj.order}",
            "context": project.title,
            "texts": _non_empty(obj.text),
            "sort_key": f"{_project_key(project)} {_number(goal.order)} {_number(obj.order)}",
        }


class MilestoneKind(Kind):
    def visible(self):
        return Milestone.objects.filter(project__is_published=True).select_related("project")

    def entry(self, obj):
        project = obj.project
        return {
            "title": obj.title,
            "url": f"{project.get_absolute_url()}#milestone-{obj.slug}",
            "context": project.title,
            "texts": _non_empty(obj.description),
            "sort_key": f"{_project_key(project)} {_ascending(obj.date)} {obj.pk:010d}",
        }


class EventKind(Kind):
    def visible(self):
        return Event.objects.published()

    def entry(self, obj):
        # Event.Meta.ordering: latest first; all-day events after timed ones.
        minutes = obj.start_time.hour * 60 + obj.start_time.minute if obj.start_time else -1
        return {
            "title": obj.title,
            "url": obj.get_absolute_url(),
            "texts": _non_empty(obj.description, obj.venue, obj.address),
            "sort_key": f"{_descending(obj.start_date)} {1440 - minutes:04d} {obj.pk:010d}",
        }


class ContactKind(Kind):
    def visible(self):
        return Contact.objects.listed()

    def entry(self, obj):
        return {
            "title": obj.display_name,
            "url": obj.get_absolute_url(),
            "context": obj.organisation.name,
            "texts": _non_empty(obj.role, obj.office_hours, obj.function),
            "sort_key": (
                f"{_number(obj.organisation.order)} {_number(obj.order)} "
                f"{obj.name.casefold()} {obj.pk:010d}"
            ),
        }


class OrganisationKind(Kind):
    def visible(self):
        # Only organisations the contacts page shows: those with a listed contact.
        listed = Contact.objects.filter(organisation=OuterRef("pk"), is_published=True)
        return Organisation.objects.filter(Exists(listed))

    def entry(self, obj):
        address = ", ".join(
            part for part in (obj.street, f"{obj.postal_code} {obj.city}".strip()) if part
        )
        return {
            "title": obj.name,
            "url": obj.get_absolute_url(),
            "texts": _non_empty(address),
            "sort_key": f"{_number(obj.order)} {obj.name.casefold()} {obj.pk:010d}",
        }


KINDS = (
    ProjectKind(
        "projects",
        gettext_lazy("Projects"),
        Project,
        ("title", "summary", "background", "quote_text", "quote_role", "quote_speaker"),
    ),
    GoalKind("goals", gettext_lazy("Goals"), Goal, ("title",)),
    ResultKind("results", gettext_lazy("Results"), Result, ("text",)),
    MilestoneKind("milestones", gettext_lazy("Milestones"), Milestone, ("title", "description")),
    EventKind(
        "events", gettext_lazy("Events"), Event, ("title", "venue", "description", "address")
    ),
    ContactKind(
        "contacts",
        gettext_lazy("Contacts"),
        Contact,
        ("function", "role", "office_hours", "organisation.name", "name"),
    ),
    OrganisationKind(
        "organisations",
        gettext_lazy("Organisations"),
        Organisation,
        ("name", "street", "postal_code", "city"),
    ),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


# Which entries a change touches ---------------------------------------------------


def affected(instance, using="default"):
    """{kind key: object ids} whose entries show `instance`."""
    pk = instance.pk

    def ids(model, **filters):
        return set(model.objects.using(using).filter(**filters).values_list("pk", flat=True))

    if isinstance(instance, Project):
        goals = ids(Goal, project=pk)
        return {
            "projects": {pk},
            "goals": goals,
            "results": ids(Result, goal__in=goals),
            "milestones": ids(Milestone, project=pk),
        }
    if isinstance(instance, Goal):
        return {"goals": {pk}, "results": ids(Result, goal=pk)}
    if isinstance(instance, Organisation):
        return {"organisations": {pk}, "contacts": ids(Contact, organisation=pk)}
    if isinstance(instance, Contact):
        return {"contacts": {pk}, "organisations": {instance.organisation_id}}
    for kind in KINDS:
        if isinstance(instance, kind.model):
            return {kind.key: {pk}}
    return {}


# Writing the index ------------------------------------------------------------------


def _entries(kind, objects):
    objects = list(objects)  # once per language
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for obj in objects:
                yield SearchEntry(
                    kind=kind.key,
                    language=language,
                    object_id=obj.pk,
                    body=kind.searchable_text(obj),
                    **{"context": "", "texts": [], **kind.entry(obj)},
                )


def reindex(changes, using="default"):
    """Brings the entries of {kind key: object ids} up to date: rows that are
    gone or hidden lose theirs, the others get theirs written."""
    entries = SearchEntry.objects.using(using)
    for key, ids in changes.items():
        ids = {pk for pk in ids if pk is not None}
        if not ids:
            continue
        kind = KINDS_BY_KEY[key]
        objects = list(kind.visible().using(using).filter(pk__in=ids))
        hidden = ids - {obj.pk for obj in objects}
        if hidden:
            entries.filter(kind=key, object_id__in=hidden).delete()
        entries.write(_entries(kind, objects))


def rebuild(using="default"):
    """The whole index anew, in one transaction (a search meanwhile sees the
    old index): every visible item's entries written, all others removed.
    Returns the number of entries."""
    entries = SearchEntry.objects.using(using)
    languages = [language for language, _name in settings.LANGUAGES]
    count = 0
    with transaction.atomic(using=using):
        for kind in KINDS:
            visible = kind.visible().using(using)
            count += entries.write(_entries(kind, visible))
            entries.filter(kind=kind.key).exclude(object_id__in=visible.values("pk")).delete()
        # Kinds and languages the site no longer has.
        entries.exclude(kind__in=list(KINDS_BY_KEY), language__in=languages).delete()
    return count


# Signals --------------------------------------------------------------------------

INDEXED_MODELS = (Project, Goal, Result, Milestone, Event, Contact, Organisation)


def content_changed(sender, instance, using="default", **kwargs):
    # loaddata saves with raw=True, parents possibly after their children;
    # whichever comes last sees both and indexes them. (Data migrations save
    # historical models, which these receivers do not hear.)
    reindex(affected(instance, using), using)


def migration_finished(using="default", apps=None, **kwargs):
    if apps is not None:
        try:
            apps.get_model("search", "SearchEntry")
        except LookupError:  # `migrate search zero`: the table is gone
            return
    if router.allow_migrate_model(using, SearchEntry):
        rebuild(using)


def connect(app_config):
    for model in INDEXED_MODELS:
        uid = f"search_index_{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}_delete")
    post_migrate.connect(
        migration_finished, sender=app_config, dispatch_uid="search_index_post_migrate"
    )
