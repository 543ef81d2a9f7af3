"""A published item whose parent is a draft: no public output names the
parent. The fixtures' event and milestones stay published while their
project is unpublished and renamed to a title found nowhere else."""

import pytest

from projects.models import Event, Project
from tests.conftest import EVENT, PROJECT

DRAFT = {"de": "Geheimer Entwurf 4711", "en": "Secret draft 4711"}

OUTPUTS = [
    *(url for pair in (("/", "/en/"), ("/projekte/", "/en/projects/")) for url in pair),
    "/ansprechpersonen/",
    "/en/contacts/",
    "/veranstaltungen/",
    "/en/events/",
    f"/veranstaltungen/{EVENT}/",
    f"/en/events/{EVENT}/",
    f"/veranstaltungen/{EVENT}.ics",
    f"/en/events/{EVENT}.ics",
    "/veranstaltungen/kalender.ics",
    "/en/events/calendar.ics",
    "/veranstaltungen/feed.atom",
    "/en/events/feed.atom",
    "/sitemap.xml",
    "/sitemap-projects.xml",
    "/sitemap-events.xml",
    "/suche/?q=4711",
    "/en/search/?q=4711",
    "/suche/?q=Bürgerbefragung",
    "/en/search/?q=survey",
]


@pytest.fixture
def draft_parent(content):
    project = Project.objects.get(slug=PROJECT)
    project.title_de, project.title_en = DRAFT["de"], DRAFT["en"]
    project.is_published = False
    project.save()
    assert Event.objects.published().filter(slug=EVENT, project=project).exists()
    return project


@pytest.mark.parametrize("url", OUTPUTS)
def test_no_output_names_a_draft_parent(client, draft_parent, url):
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response) if response.streaming else response.content
    text = body.decode().replace("\r\n ", "")  # unfolded, as in .ics
    for title in DRAFT.values():
        assert title not in text
    assert f"/projekte/{PROJECT}/" not in text and f"/projects/{PROJECT}/" not in text


def test_vcards_do_not_name_a_draft_parent(client, draft_parent):
    contacts = draft_parent.contacts.all()
    assert contacts
    for contact in contacts:
        response = client.get(f"/ansprechpersonen/{contact.slug}.vcf")
        assert response.status_code == 200
        text = response.content.decode()
        assert DRAFT["de"] not in text and DRAFT["en"] not in text


def test_the_published_project_is_named_in_the_calendar(client, content):
    text = client.get(f"/veranstaltungen/{EVENT}.ics").content.decode().replace("\r\n ", "")
    assert "Projekt: Regionales Digitalisierungszentrum" in text
