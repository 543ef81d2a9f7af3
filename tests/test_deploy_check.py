import datetime

import pytest
from django.core.checks import run_checks

from contacts.models import Organisation
from legal.models import LegalPage


@pytest.fixture(autouse=True)
def _recipients(settings):
    settings.FEEDBACK_RECIPIENTS = ["barrierefreiheit@example.org"]


def legal_warnings():
    return [
        message
        for message in run_checks(include_deployment_checks=True, tags=["legal"])
        if message.id.startswith("legal.")
    ]


def fill_in_the_unknown_facts():
    Organisation.objects.filter(slug="altmarkkreis-salzwedel").update(email="info@example.org")
    LegalPage.objects.filter(kind="imprint").update(
        representative_name="Erika Muster", vat_id="DE000000000"
    )
    LegalPage.objects.filter(kind="privacy").update(
        dpo_contact="Datenschutzbeauftragte, Karl-Marx-Straße 32"
    )
    LegalPage.objects.filter(kind="accessibility").update(
        statement_date=datetime.date(2026, 11, 1), last_review_date=datetime.date(2026, 11, 20)
    )


def test_check_fires_on_the_fixture_data(content):
    text = "\n".join(message.msg for message in legal_warnings())
    # What is not publicly known stays empty in the fixtures, and the check says so.
    for detail in (
        "representative_name",
        "vat_id",
        "email of the organisation",
        "dpo_contact",
        "last_review_date",
        "statement_date",
    ):
        assert detail in text, detail
    assert "missing" not in text  # all four pages are there


def test_check_clears_when_the_facts_are_filled_in(content):
    fill_in_the_unknown_facts()
    assert legal_warnings() == []


def test_check_fires_for_a_missing_or_unpublished_page(content):
    fill_in_the_unknown_facts()
    LegalPage.objects.filter(kind="easy_read").delete()
    LegalPage.objects.filter(kind="privacy").update(is_published=False)
    messages = [message.msg for message in legal_warnings()]
    assert "The legal page 'Easy read (Leichte Sprache)' is missing." in messages
    assert "The legal page 'Privacy policy' is unpublished." in messages
    assert len(messages) == 2


def test_check_fires_without_feedback_recipients(content, settings):
    fill_in_the_unknown_facts()
    settings.FEEDBACK_RECIPIENTS = []
    assert [message.id for message in legal_warnings()] == ["legal.W003"]


def test_check_is_for_deployment_only(content):
    assert not [m for m in run_checks(tags=["legal"]) if m.id.startswith("legal.")]
