"""legal/checks.py: `manage.py check --deploy` stops (Errors) while the legal
pages lack what the law requires, and clears once the operator fills it in."""

import datetime
import io

import pytest
from django.core.checks import ERROR, WARNING, run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from contacts.models import Organisation
from legal.models import LegalPage, Limitation


@pytest.fixture(autouse=True)
def _recipients(settings):
    settings.FEEDBACK_RECIPIENTS = ["barrierefreiheit@example.org"]


def legal_messages():
    return [
        message
        for message in run_checks(include_deployment_checks=True, tags=["legal"])
        if message.id.startswith("legal.")
    ]


def errors():
    return [message for message in legal_messages() if message.level >= ERROR]


def fill_in_the_unknown_facts():
    Organisation.objects.filter(slug="altmarkkreis-salzwedel").update(email="info@example.org")
    LegalPage.objects.filter(kind="imprint").update(
        representative_name="Erika Muster",
        vat_id="DE000000000",
        supervisory_authority="Aufsichtsbehörde, Musterstraße 1, 00000 Musterstadt",
    )
    LegalPage.objects.filter(kind="privacy").update(
        dpo_contact="Datenschutzbeauftragte, Karl-Marx-Straße 32"
    )
    LegalPage.objects.filter(kind="accessibility").update(
        statement_date=datetime.date(2026, 11, 1), last_review_date=datetime.date(2026, 11, 20)
    )


# What the law requires, one by one ---------------------------------------------------


@pytest.mark.parametrize(
    "detail",
    [
        # Section 5 DDG: the representative's name, an e-mail address; the
        # supervisory authority is for the operator to state.
        "represented by (name) [representative_name]",
        "email of the organisation 'altmarkkreis-salzwedel'",
        "supervisory authority [supervisory_authority]",
        # Article 13(1)(b) GDPR
        "data protection officer [dpo_contact]",
        # The EU model accessibility statement
        "statement prepared on [statement_date]",
        "last reviewed on [last_review_date]",
    ],
)
def test_each_missing_required_fact_is_an_error(content, detail):
    found = [message for message in legal_messages() if detail in message.msg]
    assert len(found) == 1, detail
    assert found[0].level == ERROR
    assert found[0].id == "legal.E002"
    assert found[0].hint


def test_nothing_else_is_an_error_with_the_fixtures(content):
    """The fixtures' errors are exactly the facts nobody here can know."""
    assert len(errors()) == 6
    assert not [m for m in legal_messages() if "MStV" in m.msg]  # the page does not cite it


def test_the_vat_id_is_only_a_warning(content):
    (vat,) = [message for message in legal_messages() if "vat_id" in message.msg]
    assert (vat.level, vat.id) == (WARNING, "legal.W001")


def test_check_clears_when_the_facts_are_filled_in(content):
    fill_in_the_unknown_facts()
    assert legal_messages() == []


def test_the_command_stops_until_the_facts_are_filled_in(content):
    with pytest.raises(SystemCheckError, match="legal.E002"):
        call_command("check", deploy=True, tags=["legal"], stdout=io.StringIO())
    fill_in_the_unknown_facts()
    call_command("check", deploy=True, tags=["legal"], stdout=io.StringIO())


def test_citing_the_media_treaty_requires_a_responsible_person(content):
    fill_in_the_unknown_facts()
    page = LegalPage.objects.get(kind="imprint")
    page.intro_en += "<p>Section 18 MStV applies.</p>"
    page.save()
    (message,) = errors()
    assert "[editorial_responsible]" in message.msg
    page.editorial_responsible = "Erika Muster, Karl-Marx-Straße 32, 29410 Hansestadt Salzwedel"
    page.save()
    assert errors() == []


@pytest.mark.parametrize(
    ("compliance", "grounds", "contradiction"),
    [
        ("full", ["non_compliance"], True),
        ("full", ["out_of_scope"], False),
        ("partial", ["out_of_scope"], True),
        ("not", [], True),
        ("partial", ["burden"], False),
    ],
)
def test_the_compliance_status_follows_from_the_findings(
    content, compliance, grounds, contradiction
):
    fill_in_the_unknown_facts()
    page = LegalPage.objects.get(kind="accessibility")
    page.limitations.all().delete()
    for order, ground in enumerate(grounds, 1):
        Limitation.objects.create(
            page=page, order=order, ground=ground, description_de="X", reason_de="Y"
        )
    LegalPage.objects.filter(pk=page.pk).update(compliance=compliance)
    assert [message.id for message in errors()] == (["legal.E003"] if contradiction else [])


def test_check_fires_for_a_missing_or_unpublished_page(content):
    fill_in_the_unknown_facts()
    LegalPage.objects.filter(kind="easy_read").delete()
    LegalPage.objects.filter(kind="privacy").update(is_published=False)
    messages = [(message.id, message.msg) for message in legal_messages()]
    assert ("legal.E001", "The legal page 'Easy read (Leichte Sprache)' is missing.") in messages
    assert ("legal.E001", "The legal page 'Privacy policy' is unpublished.") in messages
    assert len(messages) == 2


def test_check_warns_without_feedback_recipients(content, settings):
    fill_in_the_unknown_facts()
    settings.FEEDBACK_RECIPIENTS = []
    assert [(message.id, message.level) for message in legal_messages()] == [
        ("legal.W003", WARNING)
    ]


def test_check_is_for_deployment_only(content):
    assert not [m for m in run_checks(tags=["legal"]) if m.id.startswith("legal.")]
