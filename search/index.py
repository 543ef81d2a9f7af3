"""The search index: one `SearchEntry` row per visible item and language, and
how it stays current.

What there is to find, each app says itself: its `search_index` module lists
its kinds of hit (core/indexing.py), and this module imports those lists.
The apps never import search.

Every save or delete of a row of those kinds re-indexes that item and the
items whose entries show it, as its kind's `affected()` says (a project's
title is the context of its goals, an organisation's name that of its
contacts, a contact makes its organisation findable). The work happens in
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

from django.conf import settings
from django.db import router, transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import translation

import contacts.search_index
import projects.search_index

from .models import SearchEntry

# The kinds of hit in the order the result page lists them.
KINDS = (*projects.search_index.KINDS, *contacts.search_index.KINDS)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


def affected(instance, using="default"):
    """{kind key: object ids} whose entries show `instance`."""
    for kind in KINDS:
        if isinstance(instance, kind.model):
            return kind.affected(instance, using)
    return {}


def searchable_text(kind, obj):
    """What the search matches in: the kind's fields, lower-cased."""
    values = (_value(obj, path) for path in kind.fields)
    return "\n".join(value.lower() for value in values if value)


def _value(obj, path):
    for name in path.split("."):
        obj = getattr(obj, name, None)
    return str(obj or "")


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
                    body=searchable_text(kind, obj),
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
    for model in {kind.model for kind in KINDS}:
        uid = f"search_index_{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}_delete")
    post_migrate.connect(
        migration_finished, sender=app_config, dispatch_uid="search_index_post_migrate"
    )
