"""Text pasted from a word processor: control characters are cleaned when
saved (admin, code, loaddata), and text that got into the database around
Django (raw SQL) still gives valid pages, feeds, calendars and cards."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.db import connection

from contacts.models import Contact
from core.text import clean_text
from projects.models import Event, Project

EVENT = "tournee-digital-auftakt-salzwedel"
PROJECT = "regionales-digitalisierungszentrum"
# A soft line break (vertical tab) as Word copies it, a form feed, an escape,
# a C1 control, and "ä" decomposed.
PASTED = "Auftakt\x0bin Salzwedel\x0c\x1b[0m mit\x85 Ka\u0308se\r\nEnde"
CLEAN = "Auftakt\nin Salzwedel\n[0m mit Käse\nEnde"
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        (PASTED, CLEAN),
        ("Tab\tand\nnewline stay", "Tab\tand\nnewline stay"),
        ("a\rb", "a\nb"),
        ("NUL\x00byte", "NULbyte"),
        ("", ""),
        (None, None),
    ],
)
def test_the_rule(raw, cleaned):
    assert clean_text(raw) == cleaned


def stored(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_saving_cleans_every_language(content):
    event = Event.objects.get(slug=EVENT)
    event.title_de, event.title_en, event.description_en = PASTED, PASTED, PASTED
    event.save()
    for column in ("title_de", "title_en", "description_en"):
        assert stored("projects_event", column, event.pk) == CLEAN


def test_loaddata_cleans_too(content, tmp_path):
    fixture = tmp_path / "pasted.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "projects.event",
                    "fields": {
                        "slug": "eingefuegt",
                        "title_de": PASTED,
                        "start_date": "2020-09-01",
                    },
                }
            ]
        )
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert stored("projects_event", "title_de", Event.objects.get(slug="eingefuegt").pk) == CLEAN


@pytest.fixture
def pasted_around_django(content):
    """Control characters written with raw SQL, as a restore or a script might."""
    event = Event.objects.get(slug=EVENT)
    project = Project.objects.get(slug=PROJECT)
    contact = Contact.objects.filter(is_published=True).first()
    with connection.cursor() as cursor:
        for table, columns, pk in (
            ("projects_event", ("title_de", "title_en", "description_de", "venue"), event.pk),
            ("projects_project", ("title_de", "summary_de", "summary_en"), project.pk),
            ("contacts_contact", ("function_de", "role_de", "office_hours_de"), contact.pk),
        ):
            assignments = ", ".join(f"{column} = %s" for column in columns)
            cursor.execute(
                f"UPDATE {table} SET {assignments} WHERE id = %s",  # noqa: S608
                [PASTED] * len(columns) + [pk],
            )
    return event, contact


URLS = [
    "/",
    "/en/",
    "/projekte/",
    f"/projekte/{PROJECT}/",
    f"/en/projects/{PROJECT}/",
    "/veranstaltungen/",
    f"/veranstaltungen/{EVENT}/",
    f"/en/events/{EVENT}/",
    f"/veranstaltungen/{EVENT}.ics",
    "/veranstaltungen/kalender.ics",
    "/veranstaltungen/feed.atom",
    "/en/events/feed.atom",
    "/ansprechpersonen/",
    "/suche/?q=Salzwedel",
    "/sitemap-events.xml",
]


@pytest.mark.parametrize("url", URLS)
def test_every_writer_survives_text_stored_around_django(client, pasted_around_django, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert not FORBIDDEN.search(text), FORBIDDEN.search(text)
    if url.endswith(".atom"):
        ET.fromstring(response.content)


def test_the_vcard_survives_it_too(client, pasted_around_django):
    _event, contact = pasted_around_django
    response = client.get(f"/ansprechpersonen/{contact.slug}.vcf")
    assert response.status_code == 200
    assert not FORBIDDEN.search(response.content.decode())
