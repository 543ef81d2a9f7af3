"""Generated scale data: the command, and pages that stay small and indexed."""

import io

import pytest
from django.core.management import call_command

from contacts.models import Contact
from pagecache.models import current_version
from projects.models import Event, Milestone, Project


def make_scale_data(*args):
    out = io.StringIO()
    call_command("make_scale_data", *args, stdout=out)
    return out.getvalue()


# Several pages of each list (10 events, 25 contacts per page), yet quick.
EVENTS, CONTACTS, MILESTONES = 60, 60, 20
SMALL = (
    *("--events", str(EVENTS), "--upcoming", "5"),
    *("--contacts", str(CONTACTS), "--milestones", str(MILESTONES)),
)


def test_command_creates_marked_data_and_deletes_it_again(content):
    real = (Event.objects.count(), Contact.objects.count(), Project.objects.count())
    version = current_version()
    output = make_scale_data(*SMALL)
    assert f"Created {EVENTS} events, {CONTACTS} contacts and {MILESTONES} milestones" in output
    assert current_version() != version  # bulk_create sends no signals; the command bumps
    generated = Event.objects.filter(slug__startswith="bench-")
    assert generated.count() == EVENTS
    assert Event.objects.upcoming().filter(slug__startswith="bench-").count() <= 5
    assert all(
        e.title_de.startswith("Testdaten") and e.title_en.startswith("Test data") for e in generated
    )
    assert Contact.objects.filter(slug__startswith="bench-", name="").count() == CONTACTS
    assert Milestone.objects.filter(slug__startswith="bench-").count() == MILESTONES
    # The real project stays the featured one on the home page.
    assert not Project.objects.published().first().slug.startswith("bench-")

    # Running it again replaces the data instead of adding to it.
    make_scale_data(*SMALL)
    assert Event.objects.filter(slug__startswith="bench-").count() == EVENTS

    assert "Removed" in make_scale_data("--delete")
    assert (Event.objects.count(), Contact.objects.count(), Project.objects.count()) == real


def test_seed_makes_the_data_repeatable(db):
    make_scale_data("--events", "20", "--contacts", "5", "--milestones", "5", "--seed", "7")
    first = list(Event.objects.order_by("slug").values_list("title_de", "start_date"))
    make_scale_data("--events", "20", "--contacts", "5", "--milestones", "5", "--seed", "7")
    assert list(Event.objects.order_by("slug").values_list("title_de", "start_date")) == first


@pytest.mark.parametrize("url", ["/veranstaltungen/", "/en/contacts/", "/ansprechpersonen/"])
def test_list_pages_paginate_with_many_rows(client, content, url):
    make_scale_data(*SMALL)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(response.content) <= 50 * 1024
    assert 'rel="next"' in html
    assert client.get(url + "?page=2").status_code == 200
    assert client.get(url + "?page=999999").status_code == 404
