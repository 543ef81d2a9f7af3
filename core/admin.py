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

import hashlib
import os
import re
from collections import defaultdict
from contextlib import nullcontext

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import localize
from django.utils.text import capfirst
from django.utils.timezone import template_localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from reversion import add_to_revision, register, set_comment
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Revision, Version
from reversion.utils import mute_signals

from .labels import field_label, has_language_columns
from .models import PublicationStatus, ReviewState, is_scheduled

# model -> the accessors of the inline children its versions hold.
FOLLOW = {}

# Dates and times are read as editors type them (rdz_site/formats: "1.7.2019",
# "10 Uhr", "10.00"); one that cannot be read is answered with an example.
DATE_MESSAGE = _("Enter a valid date as day.month.year, e.g. 01.07.2019.")
TIME_MESSAGE = _("Enter a time, e.g. 10:00 or 10 Uhr.")
DATE_TIME_INPUT = {
    models.DateField: {"error_messages": {"invalid": DATE_MESSAGE}},
    models.TimeField: {"error_messages": {"invalid": TIME_MESSAGE}},
    # The admin's date and time boxes ("visible from"): a date without a
    # time, or a time without a date, gets the same examples.
    models.DateTimeField: {
        "error_messages": {"invalid_date": DATE_MESSAGE, "invalid_time": TIME_MESSAGE}
    },
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


# Edit conflicts --------------------------------------------------------------------

# The hidden field of every change form: the version it was opened at.
VERSION_FIELD = "_version"


def content_token(obj):
    """The version of `obj` as stored now, with the children it follows (a
    project's goals with their results, milestones and funding): a hash of
    their serialised state. Any save, by the admin, a restore or code,
    changes it; nothing has to count up."""
    family = sorted(_current_family(obj), key=lambda item: (item._meta.label, item.pk))
    data = serializers.serialize("json", family)
    return hashlib.sha256(data.encode()).hexdigest()[:32]


def router_db(obj):
    return obj._state.db or "default"


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


def _shown(field, value):
    """A stored value as the editor knows it, for the list of changes."""
    if value is None or value == "":
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.many_to_one:
        target = field.related_model._default_manager.filter(pk=value).first()
        return str(target) if target is not None else str(value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    return str(localize(value))


# How much of a long text the list of changes shows, and how much of what
# comes before its first difference.
EXCERPT, LEAD = 200, 60


def _where_they_differ(old, new):
    """Two long texts cut to the part where they first differ, so that a
    change at the end of a long text shows: "…the same lead-in, changed…"."""
    if len(old) <= EXCERPT and len(new) <= EXCERPT:
        return old, new
    same = len(os.path.commonprefix([old, new]))
    start = max(0, same - LEAD)
    # From the start of a word (the texts agree up to `same`).
    if start and (space := old.rfind(" ", 0, start)) != -1:
        start = space + 1

    def cut(text):
        part = text[start : start + EXCERPT]
        more = start + EXCERPT < len(text)
        if more and " " in part:  # to the end of a word
            part = part[: part.rindex(" ")]
        return ("…" if start else "") + part + ("…" if more else "")

    return cut(old), cut(new)


def _field_changes(model, current, then):
    """The fields of `current` that differ in the stored `then` (label, now,
    then), as the form shows them: no key, no bookkeeping, no untranslated
    column beside its languages."""
    changes = []
    for field in model._meta.concrete_fields:
        if field.primary_key or not field.editable or has_language_columns(model, field):
            continue
        old, new = getattr(current, field.attname), then.get(field.attname)
        before, after = _shown(field, old), _shown(field, new)
        # Empty and missing look alike ("–"): nothing an editor would see.
        if old != new and before != after:
            changes.append((field_label(model, field), *_where_they_differ(before, after)))
    return changes


def restore_preview(version):
    """What restoring `version` changes, before anything is saved: the
    fields that change (label, now, then), the child rows whose fields
    change (kind, name, fields), the child rows that are deleted and those
    that are brought back (kind, name). `recovered` says that the item
    itself is deleted now and comes back."""
    model, db = _model(version), version.db
    family = _family(version)
    current = model._default_manager.using(db).filter(pk=version.object_id).first()
    fields = []
    if current is not None:
        fields = _field_changes(model, current, version.field_dict)
    changed = []
    for member in family[1:]:
        child_model = _model(member)
        child = child_model._default_manager.using(db).filter(pk=member.object_id).first()
        if child is None:
            continue
        child_fields = _field_changes(child_model, child, member.field_dict)
        if child_fields:
            kind = capfirst(str(child_model._meta.verbose_name))
            changed.append((kind, str(child), child_fields))
    kept = {(_model(member), member.object_id) for member in family}
    deleted = []
    if current is not None:
        deleted = [
            (capfirst(str(obj._meta.verbose_name)), str(obj))
            for obj in list(_current_family(current))[1:]
            if (type(obj), str(obj.pk)) not in kept
        ]
    back = [
        (capfirst(str(_model(member)._meta.verbose_name)), member.object_repr)
        for member in family[1:]
        if not _model(member)._default_manager.using(db).filter(pk=member.object_id).exists()
    ]
    return {
        "recovered": current is None,
        "item": (capfirst(str(model._meta.verbose_name)), version.object_repr),
        "fields": fields,
        "changed_rows": changed,
        "deleted": deleted,
        "brought_back": back,
    }


def _ancestors(obj):
    """The items whose versions hold `obj` (a goal's project, a result's goal
    and its project), nearest first."""
    for field in type(obj)._meta.concrete_fields:
        if not field.many_to_one or field.related_model not in FOLLOW:
            continue
        if field.remote_field.get_accessor_name() in FOLLOW[field.related_model]:
            parent = getattr(obj, field.name)
            if parent is not None:
                yield parent
                yield from _ancestors(parent)


def field_labels(models_):
    """{label as stored in a change message: label in the active language}
    of every field of `models_`. Django stores the labels of changed fields
    untranslated ("Background [de]"); the history shows them in the
    admin's language, a language column as "Hintergrund (Deutsch)"."""
    labels = {}
    for model in models_:
        for field in model._meta.get_fields():
            if not hasattr(field, "verbose_name"):
                continue
            with translation.override(None):
                stored = capfirst(str(field.verbose_name))
            labels[stored] = field_label(model, field)
    return labels


def form_labels(model):
    """{field name: label as editors know it} of `model`'s fields: a language
    column as "Titel (Deutsch)" (core.labels.field_label), the others as
    Django names them anyway."""
    return {field.name: field_label(model, field) for field in model._meta.concrete_fields}


def relabel(message, labels):
    names = sorted((name for name in labels if labels[name] != name), key=len, reverse=True)
    if not names:
        return message
    pattern = re.compile("|".join(re.escape(name) for name in names))
    return pattern.sub(lambda match: labels[match[0]], message)


def _restore_comment(version, obj, deleted):
    """What a restore of `version` (as `obj`; `deleted` if it came back after
    deletion) did, for its history and the admin's log: a child kept in its
    parents' history by its kind and name."""
    if next(_ancestors(obj), None) is not None:
        return gettext("Restored %(kind)s “%(item)s”.") % {
            "kind": type(obj)._meta.verbose_name,
            "item": obj,
        }
    date = localize(template_localtime(version.revision.date_created))
    if deleted:
        return gettext("Restored after deletion (the version of %(date)s).") % {"date": date}
    return gettext("Restored the version of %(date)s.") % {"date": date}


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

    change_form_template = "admin/content/change_form.html"
    conflict_template = "admin/content/conflict.html"
    delete_confirmation_template = "admin/content/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/content/delete_selected_confirmation.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_change_permission(request, obj):
            # Django's own answers (not found, read-only view, 403), before
            # anything is stored.
            return super().change_view(request, object_id, form_url, extra_context)
        context = {**(extra_context or {})}
        if request.method != "POST":
            context["opened_version"] = content_token(obj)
            return super().change_view(request, object_id, form_url, context)
        with transaction.atomic(using=router_db(obj)):
            # The row locked (PostgreSQL; SQLite's IMMEDIATE transactions lock
            # the database) until the change is saved: two saves of one item
            # cannot both pass the check.
            obj = self.model._default_manager.select_for_update().get(pk=obj.pk)
            opened = request.POST.get(VERSION_FIELD)
            if opened and opened != content_token(obj):
                return self.conflict_view(request, obj)
            context["opened_version"] = opened or content_token(obj)
            # An item that has no version yet (loaded from the fixtures, or
            # there before the history began) gets one before its first
            # change, so that the change can be undone.
            if not Version.objects.get_for_object(obj).exists():
                keep_version(obj, gettext("Kept before the first change."))
            return super().change_view(request, object_id, form_url, context)

    def conflict_view(self, request, obj):
        """The save refused: someone saved the item after this form was
        opened. The editor's texts beside the stored ones, to copy over into
        the current form; nothing is saved."""
        form = self.get_form(request, obj, change=True)(instance=obj)
        rows = []
        for bound in form:
            theirs = request.POST.get(bound.html_name, "")
            value = bound.value()
            stored = "" if value is None else str(value)
            if isinstance(bound.field, forms.CharField) and theirs.strip() != stored.strip():
                try:
                    label = field_label(self.model, self.model._meta.get_field(bound.name))
                except FieldDoesNotExist:
                    label = bound.label
                rows.append({"label": label, "yours": theirs, "stored": stored})
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Not saved: this item was changed in the meantime"),
            "opts": opts,
            "original": obj,
            "rows": rows,
            "change_url": request.path,
            "last_change": LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
            )
            .select_related("user")
            .order_by("-action_time")
            .first(),
        }
        return TemplateResponse(request, self.conflict_template, context, status=409)

    def _version(self, **lookups):
        content_type = ContentType.objects.get_for_model(self.model)
        return get_object_or_404(
            Version.objects.select_related("revision"), content_type=content_type, **lookups
        )

    def history_view(self, request, object_id, extra_context=None):
        # Permissions first, before any version is read.
        obj = self.get_object(request, unquote(object_id))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        labels = self.editor_labels()
        opts = self.model._meta
        versions = (
            Version.objects.get_for_object_reference(self.model, unquote(object_id))
            .select_related("revision", "revision__user")
            .order_by("-pk")
        )
        action_list = [
            {
                "revision": version.revision,
                "comment": relabel(version.revision.get_comment(), labels),
                "url": reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                    args=(quote(version.object_id), version.pk),
                ),
            }
            for version in versions
        ]
        return super().history_view(
            request, object_id, {"action_list": action_list, **(extra_context or {})}
        )

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None and not self.has_change_permission(request, obj):
            # Read only, without the language tabs: each language column says
            # its language as the history does, "Titel (Deutsch)".
            kwargs.setdefault("labels", form_labels(self.model))
        return super().get_form(request, obj, **kwargs)

    def editor_labels(self):
        """{label as a change message stores it: as editors know it} for
        this model's fields and those of the items kept with it (relabel)."""
        return field_labels([self.model, *self._followed_models()])

    def _followed_models(self):
        models_, queue = [], [self.model]
        while queue:
            model = queue.pop()
            for accessor in FOLLOW.get(model, ()):
                child = model._meta.get_field(accessor).related_model
                models_.append(child)
                queue.append(child)
        return models_

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Permissions first, before any version is read.
        if not self.has_change_permission(request):
            raise PermissionDenied
        version = self._version(pk=version_id, object_id=unquote(object_id))
        context = {"title": _("Restore an earlier version"), "revert": True}
        return self._restore_form(
            request, version, self.revision_form_template, {**context, **(extra_context or {})}
        )

    def recover_view(self, request, version_id, extra_context=None):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        version = self._version(pk=version_id)
        context = {"title": _("Restore a deleted item"), "recover": True}
        return self._restore_form(
            request, version, self.recover_form_template, {**context, **(extra_context or {})}
        )

    def construct_change_message(self, request, form, formsets, add=False):
        version = getattr(request, "restored_version", None)
        if version is not None:
            # The form showed the version itself, so Django would log "No
            # fields changed" (the start page shows this log).
            return _restore_comment(version, form.instance, request.restored_deleted)
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        restored = getattr(request, "restored_version", None)
        if restored is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            gettext("“%(item)s” has been restored.") % {"item": obj},
            messages.SUCCESS,
        )
        opts = self.model._meta
        return redirect(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", quote(obj.pk)
        )

    def _record_restore(self, request, version):
        """The restore's comment; a recovered child is also kept in the
        history of the items whose versions hold it (a milestone's project),
        so that their history shows it and a later restore of the project
        offers the version with it."""
        model = _model(version)
        obj = model._default_manager.using(version.db).get(pk=version.object_id)
        for parent in _ancestors(obj):
            add_to_revision(parent)
        set_comment(_restore_comment(version, obj, request.restored_deleted))

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
        if request.method == "GET":
            context["changes"] = restore_preview(version)
        request.restored_version = version
        request.restored_deleted = bool(context.get("recover"))
        try:
            with transaction.atomic(using=version.db), muted:
                restore(version)
                with self.create_revision(request):
                    response = self.changeform_view(
                        request, quote(version.object_id), request.path, context
                    )
                    if request.method == "POST" and response.status_code == 302:
                        self._record_restore(request, version)
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


