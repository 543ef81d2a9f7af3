import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import (
    ChangeDatedModel,
    NaturalKeyManager,
    NaturalKeyModel,
    Publishable,
    PublishedQuerySet,
    address_slug_field,
    check_window,
    published_field,
    review_fields,
    visibility_window,
)


class Reachable:
    """What organisations and contacts share on the page: a dialable phone
    number and a short label for the website."""

    has_address = False
    # Organisations have a website field; contacts have none.
    website = ""

    @property
    def phone_uri(self):
        """'03901 840-0' -> '+4939018400' for a tel: link (RFC 3966)."""
        digits = re.sub(r"[^\d+]", "", self.phone)
        if digits.startswith("00"):
            return "+" + digits[2:]
        if digits.startswith("0"):
            return "+49" + digits[1:]
        return digits

    @property
    def website_label(self):
        return re.sub(r"^https?://|/$", "", self.website)


class Organisation(Publishable, Reachable, ChangeDatedModel, NaturalKeyModel):
    class Kind(models.TextChoices):
        COUNTY_UNIT = "county_unit", _("County administration")
        MUNICIPALITY = "municipality", _("Town or municipality")
        MINISTRY = "ministry", _("Ministry")
        ASSOCIATION = "association", _("Association")
        VENUE = "venue", _("Venue")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = address_slug_field()
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        help_text=_(
            "The contacts page looks the same for every kind; units of the county "
            "administration are also described to search engines as the county's offices."
        ),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("As it should be shown, e.g. 03901 840-0."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_published = published_field()
    review_state, review_comment = review_fields()

    objects = NaturalKeyManager.from_queryset(PublishedQuerySet)()
    natural_key_fields = ("slug",)

    class Meta:
        ordering = ("order", "name")
        permissions = [("publish_organisation", "Can publish organisation")]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """Its lasting address, which leads to its heading on the page of
        the contacts list that shows it (views.ContactPlaceView)."""
        return reverse("contacts:organisation", kwargs={"slug": self.slug})

    @property
    def has_address(self):
        return bool(self.street or self.postal_code or self.city)


class ContactQuerySet(PublishedQuerySet):
    def listed(self, now=None):
        """Contacts a visitor may see (their organisation published, too),
        with their organisation in the same query."""
        return (
            self.published(now)
            .filter(organisation__is_published=True)
            .select_related("organisation")
        )

    def in_directory_order(self):
        """By organisation, then by position: each organisation's contacts
        next to each other, also when two organisations share a position."""
        # The id last: contacts known by their function alone have no name,
        # and without a unique last key the database may order equals one
        # way for a page and another for ContactPlaceView's count.
        return self.order_by(
            "organisation__order", "organisation__name", "organisation_id", "order", "name", "pk"
        )


class Contact(Publishable, Reachable, ChangeDatedModel, NaturalKeyModel):
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty if only a function is given."),
    )
    function = models.CharField(
        _("function or unit"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the unit's name, when no person is named."),
    )
    slug = address_slug_field()
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    office_hours = models.TextField(_("office hours"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_published = published_field()
    visible_from, visible_until = visibility_window()
    review_state, review_comment = review_fields()

    objects = NaturalKeyManager.from_queryset(ContactQuerySet)()
    natural_key_fields = ("slug",)

    class Meta:
        ordering = ("organisation__order", "order", "name")
        permissions = [("publish_contact", "Can publish contact")]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.display_name

    def hidden_by(self):
        # The contacts page shows a contact only under its published organisation.
        return None if self.organisation.is_published else self.organisation

    def get_absolute_url(self):
        """Its lasting address, which leads to its entry on the page of the
        contacts list that shows it (views.ContactPlaceView)."""
        return reverse("contacts:contact", kwargs={"slug": self.slug})

    @property
    def vcard_url(self):
        return reverse("contacts:vcard", kwargs={"slug": self.slug})

    def clean(self):
        check_window(self.visible_from, self.visible_until)
        if not self.name and not self.function:
            raise ValidationError(_("Enter a name or a function."))
        # Its entry on the contacts page has the short name as its id (the
        # address #short-name leads there): not that of the page's main
        # content or of an organisation's heading.
        if self.slug == "main" or self.slug.startswith("org-"):
            raise ValidationError(
                {"slug": _("The contacts page uses this short name itself. Please choose another.")}
            )

    @property
    def display_name(self):
        return self.name or self.function
