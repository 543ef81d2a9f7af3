"""`manage.py check --deploy` warns while the legal pages are incomplete.

The content fixtures leave empty what is not publicly known (the Landrat's
name today, the county's e-mail address, the data protection officer ...);
these warnings keep that from being forgotten before the site goes live.
"""

from django.conf import settings
from django.core.checks import Warning, register
from django.db import DatabaseError
from django.utils import translation

from .models import LegalPage

W_MISSING = "legal.W001"
W_DETAIL = "legal.W002"
W_RECIPIENTS = "legal.W003"
W_DATABASE = "legal.W004"


def _describe(page, field):
    return f"{page._meta.get_field(field).verbose_name} [{field}]"


def _missing_details(page):
    """A description of each required fact the page lacks."""
    Kind = page.Kind
    provider = page.provider
    missing = []
    if page.kind in (Kind.IMPRINT, Kind.PRIVACY):
        if provider is None:
            missing.append("provider / controller (organisation)")
        else:
            for field in ("street", "postal_code", "city", "phone", "email"):
                if not getattr(provider, field):
                    missing.append(f"{field} of the organisation '{provider.slug}'")
    if page.kind == Kind.IMPRINT:
        for field in ("legal_form", "representative_role", "representative_name", "vat_id"):
            if not getattr(page, field):
                missing.append(_describe(page, field))
    elif page.kind == Kind.PRIVACY:
        for field in ("dpo_contact", "log_retention_days"):
            if not getattr(page, field):
                missing.append(_describe(page, field))
    elif page.kind == Kind.ACCESSIBILITY:
        for field in ("compliance", "statement_date", "method", "last_review_date"):
            if not getattr(page, field):
                missing.append(_describe(page, field))
    return missing


@register("legal", deploy=True)
def check_legal_pages(app_configs=None, **kwargs):
    warnings = []
    if not settings.FEEDBACK_RECIPIENTS:
        warnings.append(
            Warning(
                "Nobody receives the accessibility feedback.",
                hint="Set FEEDBACK_RECIPIENTS (comma-separated e-mail addresses).",
                id=W_RECIPIENTS,
            )
        )
    try:
        pages = {page.kind: page for page in LegalPage.objects.select_related("provider")}
    except DatabaseError as error:
        warnings.append(
            Warning(
                f"The legal pages could not be checked: {error}",
                hint="Run `manage.py migrate` and `manage.py loaddata legal`.",
                id=W_DATABASE,
            )
        )
        return warnings
    with translation.override("en"):  # the check's messages are English throughout
        warnings.extend(_page_warnings(pages))
    return warnings


def _page_warnings(pages):
    warnings = []
    for kind in LegalPage.Kind:
        page = pages.get(kind)
        label = str(kind.label)
        if page is None or not page.is_published:
            warnings.append(
                Warning(
                    f"The legal page '{label}' is {'unpublished' if page else 'missing'}.",
                    hint="Load it with `manage.py loaddata legal` and publish it in the admin.",
                    obj=page,
                    id=W_MISSING,
                )
            )
        if page is not None:
            for detail in _missing_details(page):
                warnings.append(
                    Warning(
                        f"The legal page '{label}' lacks a required detail: {detail}.",
                        hint="Fill it in the admin (Legal pages) once the fact is known.",
                        obj=page,
                        id=W_DETAIL,
                    )
                )
    return warnings
