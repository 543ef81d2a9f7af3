"""What the law requires of the legal pages, in one place.

`legal_problems()` lists every required fact that is missing and every
contradiction, each with the law that asks for it and the object and field
where it is filled in. `manage.py check --deploy` (legal/checks.py) turns
them into Errors; the admin (legal/admin.py) shows the same list to the
editors, in their language, with a link to each field.

What the law asks for:
- a legal notice (section 5(1) nos. 1 and 2 DDG): name, address, legal form,
  representative, a way to reach the provider quickly, e-mail included; the
  supervisory authority (no. 3); with a text citing the Medienstaatsvertrag,
  the person responsible for the content (section 18(2) MStV);
- a privacy policy (Article 13(1)(a) and (b) GDPR): the controller's and the
  data protection officer's contact details;
- an accessibility statement (the EU model statement, Implementing Decision
  2018/1523): status, dates, method, and a way to contact the body.
"""

from dataclasses import dataclass

from django.db import DatabaseError
from django.db.models import Model
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation

from .models import LegalPage, Limitation
from .translation import LegalPageTranslation

Kind = LegalPage.Kind

DDG = _("section 5 DDG")
MSTV = _("section 18(2) MStV")
GDPR = _("Art. 13 GDPR")
MODEL_STATEMENT = _("EU model accessibility statement")
BITV = _("section 4 BITV 2.0")

# kind -> (law, the provider's fields, the page's own fields)
REQUIRED = {
    Kind.IMPRINT: (
        DDG,
        ("street", "postal_code", "city", "phone", "email"),
        ("legal_form", "representative_role", "representative_name", "supervisory_authority"),
    ),
    Kind.PRIVACY: (GDPR, ("street", "postal_code", "city"), ("dpo_contact",)),
    Kind.ACCESSIBILITY: (
        MODEL_STATEMENT,
        ("street", "postal_code", "city", "phone"),
        ("compliance", "statement_date", "method", "last_review_date"),
    ),
}


@dataclass(frozen=True)
class Problem:
    """A required fact that `page` lacks, or a contradiction in it. `target`
    is the object to edit (the page or its organisation), `field` the field
    there (None: the page as a whole); `law` says which rule asks for it."""

    code: str  # "missing" (the page), "detail" (a fact), "status" (a contradiction)
    kind: str
    page: LegalPage | None
    target: Model | None
    field: str | None
    law: object

    @property
    def page_label(self):
        return Kind(self.kind).label

    @property
    def field_label(self):
        if self.field is None:
            return None
        return self.target._meta.get_field(self.field).verbose_name

    @property
    def on_organisation(self):
        return isinstance(self.target, Organisation)

    def description(self):
        """What is missing or wrong, for the editors (in the active language)."""
        if self.code == "missing":
            return gettext("The page is missing or not published")
        if self.code == "status":
            return gettext("The compliance status does not match the listed limitations")
        if self.on_organisation:
            return gettext("%(field)s of the organisation “%(organisation)s”") % {
                "field": self.field_label,
                "organisation": self.target,
            }
        return capfirst(self.field_label)

    def admin_url(self, site_name="admin"):
        """The admin form where this is filled in, scrolled to the field."""
        if self.target is None:
            return reverse(f"{site_name}:legal_legalpage_changelist")
        opts = self.target._meta
        url = reverse(
            f"{site_name}:{opts.app_label}_{opts.model_name}_change", args=[self.target.pk]
        )
        return f"{url}#{field_id(self.target, self.field)}" if self.field else url


def field_id(obj, field):
    """The HTML id of `field` in `obj`'s admin form: translated fields are
    edited per language, and the German one comes first."""
    if isinstance(obj, LegalPage) and field in LegalPageTranslation.fields:
        return f"id_{field}_de"
    return f"id_{field}"


def page_problems(page):
    """What `page` lacks of the facts the law requires, and contradictions."""
    problems = []
    law, provider_fields, own_fields = REQUIRED.get(page.kind, (None, (), ()))
    own_fields = list(own_fields)
    if page.kind == Kind.IMPRINT and page.cites_media_treaty():
        own_fields.append("editorial_responsible")
    if law is not None:
        if page.provider is None:
            problems.append(Problem("detail", page.kind, page, page, "provider", law))
        else:
            problems += [
                Problem("detail", page.kind, page, page.provider, name, law)
                for name in provider_fields
                if not getattr(page.provider, name)
            ]
        problems += [
            Problem(
                "detail",
                page.kind,
                page,
                page,
                name,
                MSTV if name == "editorial_responsible" else law,
            )
            for name in own_fields
            if not getattr(page, name)
        ]
    if status_contradiction(page):
        problems.append(Problem("status", page.kind, page, page, "compliance", MODEL_STATEMENT))
    return problems


def status_contradiction(page):
    """None, or what is wrong: a fully compliant site lists no non-compliance
    or exemption, a partially or not compliant one lists at least one."""
    if page.kind != Kind.ACCESSIBILITY or not page.compliance:
        return None
    grounds = {limitation.ground for limitation in page.limitations.all()}
    findings = grounds & {Limitation.Ground.NON_COMPLIANCE, Limitation.Ground.BURDEN}
    if page.compliance == page.Compliance.FULL and findings:
        return "full"
    if page.compliance != page.Compliance.FULL and not findings:
        return "partial"
    return None


def legal_pages():
    """The legal pages by kind (may raise DatabaseError before `migrate`)."""
    queryset = LegalPage.objects.select_related("provider").prefetch_related("limitations")
    return {page.kind: page for page in queryset}


def legal_problems(pages=None):
    """Every problem of every legal page, in the order of the kinds."""
    pages = legal_pages() if pages is None else pages
    problems = []
    for kind in Kind:
        page = pages.get(kind)
        if page is None or not page.is_published:
            law = REQUIRED[kind][0] if kind in REQUIRED else BITV
            problems.append(Problem("missing", kind, page, page, None, law))
        if page is not None:
            problems += page_problems(page)
    return problems


def legal_problems_for(request, site_name="admin"):
    """What the law requires and the legal pages lack, for those who may edit
    them: each with a description, the law and a link to the field."""
    if not request.user.has_perm("legal.change_legalpage"):
        return []
    try:
        problems = legal_problems()
    except DatabaseError:
        return []
    return [
        {
            "page": problem.page_label,
            "kind": problem.kind,
            "description": problem.description(),
            "law": problem.law,
            "url": problem.admin_url(site_name),
        }
        for problem in problems
    ]
