"""Bump the content version after every write to content.

Every model of every app counts as content unless its app label (or
"app_label.model_name") is listed in PAGE_CACHE_IGNORED: a new content app
is covered without anyone remembering to register it, and a forgotten
bookkeeping model only costs an unnecessary invalidation, never a stale page.
"""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_migrate

from .models import bump

_migrating = False


def _is_content(sender):
    meta = sender._meta
    ignored = settings.PAGE_CACHE_IGNORED
    return meta.app_label not in ignored and meta.label_lower not in ignored


def content_saved_or_deleted(sender, using="default", **kwargs):
    # loaddata sends post_save with raw=True: that is a write like any other.
    if not _migrating and _is_content(sender):
        bump(using)


def content_relations_changed(sender, action, using="default", **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not _migrating and _is_content(sender):
        bump(using)


def migration_started(**kwargs):
    # Data migrations may save content before our own table exists; the bump
    # after the migration covers them.
    global _migrating
    _migrating = True


def migration_finished(using="default", apps=None, **kwargs):
    # Sent after `migrate` and after `flush` (which empties our table, too):
    # recreate the row with a new random version. Deploys run `migrate`, so
    # new templates never meet pages cached by the old code in a shared cache.
    global _migrating
    _migrating = False
    if apps is not None:
        try:
            apps.get_model("pagecache", "ContentVersion")
        except LookupError:  # `migrate pagecache zero`: the table is gone
            return
    bump(using)


def connect(app_config):
    post_save.connect(content_saved_or_deleted, dispatch_uid="pagecache_save")
    post_delete.connect(content_saved_or_deleted, dispatch_uid="pagecache_delete")
    m2m_changed.connect(content_relations_changed, dispatch_uid="pagecache_m2m")
    pre_migrate.connect(migration_started, sender=app_config, dispatch_uid="pagecache_pre_migrate")
    post_migrate.connect(migration_finished, sender=app_config, dispatch_uid="pagecache_migrate")
