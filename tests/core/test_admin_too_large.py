"""A request too large for the admin gets a page in the admin's layout that
names the limit and says how to get back to what was typed; nginx shows the same page for
bodies over its own limit (error_page 413 = /admin/request-too-large/)."""

import re

from legal.models import LegalPage

LIMIT_TEXT = "höchstens 1,0\xa0MB"


def back_link(response):
    found = re.search(
        r'<a href="([^"]+)">Formular neu öffnen \(ohne Ihre Eingaben\)</a>',
        response.content.decode(),
    )
    return found.group(1)


def test_a_form_too_large_for_the_admin_names_the_limit_and_leads_back(redaktion_client, content):
    form = f"/admin/legal/legalpage/{LegalPage.objects.get(kind='imprint').pk}/change/"
    response = redaktion_client.post(
        form,
        {"title_de": "x" * (1024 * 1024 + 1)},
        headers={"Referer": f"http://testserver{form}"},
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "RDZ Altmarkkreis Salzwedel" in html and 'id="header"' in html  # the admin's layout
    assert LIMIT_TEXT in html
    assert "nichts gespeichert" in html
    # The browser's Back button keeps what was typed; reopening the form does not.
    assert "Zurück-Schaltfläche Ihres Browsers" in html
    assert back_link(response) == f"http://testserver{form}"
    assert LegalPage.objects.get(kind="imprint").title_de != "x"


def test_the_page_for_nginx_is_open_and_leads_only_to_our_own_pages(client, db):
    client.get("/en/")  # whatever language the worker's last request left active
    response = client.get("/admin/request-too-large/", headers={"Referer": "https://evil.example/"})
    assert response.status_code == 413
    assert LIMIT_TEXT in response.content.decode()
    assert back_link(response) == "/admin/"
