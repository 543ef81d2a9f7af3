import functools
import secrets

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, connections, models, transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

# The one row of ContentVersion.
ROW_ID = 1


def new_token():
    """A version no database has had before: 63 random bits. A counter
    would repeat after a restore (back up at V, edit to V+1, restore to V,
    edit to V+1 again) and pages cached before the restore would match."""
    return secrets.randbits(63)


class ContentVersion(models.Model):
    """A token that changes whenever any content changes. Every app server
    reads it once per request (one tiny query) and a cached page is served
    only if it was stored under the same token, so an edit is visible on the
    next request on every server, even when each server only has its own
    local memory cache."""

    version = models.BigIntegerField(default=new_token)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return str(self.version)


def current_version(using="default"):
    """The current token, or None when the row (or table) is missing.
    Plain SQL on the connection: this runs before every cached page is
    served, where building an ORM query would cost more than the rest of
    the hit."""
    connection = connections[using]
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {table} WHERE id = %s", [ROW_ID])  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else None


def last_change(using="default"):
    """When content last changed (for Last-Modified), or None."""
    return (
        ContentVersion.objects.using(using)
        .filter(pk=ROW_ID)
        .values_list("changed_at", flat=True)
        .first()
    )


def bump(using="default"):
    """Invalidate every cached page. Called by the signal handlers after each
    write; call it yourself after QuerySet.update(), bulk_create() or raw
    SQL, or run `manage.py bump_content_version`. Runs inside the writer's
    transaction, so the new content and the new token commit together."""
    rows = ContentVersion.objects.using(using).filter(pk=ROW_ID)
    if rows.update(version=new_token(), changed_at=timezone.now()):
        return
    try:
        with transaction.atomic(using=using):
            ContentVersion.objects.using(using).create(pk=ROW_ID)
    except IntegrityError:  # another process created it first
        rows.update(version=new_token(), changed_at=timezone.now())


@functools.cache
def _scheduled_models(names):
    """(model, its fields among `names`) of every model that has any; the
    models are fixed once the apps are loaded."""
    found = []
    for model in apps.get_models():
        fields = [field.name for field in model._meta.concrete_fields if field.name in names]
        if fields:
            found.append((model, fields))
    return found


def schedule_bounds(now, using="default"):
    """(last, next): the latest scheduled change of visibility at or before
    `now` and the earliest after it, or None. Content goes live and expires
    at these moments without a write, so no bump(): a stored page is valid
    only until `next`, and `last` moves its Last-Modified. The fields are
    those named in PAGE_CACHE_SCHEDULE_FIELDS, on every model that has them;
    one query per such model, run only when a page is stored."""
    last = following = None
    for model, fields in _scheduled_models(tuple(settings.PAGE_CACHE_SCHEDULE_FIELDS)):
        bounds = model._default_manager.using(using).aggregate(
            **{f"last_{name}": Max(name, filter=Q(**{f"{name}__lte": now})) for name in fields},
            **{f"next_{name}": Min(name, filter=Q(**{f"{name}__gt": now})) for name in fields},
        )
        for key, value in bounds.items():
            if value is None:
                continue
            if key.startswith("last_"):
                last = value if last is None else max(last, value)
            else:
                following = value if following is None else min(following, value)
    return last, following
