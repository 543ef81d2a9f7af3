"""The admin shows editors what the law requires and the legal pages lack:
the same list as `manage.py check --deploy`, in German, each with a link to
its field; and it checks the format of the facts it can check."""

import re

import pytest
from django.core.checks import ERROR, run_checks

from contacts.models import Organisation
from legal.models import LegalPage
from tests.rdz_site.test_admin_history import submit


@pytest.fixture(autouse=True)
def _recipients(settings):
    settings.FEEDBACK_RECIPIENTS = ["barrierefreiheit@example.org"]


def deploy_errors():
    messages = run_checks(include_deployment_checks=True, tags=["legal"])
    return [m for m in messages if m.id.startswith("legal.") and m.level >= ERROR]


def listed_problems(response):
    """(link, text) of each item of the banner."""
    assert response.status_code == 200
    html = response.content.decode()
    banner = re.search(
        r'<div class="module legal-problems" id="legal-problems">.*?</div>', html, re.S
    )
    if banner is None:
        return []
    return re.findall(r'<li><a href="([^"]+)">([^<]+)</a> \(([^)]+)\)</li>', banner.group(0))


def test_start_page_lists_exactly_the_deploy_errors_with_working_links(redaktion_client, content):
    problems = listed_problems(redaktion_client.get("/admin/"))
    assert len(problems) == len(deploy_errors()) == 6
    texts = [text for _link, text, _law in problems]
    assert "Impressum: Vertreten durch (Name)" in texts
    assert "Impressum: E-Mail der Organisation „Altmarkkreis Salzwedel“" in texts
    assert {law for *_rest, law in problems} >= {"§ 5 DDG", "Art. 13 DSGVO"}
    for link, _text, _law in problems:
        path, anchor = link.split("#")
        page = redaktion_client.get(path)
        assert page.status_code == 200, link
        assert f'id="{anchor}"' in page.content.decode(), link


def test_each_legal_page_form_lists_its_own_missing_facts(redaktion_client, content):
    imprint = LegalPage.objects.get(kind="imprint")
    response = redaktion_client.get(f"/admin/legal/legalpage/{imprint.pk}/change/")
    problems = listed_problems(response)
    assert len(problems) == 3
    assert all(text.startswith("Impressum: ") for _link, text, _law in problems)
    # The required facts say so in the form.
    assert "Gesetzlich vorgeschrieben (§ 5 DDG)." in response.content.decode()
    easy_read = LegalPage.objects.get(kind="easy_read")
    response = redaktion_client.get(f"/admin/legal/legalpage/{easy_read.pk}/change/")
    assert listed_problems(response) == []


def test_filling_in_the_facts_in_the_admin_empties_both_lists(redaktion_client, content):
    county = Organisation.objects.get(slug="altmarkkreis-salzwedel")
    pages = {page.kind: page for page in LegalPage.objects.all()}
    edits = [
        (f"/admin/contacts/organisation/{county.pk}/change/", {"email": "info@example.org"}),
        (
            f"/admin/legal/legalpage/{pages['imprint'].pk}/change/",
            {
                "representative_name": "Erika Muster",
                "supervisory_authority": "Landesverwaltungsamt",
            },
        ),
        (f"/admin/legal/legalpage/{pages['privacy'].pk}/change/", {"dpo_contact": "Datenschutz"}),
        (
            f"/admin/legal/legalpage/{pages['accessibility'].pk}/change/",
            {"statement_date": "1.11.2026", "last_review_date": "20.11.2026"},
        ),
    ]
    for url, changes in edits:
        response = submit(redaktion_client, url, **changes)
        assert response.status_code == 302, (url, response.content.decode()[:2000])
    assert listed_problems(redaktion_client.get("/admin/")) == []
    assert deploy_errors() == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"vat_id": "123 456 789"}, "vat_id", "z. B. DE123456789"),
        ({"vat_id": "DE12345678"}, "vat_id", "„DE“ und 9 Ziffern"),
        (
            {"statement_date": "20.11.2026", "last_review_date": "1.11.2026"},
            "last_review_date",
            "nicht vor der Erstellung der Erklärung (20.11.2026)",
        ),
        ({"statement_date": "1.1.2099"}, "statement_date", "in der Zukunft"),
    ],
)
def test_facts_in_the_wrong_form_are_refused_with_an_example(
    redaktion_client, content, changes, field, message
):
    page = LegalPage.objects.get(kind="accessibility" if "vat_id" not in changes else "imprint")
    response = submit(redaktion_client, f"/admin/legal/legalpage/{page.pk}/change/", **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["adminform"].form.errors


def test_a_vat_id_with_spaces_is_stored_in_its_official_form(redaktion_client, content):
    page = LegalPage.objects.get(kind="imprint")
    url = f"/admin/legal/legalpage/{page.pk}/change/"
    assert submit(redaktion_client, url, vat_id="de 123 456 789").status_code == 302
    page.refresh_from_db()
    assert page.vat_id == "DE123456789"


def test_legal_pages_cannot_be_added_or_deleted(redaktion_client, content):
    changelist = redaktion_client.get("/admin/legal/legalpage/")
    assert "/admin/legal/legalpage/add/" not in changelist.content.decode()
    assert redaktion_client.get("/admin/legal/legalpage/add/").status_code == 403
    page = LegalPage.objects.get(kind="imprint")
    form = redaktion_client.get(f"/admin/legal/legalpage/{page.pk}/change/")
    assert f"/admin/legal/legalpage/{page.pk}/delete/" not in form.content.decode()


def test_the_providers_form_says_which_facts_the_law_requires(redaktion_client, content):
    """The county's e-mail is filled in on the organisation's form; that
    form says it is required, and by which law, like the legal page's."""
    provider = LegalPage.objects.get(kind=LegalPage.Kind.IMPRINT).provider
    url = f"/admin/contacts/organisation/{provider.pk}/change/"
    html = redaktion_client.get(url).content.decode()
    help_text = html[html.index('id="id_email_helptext"') :]
    assert help_text.index("Gesetzlich vorgeschrieben (§ 5 DDG).") < help_text.index("</div>")
    other = Organisation.objects.exclude(pk=provider.pk).first()
    html = redaktion_client.get(f"/admin/contacts/organisation/{other.pk}/change/").content.decode()
    assert "Gesetzlich vorgeschrieben" not in html
