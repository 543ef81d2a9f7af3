import json

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminTextareaWidget
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline
from modeltranslation.utils import build_localized_fieldname

from contacts.admin import OrganisationAdmin
from contacts.models import Organisation
from core.admin import DATE_TIME_INPUT, ContentAdmin, register_history
from core.labels import field_label

from .models import Feedback, LegalPage, Limitation, sanitize_html
from .requirements import REQUIRED, legal_problems_for
from .translation import LegalPageTranslation

# Accessibility feedback has no history: it holds personal data, which
# purge_feedback deletes after the retention period, copies included.
register_history(LegalPage, follow=("limitations",))
register_history(Limitation)


class RichTextWidget(AdminTextareaWidget):
    """The legal pages' text in a rich-text editor (static/js/richtext.js, on
    django-prose-editor's bundle) that offers exactly what the sanitiser keeps;
    without JavaScript it stays a text area for the HTML."""

    LABELS = {
        "editor": _("Text"),
        "apply": _("Apply"),
        "abbreviation": _("Abbreviation: what it stands for"),
        "abbreviationButton": _("Abbreviation"),
        "abbreviationTitle": _("Written out"),
        "language": _("Language of the selected words"),
        "languageButton": _("Language"),
        "languageCode": _("Language code, e.g. en for English, de for German"),
        "link": _("Link"),
        "linkButton": _("Link"),
        "linkAddress": _("Address, e.g. https://www.altmarkkreis-salzwedel.de"),
    }
    # The toolbar's own buttons, by their data-name.
    BUTTONS = {
        "heading2": _("Heading 2"),
        "heading3": _("Heading 3"),
        "paragraph": _("Paragraph"),
        "bulletList": _("Bulleted list"),
        "orderedList": _("Numbered list"),
        "bold": _("Bold"),
        "italic": _("Italic"),
        "history:undo": _("Undo"),
        "history:redo": _("Redo"),
    }

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "css/richtext.css",
                ]
            },
            js=[forms.Script("js/richtext.js", type="module")],
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-richtext-editor": static("django_prose_editor/editor.js"),
                "data-richtext-labels": json.dumps(
                    {
                        **{key: str(label) for key, label in self.LABELS.items()},
                        "buttons": {key: str(label) for key, label in self.BUTTONS.items()},
                    }
                ),
            }
        )
        return context


class LimitationInline(TranslationStackedInline):
    model = Limitation
    extra = 0
    fields = ("order", "ground", "description", "reason", "alternative")


# The details each kind of page needs; the others stay out of the editors' way.
DETAIL_FIELDSETS = {
    LegalPage.Kind.IMPRINT: (
        _("Provider"),
        {
            "fields": (
                "provider",
                "legal_form",
                "representative_role",
                "representative_name",
                "vat_id",
                "supervisory_authority",
                "editorial_responsible",
            ),
        },
    ),
    LegalPage.Kind.PRIVACY: (
        _("Controller and retention"),
        {
            "fields": ("provider", "dpo_contact"),
        },
    ),
    LegalPage.Kind.ACCESSIBILITY: (
        _("Accessibility statement"),
        {
            "fields": (
                "provider",
                "compliance",
                "statement_date",
                "method",
                "last_review_date",
            ),
        },
    ),
    LegalPage.Kind.EASY_READ: (
        _("Leichte Sprache"),
        {
            "fields": ("checked_by_reading_group",),
        },
    ),
}


def localized(fields):
    """`fields` with each translated one as its fields per language
    ("title" -> "title_de", "title_en"), as the admin's form has them."""
    names = []
    for name in fields:
        if name in LegalPageTranslation.fields:
            names += [build_localized_fieldname(name, code) for code, _name in settings.LANGUAGES]
        else:
            names.append(name)
    return tuple(names)


def mark_required_by_law(form, name, law):
    """Field `name` of `form` (if the form has it) names the law that
    requires it at the start of its help text."""
    if name in form.base_fields:
        field = form.base_fields[name]
        note = gettext("Required by law (%(law)s).") % {"law": law}
        field.help_text = f"{note} {field.help_text}".strip()


