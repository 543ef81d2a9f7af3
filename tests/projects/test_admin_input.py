"""Dates and times in the admin are read as editors type them, and one that
cannot be read is answered with the expected form and an example."""

import datetime
import re

import pytest

from projects.models import Event
from tests.conftest import EVENT
from tests.rdz_site.test_admin_history import submit


def event_url():
    return f"/admin/projects/event/{Event.objects.get(slug=EVENT).pk}/change/"


@pytest.mark.parametrize("typed", ["10", "10 Uhr", "10.00", "10:00", "10:00 Uhr", "10.00 uhr"])
def test_times_are_read_as_typed(redaktion_client, content, typed):
    response = submit(redaktion_client, event_url(), start_time=typed)
    assert response.status_code == 302
    assert Event.objects.get(slug=EVENT).start_time == datetime.time(10, 0)


@pytest.mark.parametrize("typed", ["1.7.2019", "01.07.2019", "2019-07-01"])
def test_dates_are_read_as_typed(redaktion_client, content, typed):
    response = submit(redaktion_client, event_url(), start_date=typed, end_date="")
    assert response.status_code == 302
    assert Event.objects.get(slug=EVENT).start_date == datetime.date(2019, 7, 1)


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("start_time", "25 Uhr", "Bitte eine Uhrzeit eingeben, z. B. 10:00 oder 10 Uhr."),
        ("start_time", "mittags", "Bitte eine Uhrzeit eingeben, z. B. 10:00 oder 10 Uhr."),
        (
            "start_date",
            "Dezember 2026",
            "Bitte ein gültiges Datum als Tag.Monat.Jahr eingeben, z. B. 01.07.2019.",
        ),
        (
            "start_date",
            "31.2.2026",
            "Bitte ein gültiges Datum als Tag.Monat.Jahr eingeben, z. B. 01.07.2019.",
        ),
    ],
)
def test_an_unreadable_date_or_time_names_the_form_with_an_example(
    redaktion_client, content, field, typed, message
):
    before = Event.objects.get(slug=EVENT)
    response = submit(redaktion_client, event_url(), **{field: typed})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Event.objects.get(slug=EVENT).updated_at == before.updated_at


FOLDED_WINDOW = re.compile(r"<details><summary>\s*<h\d[^>]*>Sichtbar ab / bis")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"visible_from_0": "01.01.2027", "visible_from_1": ""},
            "Bitte eine Uhrzeit eingeben, z. B. 10:00 oder 10 Uhr.",
        ),
        (
            {"visible_from_0": "31.02.2027", "visible_from_1": "10:00"},
            "Bitte ein gültiges Datum als Tag.Monat.Jahr eingeben, z. B. 01.07.2019.",
        ),
        (
            {
                "visible_from_0": "02.01.2027",
                "visible_from_1": "10:00",
                "visible_until_0": "01.01.2027",
                "visible_until_1": "10:00",
            },
            "„Sichtbar bis“ muss nach „Sichtbar ab“ liegen.",
        ),
    ],
)
def test_a_wrong_visibility_window_is_shown_unfolded_with_an_example(
    redaktion_client, content, changes, message
):
    """The section is folded away until used; an error in it would be
    hidden under the fold, with only "correct the error below" on top."""
    assert FOLDED_WINDOW.search(redaktion_client.get(event_url()).content.decode())
    response = submit(redaktion_client, event_url(), **changes)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert not FOLDED_WINDOW.search(page)
