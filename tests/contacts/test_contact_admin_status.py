"""A contact the contacts page does not show because its organisation is
not published says so in the admin, and offers no link to the site."""

import datetime

from django.utils import timezone

from contacts.models import Contact
from tests.factories import make_contact, make_organisation
from tests.rdz_site.admin_forms import admin_url, form_data

HIDDEN = "Verborgen: Organisation „Neuer Verein“ ist nicht veröffentlicht"


def test_a_published_contact_of_a_draft_organisation_is_called_hidden(redaktion_client, content):
    organisation = make_organisation(slug="neu", name_de="Neuer Verein", is_published=False)
    contact = make_contact(slug="erika", organisation=organisation)
    page = redaktion_client.get(admin_url(Contact, "change", contact.pk)).content.decode()
    assert "Nicht öffentlich:" in page
    assert HIDDEN in page
    assert "viewsitelink" not in page
    listing = redaktion_client.get(admin_url(Contact, "changelist")).content.decode()
    assert HIDDEN in listing

    organisation.is_published = True
    organisation.save()
    page = redaktion_client.get(admin_url(Contact, "change", contact.pk)).content.decode()
    assert "Öffentlich:" in page and "Verborgen" not in page
    assert 'href="/ansprechpersonen/erika/" class="viewsitelink"' in page


def test_a_scheduled_contact_of_a_draft_organisation_is_called_hidden(redaktion_client, content):
    """ "Scheduled from …" alone would promise it shows up then."""
    organisation = make_organisation(slug="neu", name_de="Neuer Verein", is_published=False)
    later = timezone.now() + datetime.timedelta(days=30)
    make_contact(slug="erika", organisation=organisation, visible_from=later)
    listing = redaktion_client.get(admin_url(Contact, "changelist")).content.decode()
    assert f"{HIDDEN}; Geplant ab" in listing


def test_publishing_a_new_contact_of_a_draft_organisation_says_when_it_shows(
    redaktion_client, content
):
    organisation = make_organisation(slug="neu", name_de="Neuer Verein", is_published=False)
    page = redaktion_client.get(admin_url(Contact, "add"))
    data = form_data(
        page, name="Erika Muster", slug="erika", organisation=str(organisation.pk), _publish="1"
    )
    response = redaktion_client.post(admin_url(Contact, "add"), data, follow=True)
    assert (
        "„Erika Muster“ wurde als veröffentlicht gesichert; Besucherinnen und Besucher sehen "
        "den Eintrag erst, wenn Organisation „Neuer Verein“ veröffentlicht ist."
    ) in response.content.decode()
    assert Contact.objects.get(slug="erika").is_published
