"""What the admin of every content app shares: both languages in tabs, and a
history of every item from which editors restore an earlier version or a
deleted item (django-reversion).

Each content model is registered with `register_history`, naming the inline
children that its versions hold (`follow`): a project's revision holds its
goals with their results, its milestones and its funding.

reversion keeps a version when an item is saved in the admin; here one is
also kept whenever an item is deleted (keep_what_is_deleted), and before the
first change of an item that has none, so that every deleted item can be
recovered and every change undone, also for content never saved in the
admin before (`manage.py createinitialrevisions` is not needed for that).

Restoring is narrower than reversion's own admin, which reverts a version's
whole revision. Editing a project through its inlines stores the project
and every goal in one revision, so reverting a goal from there, or
recovering a goal deleted on the project page, would also put back the
project's title and delete the milestones added since, without the form
showing it. Here an item is restored with what it follows, and nothing
else of that revision: a goal with its results, a project with everything
on its page.
"""

from collections import defaultdict
from contextlib import nullcontext

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import localize
from django.utils.timezone import template_localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from reversion import register, set_comment
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Revision, Version
from reversion.utils import mute_signals

# model -> the accessors of the inline children its versions hold.
FOLLOW = {}

# Dates and times are read as editors type them (rdz_site/formats: "1.7.2019",
# "10 Uhr", "10.00"); one that cannot be read is answered with an example.
DATE_TIME_INPUT = {
    models.DateField: {
        "error_messages": {"invalid": _("Enter a date as day.month.year, e.g. 01.07.2019.")}
    },
    models.TimeField: {"error_messages": {"invalid": _("Enter a time, e.g. 10:00 or 10 Uhr.")}},
}


def register_history(model, follow=()):
    """Keep a version of `model` at every save in the admin, holding the
    children named in `follow` (reverse foreign keys, e.g. "goals"), and one
    when an item is deleted."""
    FOLLOW[model] = tuple(follow)
    register(model, follow=follow)
    pre_delete.connect(keep_what_is_deleted, sender=model, dispatch_uid="history_keep_deleted")


def keep_version(obj, comment, using="default"):
    """Store the state of `obj` and of the children it follows now, as a
    revision of its own (committed with the caller's transaction)."""
    revision = Revision.objects.using(using).create(date_created=timezone.now(), comment=comment)
    Version.objects.using(using).bulk_create(
        Version(
            revision=revision,
            content_type=ContentType.objects.db_manager(using).get_for_model(item),
            object_id=str(item.pk),
            db=using,
            format="json",
            serialized_data=serializers.serialize("json", [item]),
            object_repr=str(item),
        )
        for item in _current_family(obj)
    )


def keep_what_is_deleted(sender, instance, using, **kwargs):
    """Before an item is deleted - in the admin, through a project's inline
    rows or anywhere else - keep its last state, with the children it
    follows. So the list of deleted items offers everything that was
    deleted, as it was then, also items never saved in the admin."""
    if instance.pk is not None:
        keep_version(instance, gettext("Kept before deleting."), using)


# Restoring -------------------------------------------------------------------------


def _model(version):
    return version.content_type.model_class()


def _family(version):
    """`version` and the versions of its revision that it follows, parents
    before their children."""
    children_of = defaultdict(list)
    for other in version.revision.version_set.select_related("content_type"):
        children_of[_model(other)].append(other)
    family, queue = [version], [version]
    while queue:
        parent = queue.pop(0)
        for accessor in FOLLOW.get(_model(parent), ()):
            relation = _model(parent)._meta.get_field(accessor)
            link = relation.field.attname
            for child in children_of[relation.related_model]:
                if str(child.field_dict[link]) == parent.object_id:
                    family.append(child)
                    queue.append(child)
    return family


def _current_family(obj):
    """`obj` and the children it follows as they are in the database now."""
    yield obj
    for accessor in FOLLOW.get(type(obj), ()):
        for child in getattr(obj, accessor).all():
            yield from _current_family(child)


def _check_parents(family, db):
    """A restored item needs the items it points to (a goal its project)."""
    restored = {(_model(version), version.object_id) for version in family}
    for version in family:
        model = _model(version)
        for field in model._meta.concrete_fields:
            if not field.many_to_one:
                continue
            target = version.field_dict[field.attname]
            parent = field.related_model
            if target is None or (parent, str(target)) in restored:
                continue
            if not parent._default_manager.using(db).filter(pk=target).exists():
                kept = Version.objects.get_for_object_reference(parent, target, db)
                name = kept.order_by("-pk").values_list("object_repr", flat=True).first() or target
                raise RevertError(
                    gettext(
                        "“%(item)s” belongs to “%(name)s” (%(kind)s), which no longer "
                        "exists. Restore “%(name)s” first."
                    )
                    % {"item": version.object_repr, "name": name, "kind": parent._meta.verbose_name}
                )


