"""A contact the contacts page does not show because its organisation is
not published says so in the admin, and offers no link to the site."""

from contacts.models import Contact
from tests.factories import make_contact, make_organisation
from tests.rdz_site.admin_forms import admin_url


def test_a_published_contact_of_a_draft_organisation_is_called_hidden(redaktion_client, content):
    organisation = make_organisation(slug="neu", name_de="Neuer Verein", is_published=False)
    contact = make_contact(slug="erika", organisation=organisation)
    page = redaktion_client.get(admin_url(Contact, "change", contact.pk)).content.decode()
    assert "Nicht öffentlich:" in page
    assert "Verborgen: Organisation „Neuer Verein“ ist nicht veröffentlicht" in page
    assert "viewsitelink" not in page
    listing = redaktion_client.get(admin_url(Contact, "changelist")).content.decode()
    assert "Verborgen: Organisation „Neuer Verein“" in listing

    organisation.is_published = True
    organisation.save()
    page = redaktion_client.get(admin_url(Contact, "change", contact.pk)).content.decode()
    assert "Öffentlich:" in page and "Verborgen" not in page
    assert 'href="/ansprechpersonen/erika/" class="viewsitelink"' in page