# Publishing ----------------------------------------------------------------------------


def _when(moment):
    return localize(template_localtime(moment))


def status_text(obj, now=None):
    """The item's status as one short phrase: the list column and the line
    at the top of its form."""
    status = obj.publication_status(now)
    if status == PublicationStatus.SCHEDULED:
        scheduled = gettext("Scheduled from %(when)s") % {"when": _when(obj.visible_from)}
    hidden_by = obj.hidden_by() if obj.is_published else None
    if hidden_by is not None:  # also when scheduled: it would not show then either
        hidden = gettext("Hidden: %(kind)s “%(name)s” is not published") % {
            "kind": hidden_by._meta.verbose_name,
            "name": hidden_by,
        }
        return f"{hidden}; {scheduled}" if status == PublicationStatus.SCHEDULED else hidden
    if status == PublicationStatus.SCHEDULED:
        return scheduled
    if status == PublicationStatus.EXPIRED:
        return gettext("Expired on %(when)s") % {"when": _when(obj.visible_until)}
    if status == PublicationStatus.PUBLIC and getattr(obj, "visible_until", None):
        return gettext("Public until %(when)s") % {"when": _when(obj.visible_until)}
    return str(status.label)


class StatusField(forms.TypedChoiceField):
    """Draft or published, as two spelled-out choices. A form that sends the
    old checkbox's "on" is understood, too."""

    def to_python(self, value):
        return "True" if value in {"on", True} else super().to_python(value)