def restore(version):
    """Put back the item of `version` and the children it follows as they were
    then; children added since are deleted. Fields that editors never edit
    (an event's revision counter and time of change, which calendar programs
    compare) keep their current values, so they never go back."""
    model, db = _model(version), version.db
    family = _family(version)
    _check_parents(family, db)
    current = model._default_manager.using(db).filter(pk=version.object_id).first()
    with transaction.atomic(using=db):
        if current is not None:
            then = {(_model(v), v.object_id) for v in family}
            for obj in reversed(list(_current_family(current))):
                if (type(obj), str(obj.pk)) not in then:
                    obj.delete()
        for member in family:
            member.revert()
        if current is not None:
            bookkeeping = {
                field.attname: getattr(current, field.attname)
                for field in model._meta.concrete_fields
                if not field.editable and not field.primary_key
            }
            if bookkeeping:
                model._default_manager.using(db).filter(pk=current.pk).update(**bookkeeping)


class _ShowForm(Exception):
    """Leaves the transaction of a restore that only shows the form: the
    database goes back to what it was."""

    def __init__(self, response):
        self.response = response


# The admin ---------------------------------------------------------------------------


class ContentAdmin(VersionAdmin, TabbedTranslationAdmin):
    """The admin of a content model: German and English in tabs, a history
    (newest first) with a form to restore each version, and a list of deleted
    items to recover. Restoring takes the same permissions as editing
    (change; add for a deleted item) and saves through the model like any
    edit, so the page cache and the search index follow."""

    formfield_overrides = DATE_TIME_INPUT
    history_latest_first = True
    object_history_template = "admin/history/object_history.html"
    recover_list_template = "admin/history/recover_list.html"
    revision_form_template = "admin/history/revision_form.html"
    recover_form_template = "admin/history/recover_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # An item that has no version yet (loaded from the fixtures, or there
        # before the history began) gets one before its first change, so that
        # the change can be undone.
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and not Version.objects.get_for_object(obj).exists():
                keep_version(obj, gettext("Kept before the first change."))
        return super().change_view(request, object_id, form_url, extra_context)

    def _version(self, **lookups):
        content_type = ContentType.objects.get_for_model(self.model)
        return get_object_or_404(
            Version.objects.select_related("revision"), content_type=content_type, **lookups
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = self._version(pk=version_id, object_id=unquote(object_id))
        context = {"title": _("Restore an earlier version"), "revert": True}
        return self._restore_form(
            request, version, self.revision_form_template, {**context, **(extra_context or {})}
        )

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = self._version(pk=version_id)
        context = {"title": _("Restore a deleted item"), "recover": True}
        return self._restore_form(
            request, version, self.recover_form_template, {**context, **(extra_context or {})}
        )

    def _restore_form(self, request, version, template, context):
        """The change form of the item as it was: shown (GET) in a transaction
        that is rolled back, saved (POST) like an ordinary edit."""
        # Showing restores the item for a moment only: no receiver (page
        # cache, search index) may act on it. reversion mutes them for the
        # whole process, which is safe with gunicorn's one request per worker.
        muted = (
            mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed)
            if request.method == "GET"
            else nullcontext()
        )
        try:
            with transaction.atomic(using=version.db), muted:
                restore(version)
                with self.create_revision(request):
                    response = self.changeform_view(
                        request, quote(version.object_id), request.path, context
                    )
                    if request.method == "POST" and response.status_code == 302:
                        set_comment(
                            gettext("Restored the version of %(date)s.")
                            % {"date": localize(template_localtime(version.revision.date_created))}
                        )
                        return response
                    if response.status_code == 200:
                        response.template_name = template
                        response.render()
                        raise _ShowForm(response)
                    raise RevertError(gettext("This version could not be loaded."))
        except _ShowForm as shown:
            return shown.response
        except (RevertError, models.ProtectedError, IntegrityError) as error:
            if isinstance(error, IntegrityError):
                error = gettext(
                    "This version clashes with the current content (e.g. the same "
                    "position or short name is taken). Change that first, then restore."
                )
            messages.error(request, str(error))
            opts = self.model._meta
            return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")


class ContentInlineMixin:
    """Inline rows that take little room: short text areas."""

    formfield_overrides = {
        **DATE_TIME_INPUT,
        models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 2})},
    }
