import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.models import (
    ChangeDatedModel,
    DatePrecision,
    NaturalKeyManager,
    NaturalKeyModel,
    Publishable,
    PublishedManager,
    PublishedQuerySet,
    address_slug_field,
    check_window,
    published_field,
    review_fields,
    visibility_window,
)


def check_period(start, end, end_field="end_date"):
    if start and end and end < start:
        raise ValidationError({end_field: _("The end must not be before the start.")})


# Projects ----------------------------------------------------------------------


class Project(Publishable, ChangeDatedModel, NaturalKeyModel):
    title = models.CharField(_("title"), max_length=200)
    slug = address_slug_field()
    summary = models.TextField(_("summary"), help_text=_("One paragraph: what the project is."))
    background = models.TextField(_("background"), blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    lead_organisation = models.ForeignKey(
        "contacts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("lead organisation"),
    )
    contacts = models.ManyToManyField(
        "contacts.Contact", blank=True, related_name="projects", verbose_name=_("contacts")
    )
    quote_text = models.TextField(_("quote"), blank=True)
    quote_speaker = models.CharField(_("quoted person"), max_length=200, blank=True)
    quote_role = models.CharField(
        _("role of the quoted person"),
        max_length=200,
        blank=True,
        help_text=_("The role at the time of the quote, e.g. Landrat."),
    )
    quote_date = models.DateField(_("date of the quote"), null=True, blank=True)
    quote_date_precision = models.CharField(
        _("precision of the quote's date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    is_published = published_field()
    visible_from, visible_until = visibility_window()
    review_state, review_comment = review_fields()

    objects = PublishedManager()
    natural_key_fields = ("slug",)

    class Meta:
        ordering = ("-start_date", "title")
        permissions = [("publish_project", "Can publish project")]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    def clean(self):
        check_period(self.start_date, self.end_date)
        check_window(self.visible_from, self.visible_until)

    @property
    def is_finished(self):
        return self.end_date is not None and self.end_date < timezone.localdate()


class GoalQuerySet(models.QuerySet):
    def with_results(self):
        """A project's goals in their order, each with its results in theirs:
        `project.goals.with_results()`. (The default orderings start with the
        project and the goal, for the admin's lists of all of them.)"""
        return self.order_by("order").prefetch_related(
            models.Prefetch("results", queryset=Result.objects.order_by("order"))
        )


class Goal(NaturalKeyModel):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="goals", verbose_name=_("project")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("goal"), max_length=300)

    objects = NaturalKeyManager.from_queryset(GoalQuerySet)()
    natural_key_fields = ("project__slug", "order")

    class Meta:
        ordering = ("project", "order")
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(fields=("project", "order"), name="goal_order_unique"),
        ]

    def __str__(self):
        return self.title


class Result(NaturalKeyModel):
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="results", verbose_name=_("goal")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.TextField(_("result"))
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("precision of the date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )

    natural_key_fields = ("goal__project__slug", "goal__order", "order")

    class Meta:
        ordering = ("goal", "order")
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [
            models.UniqueConstraint(fields=("goal", "order"), name="result_order_unique"),
        ]

    def __str__(self):
        return self.text[:80]


class Milestone(NaturalKeyModel):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    slug = models.SlugField(_("short name"), max_length=100)
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("precision of the date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("Only as precise as the source: a year, a month or a day."),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    natural_key_fields = ("project__slug", "slug")

    class Meta:
        ordering = ("project", "date")
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(fields=("project", "slug"), name="milestone_slug_unique"),
        ]

    def __str__(self):
        return self.title


class Funding(NaturalKeyModel):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="fundings", verbose_name=_("project")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    programme = models.CharField(
        _("funding programme"),
        max_length=300,
        blank=True,
        help_text=_("Only the programme's official name, as the funding notice gives it."),
    )
    funder = models.CharField(_("funder"), max_length=300)
    max_amount = models.DecimalField(
        _("maximum amount (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    co_funding_note = models.CharField(
        _("co-funding note"),
        max_length=300,
        blank=True,
        help_text=_("E.g. plus a municipal share."),
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)

    natural_key_fields = ("project__slug", "order")

    class Meta:
        ordering = ("project", "order")
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        constraints = [
            models.UniqueConstraint(fields=("project", "order"), name="funding_order_unique"),
            models.CheckConstraint(
                condition=models.Q(max_amount__gte=0) | models.Q(max_amount__isnull=True),
                name="funding_amount_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.programme} ({self.funder})" if self.programme else self.funder

    def clean(self):
        check_period(self.start_date, self.end_date)


# Events ------------------------------------------------------------------------


# The day an event ends: its end date, or its start date if it has none.
LAST_DAY = Coalesce("end_date", "start_date")


class EventQuerySet(PublishedQuerySet):
    def with_project(self):
        """Each event with its project and whether the project is published,
        in the same query, for `Event.public_project`."""
        published = Project.objects.published().filter(pk=models.OuterRef("project"))
        return self.select_related("project").annotate(project_is_public=models.Exists(published))

    def upcoming(self, today=None):
        """Published events that have not ended yet, soonest first. An event
        without an end date ends on its start date. The database reads the
        few rows from the index on the last day, not every past event."""
        today = today or timezone.localdate()
        return (
            self.published()
            .alias(last_day=LAST_DAY)
            .filter(last_day__gte=today)
            # All-day events before timed ones on the same day, spelled out
            # because SQLite and PostgreSQL sort NULL differently; the id
            # last, so that events at the same time keep one order on every
            # database and after a restore (pages of the archive, feeds).
            .order_by("start_date", models.F("start_time").asc(nulls_first=True), "pk")
        )

    def past(self, today=None):
        """Published events that are over, latest first. An event that is
        over has started before today, too: saying so lets the database walk
        the index on the start backwards and stop after a page, and count
        from the index alone (event_published_span), instead of reading and
        sorting every past event."""
        today = today or timezone.localdate()
        return (
            self.published()
            .alias(last_day=LAST_DAY)
            .filter(start_date__lt=today, last_day__lt=today)
            .order_by("-start_date", models.F("start_time").desc(nulls_last=True), "-pk")
        )


def address_taken_by_another_page(slug):
    """The first address an event with `slug` would have (its page or its
    .ics file, in either language) that the site answers with another page,
    such as the upcoming events or the calendar; None when all are free."""
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for name in ("events:detail", "events:ical"):
                try:
                    address = reverse(name, kwargs={"slug": slug})
                except NoReverseMatch:  # not a slug: its field reports that
                    return None
                if resolve(address).view_name != name:
                    return address
    return None


class Event(Publishable, ChangeDatedModel, NaturalKeyModel):
    title = models.CharField(_("title"), max_length=300)
    slug = address_slug_field()
    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("Leave empty for an all-day event or when the time is not known."),
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("project"),
    )
    is_published = published_field()
    visible_from, visible_until = visibility_window()
    review_state, review_comment = review_fields()
    # Calendar programs tell a changed event from their old copy by these
    # (DTSTAMP/LAST-MODIFIED and SEQUENCE in the .ics files: `updated_at`
    # and `revision`); save() keeps them.
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    objects = NaturalKeyManager.from_queryset(EventQuerySet)()
    natural_key_fields = ("slug",)

    class Meta:
        ordering = ("-start_date", "-start_time")
        permissions = [("publish_event", "Can publish event")]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        # Only published events are ever listed: the indexes hold only them.
        # By start for the archive and the feed (newest first), by last day
        # for what is upcoming, by change for the sitemap's lastmod; the
        # span with the visibility window holds all that counting the
        # archive's pages asks, so the count reads no table rows.
        indexes = [
            models.Index(
                fields=("start_date", "start_time"),
                condition=models.Q(is_published=True),
                name="event_published_start",
            ),
            models.Index(
                LAST_DAY, condition=models.Q(is_published=True), name="event_published_last_day"
            ),
            models.Index(
                fields=("start_date", "end_date", "visible_from", "visible_until"),
                condition=models.Q(is_published=True),
                name="event_published_span",
            ),
            models.Index(
                fields=("updated_at",),
                condition=models.Q(is_published=True),
                name="event_published_updated",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.revision += 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "revision"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def public_project(self):
        """The event's project while it is published, else None: what every
        public page, feed and calendar file may name. Loaded with the events
        by EventQuerySet.with_project(); otherwise asked here."""
        if self.project_id is None:
            return None
        public = getattr(self, "project_is_public", None)
        if public is None:
            public = Project.objects.published().filter(pk=self.project_id).exists()
        return self.project if public else None

    def clean(self):
        check_window(self.visible_from, self.visible_until)
        errors = {}
        if self.end_time and not self.start_time:
            errors["start_time"] = _("Give a start time when an end time is given.")
        # clean() runs even when a field failed; a missing start date is
        # already reported by its field.
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end must not be before the start.")
        elif (
            self.start_time
            and self.end_time
            and (self.end_date or self.start_date) == self.start_date
            and self.end_time < self.start_time
        ):
            errors["end_time"] = _("The end must not be before the start.")
        if self.slug and (address := address_taken_by_another_page(self.slug)):
            errors["slug"] = _(
                "The address %(address)s belongs to another page of the site. "
                "Please choose another short name."
            ) % {"address": address}
        if errors:
            raise ValidationError(errors)

    @property
    def all_day(self):
        """An event without a start time takes the whole day."""
        return self.start_time is None

    @property
    def last_day(self):
        return self.end_date or self.start_date

    def period(self):
        """(start, end) in the site's time zone: dates for an all-day event
        (end its last day, None when it is one day); otherwise aware
        datetimes, except that the end is a date when only the last day is
        known and None when the end is not known. The calendar files and
        the structured data both write this."""
        if self.all_day:
            return self.start_date, self.last_day if self.last_day != self.start_date else None
        zone = ZoneInfo(settings.TIME_ZONE)
        start = datetime.datetime.combine(self.start_date, self.start_time, tzinfo=zone)
        if self.end_time:
            return start, datetime.datetime.combine(self.last_day, self.end_time, tzinfo=zone)
        if self.end_date and self.end_date != self.start_date:
            return start, self.end_date
        return start, None