class StatusFilter(admin.SimpleListFilter):
    """The values of the list's status column as a filter, at the moment of
    the request: draft, waiting for approval, scheduled, public, expired."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        choices = [
            (PublicationStatus.DRAFT, PublicationStatus.DRAFT.label),
            (ReviewState.SUBMITTED, _("Waiting for approval")),
            (PublicationStatus.PUBLIC, PublicationStatus.PUBLIC.label),
        ]
        if is_scheduled(model_admin.model):
            choices[2:2] = [(PublicationStatus.SCHEDULED, PublicationStatus.SCHEDULED.label)]
            choices.append((PublicationStatus.EXPIRED, PublicationStatus.EXPIRED.label))
        return choices

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case PublicationStatus.DRAFT:  # those waiting for approval have their own
                return queryset.drafts().exclude(review_state=ReviewState.SUBMITTED)
            case ReviewState.SUBMITTED:
                return queryset.filter(review_state=ReviewState.SUBMITTED)
            case PublicationStatus.PUBLIC:
                return queryset.published(now)
            case PublicationStatus.SCHEDULED:
                return queryset.filter(is_published=True, visible_from__gt=now)
            case PublicationStatus.EXPIRED:
                return queryset.filter(is_published=True, visible_until__lte=now)
        return queryset


class PublishingAdmin(ContentAdmin):
    """The admin of an item that visitors see only once it is published: a
    new one is a draft; its status is the first field of the form, a choice
    spelled out ("Draft – not public" / "Published – public"), with the
    visibility window next to it where the model has one, and the first
    column after the title in the list."""

    change_form_template = "admin/publishing/change_form.html"

    def get_fieldsets(self, request, obj=None):
        # Where editors cannot set it (no right to publish, or a read-only
        # item): the status in words, not a tick.
        shown = "status" if self._status_read_only(request, obj) else "is_published"
        status = [(_("Status"), {"fields": [shown], "classes": ("publishing",)})]
        if is_scheduled(self.model):
            # Folded away: the line at the top of the form names a schedule.
            # One field a line: Django unfolds a section with an error only
            # when the field is named on its own, not within a row.
            window = {"fields": ["visible_from", "visible_until"]}
            window["classes"] = ("publishing", "collapse")
            status.append((_("Visible from / until (optional)"), window))
        # The fields above are left out below, also where the model admin
        # names no fieldsets and Django lists every field: shown twice, the
        # lower copy would overwrite what was entered in the upper one.
        above = ("is_published", "visible_from", "visible_until")
        rest = [
            (name, {**options, "fields": _without(options["fields"], *above)})
            for name, options in super().get_fieldsets(request, obj)
        ]
        return [*status, *rest]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "is_published":
            return StatusField(
                label=_("Status"),
                choices=(
                    (False, _("Draft – not public")),
                    (True, _("Published – public")),
                ),
                coerce=lambda value: value in {True, "True"},
                # A form sent without a status saves a draft.
                required=False,
                empty_value=False,
                initial=False,
                widget=forms.RadioSelect,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("status"), ordering="is_published")
    def status(self, obj):
        if obj.pk is None:
            # A new item (the add form): saved as a draft.
            return gettext("Draft – not public")
        if obj.review_state == ReviewState.SUBMITTED:
            return gettext("Waiting for approval")
        return status_text(obj)

    # The optional second pair of eyes ---------------------------------------------

    def has_publish_permission(self, request):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def has_change_permission(self, request, obj=None):
        # A published (or scheduled) item is public content: only those who
        # may publish change or delete it. Others see it read-only.
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.is_published:
            return self.has_publish_permission(request)
        return allowed

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if allowed and obj is not None and obj.is_published:
            return self.has_publish_permission(request)
        return allowed

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_publish_permission(request):
            # Deleting several at once would stop at the first published one
            # with Django's "protected objects" page; a draft is deleted from
            # its own form.
            actions.pop("delete_selected", None)
        return actions

    def _status_read_only(self, request, obj):
        may_set = self.has_publish_permission(request) and self.has_change_permission(request, obj)
        return not may_set

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if self._status_read_only(request, obj):
            # "status" stands in for is_published (get_fieldsets).
            fields = (*fields, "status")
        if self.has_publish_permission(request):
            return fields
        window = ("visible_from", "visible_until") if is_scheduled(self.model) else ()
        return (*fields, "is_published", *window)

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            # Whatever the request says: without the right, never published.
            if not change:
                obj.is_published = False
            submitted = "_submit_review" in request.POST and not obj.is_published
        else:
            submitted = False
            # The buttons beside "Save": publish or withdraw while saving.
            if "_publish" in request.POST:
                obj.is_published = True
            elif "_unpublish" in request.POST:
                obj.is_published = False
            # The form was filled from the stored item: its initial status
            # is the one before this save.
            if change and form.initial.get("is_published", obj.is_published) != obj.is_published:
                # Read by construct_change_message and message_user.
                request.publication_changed = obj
            elif not change and obj.is_published:
                # A new item published at once: message_user says so.
                request.published_new = obj
        if submitted:
            obj.review_state, obj.review_comment = ReviewState.SUBMITTED, ""
            # Read by message_user: the success message says so.
            request.submitted_for_approval = obj
        super().save_model(request, obj, form, change)
        if submitted:
            url = request.build_absolute_uri(
                reverse(self._url_name("change"), args=[quote(obj.pk)])
            )
            transaction.on_commit(lambda: notify_approvers(obj, request.user, url))

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        if getattr(request, "restored_version", None) is not None:
            return message  # the restore's own words (ContentAdmin)
        # Published or withdrawn by a button: the history says so, not
        # "No fields changed", and in one sentence with the fields changed.
        changed = getattr(request, "publication_changed", None)
        if changed is not None and "is_published" not in form.changed_data:
            if message and "changed" in message[0]:
                message[0]["changed"]["fields"].insert(0, "Status")
            else:
                message.insert(0, {"changed": {"fields": ["Status"]}})
        return message

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        submitted = getattr(request, "submitted_for_approval", None)
        changed = getattr(request, "publication_changed", None) or getattr(
            request, "published_new", None
        )
        if submitted is not None and level == messages.SUCCESS:
            message = gettext("“%(item)s” has been saved and submitted for approval.") % {
                "item": submitted
            }
        elif changed is not None and level == messages.SUCCESS:
            status = status_text(changed)
            hidden_by = changed.hidden_by()
            if not changed.is_published:
                text = gettext("“%(item)s” has been saved and withdrawn.")
            elif hidden_by is not None:
                text = gettext(
                    "“%(item)s” has been saved as published; visitors see it only when %(kind)s "
                    "“%(name)s” is published."
                )
            elif status == str(PublicationStatus.PUBLIC.label):
                text = gettext("“%(item)s” has been saved and published.")
            else:  # "Scheduled from …", "Public until …"
                text = gettext("“%(item)s” has been saved and published: %(status)s.")
            message = text % {
                "item": changed,
                "status": status,
                "kind": hidden_by._meta.verbose_name if hidden_by else "",
                "name": hidden_by,
            }
        super().message_user(request, message, level, *args, **kwargs)

    def _url_name(self, view):
        opts = self.model._meta
        return f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}"

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name=f"{opts.app_label}_{opts.model_name}_review",
            ),
            *super().get_urls(),
        ]

    def review_view(self, request, object_id):
        """Approve (publish) or return (with a comment) a submitted item;
        only for those who may publish. POST only."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_publish_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        change_url = reverse(self._url_name("change"), args=[quote(obj.pk)])
        decision = request.POST.get("decision")
        comment = request.POST.get("comment", "").strip()
        if decision == "approve":
            obj.is_published, obj.review_state, obj.review_comment = True, ReviewState.NONE, ""
            message = gettext("Approved and published.")
        elif decision == "return" and comment:
            obj.review_state, obj.review_comment = ReviewState.RETURNED, comment
            message = gettext("Returned with a comment.")
        else:
            messages.error(request, gettext("To return an item, write a comment for its editor."))
            return redirect(change_url)
        submitter = submitted_by(obj)
        with transaction.atomic(), self.create_revision(request):
            obj.save()
            set_comment(message)
            self.log_change(request, obj, message)
            url = request.build_absolute_uri(change_url)
            transaction.on_commit(lambda: notify_submitter(obj, submitter, request.user, url))
        self.message_user(request, f"„{obj}“: {message}", messages.SUCCESS)
        return redirect(change_url)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        publisher = self.has_publish_permission(request)
        # The detail in brackets after "Public:" / "Not public:", where it
        # says more ("Scheduled from …", "Public until …").
        detail = status_text(obj) if obj is not None else ""
        if obj is not None and detail == str(obj.publication_status().label):
            detail = ""
        context["publication_status"] = detail
        context["is_public"] = obj is not None and obj.is_public()
        context["can_publish"] = publisher
        context["is_published"] = obj is not None and obj.is_published
        context["can_submit"] = not publisher and (obj is None or not obj.is_published)
        context["review"] = obj.review_state if obj is not None else ""
        context["review_comment"] = obj.review_comment if obj is not None else ""
        if obj is not None and publisher and obj.review_state == ReviewState.SUBMITTED:
            context["review_url"] = reverse(self._url_name("review"), args=[quote(obj.pk)])
        return super().render_change_form(request, context, add, change, form_url, obj)


