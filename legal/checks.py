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

from .models import LegalPage
from .requirements import legal_pages, legal_problems

E_MISSING = "legal.E001"
E_DETAIL = "legal.E002"
E_STATUS = "legal.E003"
W_OPTIONAL = "legal.W001"
W_RECIPIENTS = "legal.W003"
W_DATABASE = "legal.W004"

HINT_DETAIL = "Fill it in in the admin (Legal pages) once the fact is known."


def _describe(page, field):
    return f"{page._meta.get_field(field).verbose_name} [{field}]"


def _detail(problem):
    """The missing fact, named for the operator."""
    if problem.on_organisation:
        return f"{problem.field} of the organisation '{problem.target.slug}'"
    if problem.field == "provider":
        return "provider (organisation) [provider]"
    return _describe(problem.page, problem.field)


def _status(page):
    if page.compliance == page.Compliance.FULL:
        return "is 'fully compliant' but lists non-accessible content"
    return (
        f"is '{page.get_compliance_display()}' but lists no non-compliance "
        "or disproportionate burden"
    )


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
        pages = legal_pages()
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
    for problem in legal_problems(pages):
        label = str(problem.page_label)
        page = problem.page
        if problem.code == "missing":
            messages.append(
                Error(
                    f"The legal page '{label}' is {'unpublished' if page else 'missing'}.",
                    hint="Load it with `manage.py loaddata legal` and publish it in the admin.",
                    obj=page,
                    id=E_MISSING,
                )
            )
        elif problem.code == "detail":
            messages.append(
                Error(
                    f"The legal page '{label}' lacks a required detail: {_detail(problem)}.",
                    hint=HINT_DETAIL,
                    obj=page,
                    id=E_DETAIL,
                )
            )
        else:
            messages.append(
                Error(
                    f"The accessibility statement {_status(page)}.",
                    hint="Set the compliance status from the findings, or list the findings.",
                    obj=page,
                    id=E_STATUS,
                )
            )
    imprint = pages.get(LegalPage.Kind.IMPRINT)
    if imprint is not None and not imprint.vat_id:
        messages.append(
            Warning(
                f"The legal page '{imprint.Kind.IMPRINT.label}' shows no "
                f"{_describe(imprint, 'vat_id')}.",
                hint="Fill it in if the district has one (section 5(1) no. 6 DDG).",
                obj=imprint,
                id=W_OPTIONAL,
            )
        )
    return messages