@admin.register(LegalPage)
class LegalPageAdmin(ContentAdmin):
    # The content form (it carries the opened version) with what the law
    # requires and the page lacks on top.
    change_form_template = "admin/legal/legalpage/change_form.html"
    list_display = ("__str__", "title", "is_published")
    list_filter = ("is_published",)
    autocomplete_fields = ("provider",)

    def get_fieldsets(self, request, obj=None):
        main = (None, {"fields": ("kind", "title", "is_published", "intro", "body")})
        details = DETAIL_FIELDSETS.get(obj.kind) if obj else None
        fieldsets = (main, details) if details else (main,)
        # Read only (no right to publish): the texts as the page shows them,
        # not their HTML source.
        shown = RENDERED if not self.has_change_permission(request, obj) else {}
        return [
            (
                name,
                {
                    **options,
                    "fields": tuple(shown.get(f, f) for f in localized(options["fields"])),
                },
            )
            for name, options in fieldsets
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("intro", "body") or db_field.name.startswith(("intro_", "body_")):
            kwargs["widget"] = RichTextWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # The facts the law requires say so, and which law.
        law, _provider_fields, required = REQUIRED.get(obj.kind if obj else None, (None, (), ()))
        for name in localized((*required, "provider")) if law else ():
            mark_required_by_law(form, name, law)
        return form

    def has_change_permission(self, request, obj=None):
        # A legal page is public at all times: changing it is publishing.
        # Editors without that right read it (docs/redaktion.md, "Freigabe").
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.is_published:
            return request.user.has_perm("legal.publish_legalpage")
        return allowed

    def get_readonly_fields(self, request, obj=None):
        # A page's kind decides its URL; changing it would move the page.
        fields = ("kind",) if obj else ()
        if not self.has_change_permission(request, obj):
            fields += tuple(RENDERED.values())
        return fields

    def get_inlines(self, request, obj):
        return (LimitationInline,) if obj and obj.kind == LegalPage.Kind.ACCESSIBILITY else ()

    def has_add_permission(self, request):
        # The four pages are fixed: each kind exists once, loaded with the content.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The banner lists what this page lacks (its organisation's facts included).
        page = self.get_object(request, unquote(object_id))
        problems = [
            problem
            for problem in legal_problems_for(request, self.admin_site.name)
            if page is not None and problem["kind"] == page.kind
        ]
        context = {"legal_problems": problems, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)


def _rendered(name):
    """A display of the rich text `name` as HTML, for those who only read."""

    @admin.display(description=field_label(LegalPage, LegalPage._meta.get_field(name)))
    def rendered(self, obj):
        # Cleaned when saved; cleaned again, as every page that shows it is.
        return mark_safe(sanitize_html(getattr(obj, name)))  # noqa: S308 - nh3's allow-list

    return rendered


# {"intro_de": "intro_de_rendered", ...}: the read-only displays of the texts.
RENDERED = {name: f"{name}_rendered" for name in localized(("intro", "body"))}
for _name, _display in RENDERED.items():
    setattr(LegalPageAdmin, _display, _rendered(_name))


class ProviderAdmin(OrganisationAdmin):
    """The organisations' admin, and where an organisation provides a legal
    page, its facts that the law requires say so, and which law, as on the
    legal page's own form (the start page's box links here for them)."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        kinds = LegalPage.objects.filter(provider=obj).values_list("kind", flat=True) if obj else ()
        laws = {}
        for kind in kinds:
            law, provider_fields, _own = REQUIRED.get(kind, (None, (), ()))
            for name in provider_fields:
                laws.setdefault(name, []).append(str(law))
        for name, names in laws.items():
            mark_required_by_law(form, name, ", ".join(dict.fromkeys(names)))
        return form


admin.site.unregister(Organisation)
admin.site.register(Organisation, ProviderAdmin)


class FeedbackStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return (
            ("open", _("open")),
            ("due", _("due within a week")),
            ("overdue", _("overdue")),
            ("answered", _("answered")),
        )

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.open()
        if self.value() == "due":
            return queryset.due_soon()
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "answered":
            return queryset.filter(answered_at__isnull=False)
        return queryset


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    formfield_overrides = DATE_TIME_INPUT
    list_display = ("received_at", "page", "name", "answer_by", "status", "answerer")
    list_filter = (FeedbackStatusFilter, "language")
    list_select_related = ("answered_by",)
    search_fields = ("page", "message", "name", "email")
    date_hierarchy = "received_at"
    readonly_fields = (
        "received_at",
        "answer_by",
        "name",
        "page",
        "message",
        "language",
        "answerer",
        "email_link",
    )
    fields = (
        ("received_at", "answer_by"),
        "language",
        "name",
        "email_link",
        "page",
        "message",
        ("answered_at", "answerer"),
        "staff_note",
    )

    # Who answered by name, without a link to their account (which editors
    # may not open); the sender's address as a link to write to them.
    @admin.display(
        description=Feedback._meta.get_field("answered_by").verbose_name,
        ordering="answered_by__last_name",
    )
    def answerer(self, obj):
        user = obj.answered_by
        if user is None:
            return self.get_empty_value_display()
        return user.get_full_name() or user.get_username()

    @admin.display(description=Feedback._meta.get_field("email").verbose_name)
    def email_link(self, obj):
        if not obj.email:
            return self.get_empty_value_display()
        return format_html('<a href="mailto:{0}">{0}</a>', obj.email)

    @admin.display(description=_("status"))
    def status(self, obj):
        if obj.answered_at:
            return _("answered")
        if obj.answer_by < timezone.localdate():
            return _("overdue")
        return _("open")

    def has_add_permission(self, request):
        # Feedback comes from the public form only.
        return False

    def save_model(self, request, obj, form, change):
        # Who answered is whoever first enters the answer date; clearing the
        # date makes the item open again and forgets them.
        if obj.answered_at is None:
            obj.answered_by = None
        elif obj.answered_by is None:
            obj.answered_by = request.user
        super().save_model(request, obj, form, change)