def full_name(user):
    """How a mail names a person: the full name where one is set."""
    return user.get_full_name() or user.get_username()


def submitted_by(obj):
    """Who submitted `obj` for approval: the author of the oldest version
    of its latest run of submitted versions (edits while it waited do not
    count), or None."""
    submitter, seen = None, False
    versions = Version.objects.get_for_object(obj).select_related("revision__user")
    for version in versions.order_by("-pk"):
        if version.field_dict.get("review_state") == ReviewState.SUBMITTED:
            submitter, seen = version.revision.user, True
        elif seen:
            break
    return submitter


def notify_submitter(obj, submitter, reviewer, url):
    """E-mail the editor who submitted `obj` that it was approved or
    returned (with the comment)."""
    if submitter is None or not submitter.email or submitter == reviewer:
        return
    values = {
        "who": full_name(reviewer),
        "kind": capfirst(str(obj._meta.verbose_name)),
        "item": obj,
        "url": url,
        "comment": obj.review_comment,
    }
    if obj.review_state == ReviewState.RETURNED:
        subject = gettext("Returned: %(item)s") % values
        body = gettext(
            "%(who)s has returned %(kind)s “%(item)s” with this comment:\n\n%(comment)s\n\n"
            "Change it and submit it again here:\n%(url)s\n"
        )
    else:
        subject = gettext("Approved and published: %(item)s") % values
        body = gettext("%(who)s has approved and published %(kind)s “%(item)s”.\n\n%(url)s\n")
    send_mail(subject, body % values, None, [submitter.email], fail_silently=True)


