import re

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.models import ChangeDatedModel, NaturalKeyModel, PublishedManager, published_field

# What editors may use in the legal pages' text: paragraphs, two heading
# levels, lists, links, emphasis, line breaks, abbreviations and the
# language of a word (<span lang="en">). Everything else (script, style,
# event handlers, images, javascript: links) is removed. The admin's editor
# (static/js/richtext.js) offers exactly this.
ALLOWED_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "a", "strong", "em", "br", "abbr", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "abbr": {"title"}, "span": {"lang"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


# A language tag (BCP 47, simplified): "en", "de", "en-GB", "nds".
LANGUAGE_TAG = re.compile(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*")


def _keep_allowed_attribute(tag, attribute, value):
    """Only the allowed attributes (ammonia itself keeps lang and title on
    every tag), and a lang only with a valid language tag."""
    if attribute not in ALLOWED_ATTRIBUTES.get(tag, ()):
        return None
    if attribute == "lang":
        return value.strip() if LANGUAGE_TAG.fullmatch(value.strip()) else None
    return value


def sanitize_html(html):
    """The editors' HTML reduced to the allow-list above (nh3/ammonia)."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_allowed_attribute,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
    )


# A German VAT identification number: "DE" and nine digits.
VAT_ID = re.compile(r"DE[0-9]{9}")


# How a text cites the Medienstaatsvertrag (Interstate Media Treaty).
MEDIA_TREATY = re.compile(r"\bMStV\b|Medienstaatsvertrag|Media Treaty", re.IGNORECASE)


# Legal pages ---------------------------------------------------------------------


class LegalPage(ChangeDatedModel, NaturalKeyModel):
    """One of the four pages a county's website owes its visitors. The text is
    the editors' (sanitised) HTML; facts that a deploy check must be able to
    see - the Landrat's name, the data protection officer, the accessibility
    statement's dates - are fields of their own."""

    class Kind(models.TextChoices):
        IMPRINT = "imprint", _("Legal notice (Impressum)")
        PRIVACY = "privacy", _("Privacy policy")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        EASY_READ = "easy_read", _("Easy read (Leichte Sprache)")

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NOT = "not", _("not compliant")

    class Method(models.TextChoices):
        SELF = "self", _("self-assessment")
        THIRD_PARTY = "third_party", _("assessment by a third party")

    kind = models.CharField(_("page"), max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("text before the details"),
        blank=True,
        help_text=_(
            "Allowed: paragraphs, headings (h2, h3), lists, links, bold, italics, "
            "line breaks, abbreviations, the language of a word. Anything else is "
            "removed when saving."
        ),
    )
    body = models.TextField(
        _("text after the details"),
        blank=True,
        help_text=_("Same rules as the text before the details."),
    )
    is_published = published_field()

    # Legal notice; the privacy policy names the same body as controller.
    provider = models.ForeignKey(
        "contacts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provider"),
        help_text=_("Name, address, phone, e-mail and website are taken from this organisation."),
    )
    legal_form = models.CharField(_("legal form"), max_length=200, blank=True)
    representative_role = models.CharField(
        _("represented by (office)"), max_length=200, blank=True, help_text=_("E.g. Landrat.")
    )
    representative_name = models.CharField(
        _("represented by (name)"),
        max_length=200,
        blank=True,
        help_text=_("The name of the person who holds the office today."),
    )
    vat_id = models.CharField(_("VAT identification number"), max_length=40, blank=True)
    supervisory_authority = models.TextField(
        _("supervisory authority"),
        blank=True,
        help_text=_("Name and address of the authority that supervises the district."),
    )
    editorial_responsible = models.TextField(
        _("responsible for the content (section 18(2) MStV)"),
        blank=True,
        help_text=_(
            "Name and address of the person responsible for journalistic and editorial "
            "content. Required if the text cites the Medienstaatsvertrag (MStV)."
        ),
    )

    # Privacy policy. How long server logs are kept is a setting
    # (LOG_RETENTION_DAYS), because the log configuration must match it.
    dpo_contact = models.TextField(
        _("data protection officer"),
        blank=True,
        help_text=_(
            "Name or function, postal address and e-mail address. Until it is filled in, "
            "the page names the district's postal address and switchboard."
        ),
    )

    # Accessibility statement (EU model statement, Implementing Decision 2018/1523)
    compliance = models.CharField(
        _("compliance status"), max_length=10, choices=Compliance.choices, blank=True
    )
    statement_date = models.DateField(_("statement prepared on"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices, blank=True)
    last_review_date = models.DateField(_("last reviewed on"), null=True, blank=True)

    # Leichte Sprache: a text counts as Leichte Sprache once a reading group
    # (people with learning difficulties) has checked it; until then the
    # page says so.
    checked_by_reading_group = models.BooleanField(
        _("checked by a reading group"),
        default=False,
        help_text=_(
            "Tick only when people with learning difficulties have read and approved "
            "this text. Until then the page says that the check is still to come."
        ),
    )

    objects = PublishedManager()
    natural_key_fields = ("kind",)

    class Meta:
        ordering = ("kind",)
        # The legal pages are public at all times: changing them is
        # publishing (LegalPageAdmin), a right of the "Redaktion" group.
        permissions = [("publish_legalpage", "Can publish legal page")]
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")

    def __str__(self):
        return self.get_kind_display()

    def save(self, *args, **kwargs):
        for name in ("intro", "body"):
            for code, _name in settings.LANGUAGES:
                field = f"{name}_{code}"
                setattr(self, field, sanitize_html(getattr(self, field)) or "")
        super().save(*args, **kwargs)

    def clean(self):
        """The VAT number in its official form (spaces are dropped), and the
        statement's dates in order: prepared, then reviewed, neither in the
        future."""
        errors = {}
        self.vat_id = re.sub(r"\s", "", self.vat_id or "").upper()
        if self.vat_id and not VAT_ID.fullmatch(self.vat_id):
            errors["vat_id"] = _(
                "Enter the VAT identification number as “DE” and 9 digits, e.g. DE123456789."
            )
        today = timezone.localdate()
        for name in ("statement_date", "last_review_date"):
            if getattr(self, name) and getattr(self, name) > today:
                errors[name] = _("This date is in the future; enter the day it happened.")
        if (
            "last_review_date" not in errors
            and self.statement_date
            and self.last_review_date
            and self.last_review_date < self.statement_date
        ):
            errors["last_review_date"] = _(
                "The last review cannot be before the statement was prepared (%(date)s)."
            ) % {"date": self.statement_date.strftime("%d.%m.%Y")}
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse(f"legal:{self.kind}")

    def cites_media_treaty(self):
        """Whether the text, in any language, cites the Medienstaatsvertrag:
        then section 18(2) MStV wants a person responsible for the content."""
        texts = (
            getattr(self, f"{name}_{code}") or ""
            for name in ("intro", "body")
            for code, _name in settings.LANGUAGES
        )
        return any(MEDIA_TREATY.search(text) for text in texts)

    # Sanitised again on output: fixtures and raw SQL bypass save().
    @property
    def intro_html(self):
        return mark_safe(sanitize_html(self.intro))  # noqa: S308 - cleaned by nh3 just now

    @property
    def body_html(self):
        return mark_safe(sanitize_html(self.body))  # noqa: S308 - cleaned by nh3 just now


class Limitation(NaturalKeyModel):
    """A part of the site that is not accessible, why, and what to do instead."""

    class Ground(models.TextChoices):
        """The grounds the EU model statement (Implementing Decision 2018/1523)
        allows, in its order."""

        NON_COMPLIANCE = "non_compliance", _("non-compliance with the accessibility requirements")
        BURDEN = "burden", _("disproportionate burden")
        OUT_OF_SCOPE = "out_of_scope", _("not within the scope of the applicable legislation")

    page = models.ForeignKey(
        LegalPage,
        on_delete=models.CASCADE,
        related_name="limitations",
        limit_choices_to={"kind": LegalPage.Kind.ACCESSIBILITY},
        verbose_name=_("statement"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    ground = models.CharField(
        _("ground"),
        max_length=20,
        choices=Ground.choices,
        default=Ground.NON_COMPLIANCE,
        help_text=_(
            "Why the content is not accessible, in the terms of the EU model statement. "
            "Claim a disproportionate burden only after the district has assessed it."
        ),
    )
    description = models.TextField(_("what is not accessible"))
    reason = models.TextField(_("reason"))
    alternative = models.TextField(_("accessible alternative"), blank=True)

    natural_key_fields = ("page__kind", "order")

    class Meta:
        ordering = ("page", "order")
        verbose_name = _("known limitation")
        verbose_name_plural = _("known limitations")
        constraints = [
            models.UniqueConstraint(fields=("page", "order"), name="limitation_order_unique"),
        ]

    def __str__(self):
        return self.description[:80]


# Accessibility feedback and the form's rate limit: legal/feedback.py. Django
# finds the models of this app here.
from .feedback import ClientNetwork, Feedback, SubmissionAttempt  # noqa: E402, F401
