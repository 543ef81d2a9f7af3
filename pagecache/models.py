import random

from django.db import IntegrityError, connections, models, transaction
from django.db.models import F
from django.utils import timezone

# The one row of ContentVersion. A fresh row starts at a random number, so
# that a database that was flushed and filled again never repeats a version
# whose pages may still sit in a cache.
ROW_ID = 1


def _random_start():
    return random.getrandbits(48)  # noqa: S311 - uniqueness, not secrecy


class ContentVersion(models.Model):
    """A number that changes whenever any content changes. Every app server
    reads it once per request (one tiny query) and uses it in its cache
    keys, so an edit is visible on the next request on every server, even
    when each server only has its own local memory cache."""

    version = models.BigIntegerField(default=_random_start)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return str(self.version)


def current_version(using="default"):
    """The current version, or None when the row (or table) is missing.
    Plain SQL: this runs on every cached request and must stay cheap."""
    connection = connections[using]
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {table} WHERE id = %s", [ROW_ID])  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else None


def bump(using="default"):
    """Invalidate every cached page. Called by the signal handlers after each
    write; call it yourself after QuerySet.update(), bulk_create() or raw
    SQL, or run `manage.py bump_content_version`. Runs inside the writer's
    transaction, so the new content and the new version commit together."""
    rows = ContentVersion.objects.using(using).filter(pk=ROW_ID)
    if rows.update(version=F("version") + 1, changed_at=timezone.now()):
        return
    try:
        with transaction.atomic(using=using):
            ContentVersion.objects.using(using).create(pk=ROW_ID)
    except IntegrityError:  # another process created it first
        rows.update(version=F("version") + 1, changed_at=timezone.now())
