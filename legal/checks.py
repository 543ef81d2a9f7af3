"""`manage.py check --deploy` stops while the legal pages lack what the law
requires.

The content fixtures leave empty what is not publicly known (the Landrat's
name today, the district's e-mail address, the data protection officer, the
dates of the accessibility statement ...). Each missing item that a legal
notice (section 5 DDG), a privacy policy (Article 13 GDPR) or an
accessibility statement (EU model statement, Implementing Decision
2018/1523) must contain is an Error, so that a deploy script that runs
`check --deploy` stops until the operator has filled it in. What is only
needed in some cases (a VAT identification number) and what is a matter of
operation (who receives feedback) are Warnings.
"""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.db import DatabaseError
from django.utils import translation

from .models import LegalPage, Limitation

E_MISSING = "legal.E001"
E_DETAIL = "legal.E002"
E_STATUS = "legal.E003"
W_OPTIONAL = "legal.W001"
W_RECIPIENTS = "legal.W003"
W_DATABASE = "legal.W004"

HINT_DETAIL = "Fill it in in the admin (Legal pages) once the fact is known."


def _describe(page, field):
    return f"{page._meta.get_field(field).verbose_name} [{field}]"


def _organisation_details(page, fields, role):
    provider = page.provider
    if provider is None:
        return [f"{role} (organisation) [provider]"]
    return [
        f"{field} of the organisation '{provider.slug}'"
        for field in fields
        if not getattr(provider, field)
    ]


def _missing_details(page):
    """A description of each fact the law requires that the page lacks."""
    Kind = page.Kind
    missing = []
    if page.kind == Kind.IMPRINT:
        # Section 5(1) nos. 1 and 2 DDG: name, address, legal form,
        # representative, and a way to reach the provider quickly by e-mail.
        missing += _organisation_details(
            page, ("street", "postal_code", "city", "phone", "email"), "provider"
        )
        fields = ["legal_form", "representative_role", "representative_name"]
        fields.append("supervisory_authority")
        if page.cites_media_treaty():
            fields.append("editorial_responsible")
        missing += [_describe(page, field) for field in fields if not getattr(page, field)]
    elif page.kind == Kind.PRIVACY:
        # Article 13(1)(a) and (b) GDPR: the controller and the data
        # protection officer's contact details.
        missing += _organisation_details(page, ("street", "postal_code", "city"), "controller")
        if not page.dpo_contact:
            missing.append(_describe(page, "dpo_contact"))
    elif page.kind == Kind.ACCESSIBILITY:
        # The model statement: status, dates, method, and a way to contact us.
        missing += _organisation_details(
            page, ("street", "postal_code", "city", "phone"), "contact for feedback"
        )
        for field in ("compliance", "statement_date", "method", "last_review_date"):
            if not getattr(page, field):
                missing.append(_describe(page, field))
    return missing


def _status_contradiction(page):
    """The compliance status must follow from the listed findings: a fully
    compliant site lists no non-compliance or exemption, a partially or not
    compliant one lists at least one."""
    if page.kind != page.Kind.ACCESSIBILITY or not page.compliance:
        return None
    grounds = {limitation.ground for limitation in page.limitations.all()}
    findings = grounds & {Limitation.Ground.NON_COMPLIANCE, Limitation.Ground.BURDEN}
    if page.compliance == page.Compliance.FULL and findings:
        return "is 'fully compliant' but lists non-accessible content"
    if page.compliance != page.Compliance.FULL and not findings:
        return (
            f"is '{page.get_compliance_display()}' but lists no non-compliance "
            "or disproportionate burden"
        )
    return None


@register("legal", deploy=True)
def check_legal_pages(app_configs=None, **kwargs):
    messages = []
    if not settings.FEEDBACK_RECIPIENTS:
        messages.append(
            Warning(
                "Nobody receives the accessibility feedback.",
                hint="Set FEEDBACK_RECIPIENTS (comma-separated e-mail addresses).",
                id=W_RECIPIENTS,
            )
        )
    try:
        pages = {
            page.kind: page
            for page in LegalPage.objects.select_related("provider").prefetch_related("limitations")
        }
    except DatabaseError as error:
        messages.append(
            Warning(
                f"The legal pages could not be checked: {error}",
                hint="Run `manage.py migrate` and `manage.py loaddata legal`.",
                id=W_DATABASE,
            )
        )
        return messages
    with translation.override("en"):  # the check's messages are English throughout
        messages.extend(_page_messages(pages))
    return messages


def _page_messages(pages):
    messages = []
    for kind in LegalPage.Kind:
        page = pages.get(kind)
        label = str(kind.label)
        if page is None or not page.is_published:
            messages.append(
                Error(
                    f"The legal page '{label}' is {'unpublished' if page else 'missing'}.",
                    hint="Load it with `manage.py loaddata legal` and publish it in the admin.",
                    obj=page,
                    id=E_MISSING,
                )
            )
        if page is None:
            continue
        for detail in _missing_details(page):
            messages.append(
                Error(
                    f"The legal page '{label}' lacks a required detail: {detail}.",
                    hint=HINT_DETAIL,
                    obj=page,
                    id=E_DETAIL,
                )
            )
        if contradiction := _status_contradiction(page):
            messages.append(
                Error(
                    f"The accessibility statement {contradiction}.",
                    hint="Set the compliance status from the findings, or list the findings.",
                    obj=page,
                    id=E_STATUS,
                )
            )
        if kind == LegalPage.Kind.IMPRINT and not page.vat_id:
            messages.append(
                Warning(
                    f"The legal page '{label}' shows no {_describe(page, 'vat_id')}.",
                    hint="Fill it in if the district has one (section 5(1) no. 6 DDG).",
                    obj=page,
                    id=W_OPTIONAL,
                )
            )
    return messages
