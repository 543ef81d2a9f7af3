"""What the content models of every app share: natural keys for loaddata and
dumpdata, the public-visibility rule, and dates only as precise as the source."""

import functools

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .text import clean_text


class NaturalKeyManager(models.Manager):
    """Looks rows up by the fields their model names in `natural_key_fields`,
    so that `loaddata` finds the row it loaded before and updates it instead
    of adding a duplicate."""

    def get_by_natural_key(self, *values):
        fields = self.model.natural_key_fields
        return self.get(**dict(zip(fields, values, strict=True)))


@functools.cache
def is_scheduled(model):
    """Whether `model` has a visibility window (visible_from/visible_until)
    besides its published flag."""
    return any(field.name == "visible_from" for field in model._meta.get_fields())


class PublishedQuerySet(models.QuerySet):
    """The one rule every public page, list, feed, calendar, vCard, sitemap
    and search follows: an item is public when an editor has published it
    and, for models with a visibility window, `visible_from` has come and
    `visible_until` has not. Evaluated at the moment of the query, so an
    item goes live and expires at the minute without anyone saving it."""

    def published(self, now=None):
        rows = self.filter(is_published=True)
        if is_scheduled(self.model):
            now = now or timezone.now()
            rows = rows.filter(
                Q(visible_from__isnull=True) | Q(visible_from__lte=now),
                Q(visible_until__isnull=True) | Q(visible_until__gt=now),
            )
        return rows

    def drafts(self):
        return self.filter(is_published=False)

    def not_public(self, now=None):
        """Published, but outside the visibility window now (not yet or no
        longer visible). The window's two ends directly, not "published
        but not among the public ones": that would read every public row."""
        rows = self.filter(is_published=True)
        if not is_scheduled(self.model):
            return rows.none()
        now = now or timezone.now()
        return rows.filter(Q(visible_from__gt=now) | Q(visible_until__lte=now))


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLIC = "public", _("Public")
    EXPIRED = "expired", _("Expired")


def published_field():
    """The published flag of a content model. True by default for content
    created in code (fixtures, imports, tests); the admin's status control
    (core/admin.py PublishingAdmin) starts every new item as a draft, so an
    editor publishes on purpose."""
    return models.BooleanField(_("published"), default=True)


def address_slug_field():
    """The short name that is part of an item's public address: unique, and
    when taken, an editor learns what to do instead of Django's "… mit
    diesem Wert für das Feld … existiert bereits" (a repeated event with
    the same title takes the same name)."""
    return models.SlugField(
        _("short name (URL)"),
        max_length=100,
        unique=True,
        error_messages={
            "unique": _(
                "Another entry already has this short name. Please change it, "
                "for example by adding the year and month at the end (…-YYYY-MM)."
            )
        },
    )


def visibility_window():
    """`visible_from` and `visible_until` of a content model: both optional,
    entered in the site's time zone (Europe/Berlin)."""
    return (
        models.DateTimeField(
            _("visible from"),
            null=True,
            blank=True,
            help_text=_("Optional: a published item is public only from this time on."),
        ),
        models.DateTimeField(
            _("visible until"),
            null=True,
            blank=True,
            help_text=_("Optional: a published item is no longer public from this time on."),
        ),
    )


class ReviewState(models.TextChoices):
    """Where an item stands in the optional approval: submitted by an editor
    without the right to publish, or returned with a comment."""

    NONE = "", _("not submitted")
    SUBMITTED = "submitted", _("waiting for approval")
    RETURNED = "returned", _("returned")


def review_fields():
    """`review_state` and `review_comment` of a content model; set only
    through the admin's submit, approve and return buttons."""
    return (
        models.CharField(
            _("approval"),
            max_length=10,
            choices=ReviewState.choices,
            default=ReviewState.NONE,
            blank=True,
            editable=False,
        ),
        models.TextField(_("comment on returning"), blank=True, editable=False),
    )


def check_window(start, end):
    if start and end and end <= start:
        raise ValidationError({"visible_until": _("“Visible until” must be after “visible from”.")})


class Publishable:
    """What a model with `is_published` (and optionally `visible_from` and
    `visible_until`) offers its instances: the same rule as
    PublishedQuerySet.published(), for one item."""

    def publication_status(self, now=None):
        if not self.is_published:
            return PublicationStatus.DRAFT
        now = now or timezone.now()
        start = getattr(self, "visible_from", None)
        end = getattr(self, "visible_until", None)
        if start is not None and now < start:
            return PublicationStatus.SCHEDULED
        if end is not None and now >= end:
            return PublicationStatus.EXPIRED
        return PublicationStatus.PUBLIC

    def hidden_by(self):
        """What keeps this item from visitors although its own status is
        public (a contact's unpublished organisation), or None."""
        return None

    def is_public(self, now=None):
        return self.publication_status(now) == PublicationStatus.PUBLIC and self.hidden_by() is None


@functools.cache
def text_columns(model):
    """The attribute names of `model`'s text columns, every language's
    included. A model's fields are fixed once the apps are loaded."""
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    )


class CleanTextModel(models.Model):
    """Text that staff or visitors write, cleaned by core.text.clean_text
    before every save (admin, forms, code, and loaddata, which sends pre_save
    but calls no save()), in every language's column. Text written around
    Django (raw SQL, a restore) is not cleaned on loading: the writers of
    formats that forbid control characters (the Atom feed, calendar files,
    vCards) clean what they write."""

    class Meta:
        abstract = True

    def clean_text_columns(self):
        """Every text column's value cleaned in place, each language's
        column included: the values themselves, past django-modeltranslation's
        descriptors, which read and write only the active language's column
        (title -> title_en). Columns not loaded (deferred) are left alone."""
        values = self.__dict__
        for name in text_columns(type(self)):
            value = values.get(name)
            if isinstance(value, str):
                values[name] = clean_text(value)


@receiver(pre_save, dispatch_uid="core_clean_text")
def _clean_text_before_saving(sender, instance, **kwargs):
    if isinstance(instance, CleanTextModel):
        instance.clean_text_columns()


class NaturalKeyModel(CleanTextModel):
    """A model identified in fixtures by `natural_key_fields`, e.g.
    ("project__slug", "order"): dumpdata writes those values instead of the
    primary key, loaddata looks the row up by them. Fixtures then load into
    any database, whatever ids it has handed out.

    Django orders fixtures by foreign keys to other natural-key models by
    itself, so `natural_key.dependencies` is only needed for other links.
    Its text fields are cleaned (CleanTextModel)."""

    natural_key_fields = ()

    objects = NaturalKeyManager()

    class Meta:
        abstract = True

    def natural_key(self):
        values = []
        for path in self.natural_key_fields:
            value = self
            for name in path.split("__"):
                value = getattr(value, name)
            values.append(value)
        return tuple(values)


class ChangeDatedModel(models.Model):
    """Content whose page says when it last changed ("Stand: 3. Dezember
    2026"): `updated_at` is set on every save; loaddata keeps the value the
    fixture gives (a raw save calls no save()). Named apart from the
    publishing dates, which say when content goes public, not when it changed."""

    updated_at = models.DateTimeField(_("changed on"), default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)


# For models with both: Project.objects.published(), get_by_natural_key().
PublishedManager = NaturalKeyManager.from_queryset(PublishedQuerySet)


class DatePrecision(models.TextChoices):
    """How much of a date the source actually gives. A date stored with
    precision "month" is kept as the 1st of that month and shown as
    "April 2020": a day the source does not give is never shown."""

    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")
