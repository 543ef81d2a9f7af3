"""What the content models of every app share: natural keys for loaddata and
dumpdata, the public-visibility rule, and dates only as precise as the source."""

import functools

from django.db import models
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


class PublishedQuerySet(models.QuerySet):
    """The rule every public page, feed, sitemap and search follows: only
    what an editor has published is shown."""

    def published(self):
        return self.filter(is_published=True)


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
    """Text that staff or visitors write, cleaned by core.text.clean_text:
    before every save (admin, forms, code, and loaddata, which sends pre_save
    but calls no save()), in every language's column, and again when an
    instance is made from a row (post_init, connected in CoreConfig.ready),
    so that text written around Django (raw SQL, a restore) cannot break a
    page, a feed or a calendar file either."""

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


def clean_text_when_loaded(sender, instance, **kwargs):
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