def notify_approvers(obj, submitter, url):
    """E-mail everyone who may publish `obj` (but its submitter) that it
    waits for approval: those whose group or own rights say so, not the
    administration's superuser account for being one."""
    opts = obj._meta
    approvers = get_user_model().objects.with_perm(
        f"{opts.app_label}.publish_{opts.model_name}",
        is_active=True,
        include_superusers=False,
        backend="django.contrib.auth.backends.ModelBackend",
    )
    recipients = sorted(
        {user.email for user in approvers if user.is_staff and user.email and user != submitter}
    )
    if not recipients:
        return
    kind = capfirst(str(opts.verbose_name))
    send_mail(
        gettext("Waiting for approval: %(item)s") % {"item": obj},
        gettext(
            "%(who)s has submitted %(kind)s “%(item)s” for approval.\n\n"
            "Approve or return it here:\n%(url)s\n"
        )
        % {"who": full_name(submitter), "kind": kind, "item": obj, "url": url},
        None,
        recipients,
        fail_silently=True,
    )


def _without(fields, *names):
    """`fields` of a fieldset without `names` (also inside a row tuple)."""
    kept = []
    for field in fields:
        if isinstance(field, list | tuple):
            row = tuple(item for item in field if item not in names)
            if row:
                kept.append(row)
        elif field not in names:
            kept.append(field)
    return kept


class ContentInlineMixin:
    """Inline rows that take little room: short text areas."""

    formfield_overrides = {
        **DATE_TIME_INPUT,
        models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 2})},
    }
