"""A contact's and an organisation's lasting address (what search hits, the
home page, project pages and vCards link to) leads to its entry on the page
of the contacts list that shows it, also once the list has several pages."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from contacts.models import Contact, Organisation
from tests.factories import make_contact, make_organisation

pytestmark = pytest.mark.usefixtures("content")


def followed(client, url):
    """Where the redirect at `url` leads, and the page there."""
    response = client.get(url)
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    path, _hash, anchor = location.partition("#")
    return location, client.get(path).content.decode(), anchor


def test_a_contact_on_the_first_page_leads_there(client):
    contact = Contact.objects.get(slug="wirtschaftsfoerderung-projekte")
    assert contact.get_absolute_url() == "/ansprechpersonen/wirtschaftsfoerderung-projekte/"
    location, page, anchor = followed(client, contact.get_absolute_url())
    assert location == "/ansprechpersonen/#wirtschaftsfoerderung-projekte"
    assert f'id="{anchor}"' in page


def test_a_contact_on_a_later_page_leads_to_that_page(client):
    organisation = make_organisation(slug="verein", name_de="Verein", order=99)
    for number in range(12):
        make_contact(
            slug=f"person-{number:02d}", name=f"Person {number:02d}", organisation=organisation
        )
    location, page, anchor = followed(client, "/en/contacts/person-11/")
    assert location == "/en/contacts/?page=2#person-11"
    assert f'id="{anchor}"' in page
    # The organisation's first contact is on page 1: its heading is there.
    location, page, anchor = followed(client, "/ansprechpersonen/organisation/verein/")
    assert location == "/ansprechpersonen/#org-verein"
    assert f'id="{anchor}"' in page


@pytest.mark.parametrize(
    "url",
    ["/ansprechpersonen/niemand/", "/ansprechpersonen/organisation/niemand/", "/en/contacts/x/"],
)
def test_what_the_list_does_not_show_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_an_unpublished_contact_is_not_found(client):
    Contact.objects.filter(slug="wirtschaftsfoerderung-projekte").update(is_published=False)
    assert client.get("/ansprechpersonen/wirtschaftsfoerderung-projekte/").status_code == 404


def test_a_contact_cannot_take_an_id_of_the_page(client):
    """Its entry's id is its short name: "main" would take the skip link's
    target, "org-…" an organisation heading's."""
    for slug in ("main", "org-altmarkkreis-salzwedel"):
        contact = Contact(slug=slug, name="Erika", organisation=Organisation.objects.first())
        with pytest.raises(ValidationError) as caught, override("de"):
            contact.full_clean()
        assert caught.value.message_dict == {
            "slug": [
                "Die Seite „Ansprechpersonen“ verwendet diesen Kurznamen selbst. "
                "Bitte wählen Sie einen anderen."
            ]
        }
