"""vCard 3.0 downloads of contacts, checked line by line and read back with
the icalendar library's parser (which also reads vCard's line format)."""

import functools

import icalendar
import pytest

from tests.conftest import SITE
from tests.factories import make_contact

CONTACT = "wirtschaftsfoerderung-projekte"

pytestmark = pytest.mark.usefixtures("site_url")


# A person with every field the card can hold.
make_erika = functools.partial(
    make_contact,
    **{
        "function_de": "Digitalisierung; Netzwerke, Beratung",
        "role_de": "Projektleitung",
        "phone": "03901 840-123",
        "email": "erika@example.org",
        "office_hours_de": "Montag bis Donnerstag 9–12 Uhr und nach Vereinbarung, "
        "freitags nur telefonisch; bitte melden Sie sich vorher an.",
    },
)


def get_vcard(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    body = response.content
    # Every line ends with CRLF; folded lines are at most 75 octets.
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)
    assert lines[:2] == [b"BEGIN:VCARD", b"VERSION:3.0"]
    assert lines[-1] == b"END:VCARD"
    return response, icalendar.Component.from_ical(body)


def unfolded(body):
    return body.decode().replace("\r\n ", "").split("\r\n")


@pytest.mark.parametrize(
    ("url", "org", "country"),
    [
        (
            f"/ansprechpersonen/{CONTACT}.vcf",
            "Altmarkkreis Salzwedel;Wirtschaftsförderung & Projekte",
            "Deutschland",
        ),
        (
            f"/en/contacts/{CONTACT}.vcf",
            "Altmarkkreis Salzwedel;Economic Development & Projects",
            "Germany",
        ),
    ],
)
def test_function_only_contact(client, content, url, org, country):
    response, card = get_vcard(client, url)
    assert response["Content-Disposition"] == f'attachment; filename="{CONTACT}.vcf"'
    lines = unfolded(response.content)
    # No person is named: FN is the unit, N has five empty components.
    assert "N:;;;;" in lines
    assert card.name == "VCARD"
    assert f"ORG:{org}" in lines
    # The source gives no direct number: the county's switchboard, marked as
    # such, never as the unit's own line.
    assert "switchboard.TEL;TYPE=WORK,VOICE:+4939018400" in lines
    assert "TEL;TYPE=WORK,VOICE:+4939018400" not in lines
    label = "Switchboard" if url.startswith("/en/") else "Zentrale"
    assert f"switchboard.X-ABLabel:{label}" in lines
    assert label.lower() in str(card["NOTE"]).lower()
    assert not any(line.startswith("EMAIL") for line in lines)
    address = card["ADR"].fields
    assert (address.street, address.locality, address.postal_code, address.country) == (
        "Karl-Marx-Straße 32",
        "Hansestadt Salzwedel",
        "29410",
        country,
    )
    assert (
        str(card["URL"])
        == f"{SITE}{'/en/contacts/' if url.startswith('/en/') else '/ansprechpersonen/'}{CONTACT}/"
    )
    assert f"FN:{org.split(';')[1]}" in lines


def test_named_contact_is_escaped_and_folded(client, content):
    make_erika()
    response, card = get_vcard(client, "/ansprechpersonen/erika-mustermann.vcf")
    lines = unfolded(response.content)
    assert "N:Mustermann;Erika;;;" in lines
    assert "FN:Erika Mustermann" in lines
    # Semicolons and commas inside a component are escaped.
    assert "ORG:Altmarkkreis Salzwedel;Digitalisierung\\; Netzwerke\\, Beratung" in lines
    assert "TITLE:Projektleitung" in lines
    assert "TEL;TYPE=WORK,VOICE:+493901840123" in lines
    assert "EMAIL;TYPE=INTERNET,WORK:erika@example.org" in lines
    note = next(line for line in lines if line.startswith("NOTE:"))
    assert "freitags nur telefonisch\\; bitte" in note
    # The long note was folded in the file and comes back whole.
    assert b"\r\n " in response.content
    assert "nach Vereinbarung, freitags" in str(card["NOTE"]).replace("\\,", ",").replace(
        "\\;", ";"
    )


@pytest.mark.parametrize("slug", ["versteckt", "gibt-es-nicht"])
def test_unpublished_or_unknown_contact_has_no_vcard(client, content, slug):
    make_erika(slug="versteckt", is_published=False)
    assert client.get(f"/ansprechpersonen/{slug}.vcf").status_code == 404


@pytest.mark.parametrize(
    ("url", "link", "text"),
    [
        ("/ansprechpersonen/", f"/ansprechpersonen/{CONTACT}.vcf", "Visitenkarte (vCard)"),
        ("/en/contacts/", f"/en/contacts/{CONTACT}.vcf", "Business card (vCard)"),
    ],
)
def test_contacts_page_links_the_vcard(client, content, url, link, text):
    html = client.get(url).content.decode()
    assert f'href="{link}"' in html
    assert text in html
