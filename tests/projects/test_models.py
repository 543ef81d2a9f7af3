"""Model validation as editors meet it (full_clean, which the admin runs),
plus the rules the pages rely on: status from dates, upcoming and past events,
URLs and names."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import override

from contacts.models import Contact, Organisation
from projects.models import Event, Funding, Goal, Milestone, Project, Result
from tests.factories import make_event, make_organisation, make_project

TODAY = datetime.date(2026, 1, 15)


def errors_of(instance, **kwargs):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean(**kwargs)
    return caught.value.message_dict


# End before start ----------------------------------------------------------------


@pytest.mark.django_db
def test_project_end_before_start_is_rejected():
    project = Project(
        title_de="P",
        slug="p",
        summary_de="S",
        start_date=datetime.date(2021, 6, 30),
        end_date=datetime.date(2019, 7, 1),
    )
    with override("de"):
        assert errors_of(project) == {"end_date": ["Das Ende darf nicht vor dem Beginn liegen."]}
    with override("en"):
        assert errors_of(project) == {"end_date": ["The end must not be before the start."]}


@pytest.mark.django_db
def test_project_period_of_one_day_and_open_end_are_valid():
    Project(title_de="P", slug="p", summary_de="S", start_date=TODAY, end_date=TODAY).full_clean()
    Project(title_de="P", slug="q", summary_de="S", start_date=TODAY).full_clean()


@pytest.mark.django_db
def test_funding_end_before_start_is_rejected():
    funding = Funding(
        project=make_project(),
        programme_de="Programm",
        funder_de="Land",
        start_date=TODAY,
        end_date=TODAY - datetime.timedelta(days=1),
    )
    assert "end_date" in errors_of(funding)


@pytest.mark.django_db
def test_event_end_before_start_is_rejected():
    event = Event(
        title_de="T", slug="t", start_date=TODAY, end_date=TODAY - datetime.timedelta(days=1)
    )
    assert list(errors_of(event)) == ["end_date"]


@pytest.mark.django_db
def test_event_end_time_before_start_time_on_the_same_day_is_rejected():
    event = Event(
        title_de="T",
        slug="t",
        start_date=TODAY,
        start_time=datetime.time(14),
        end_time=datetime.time(10),
    )
    assert list(errors_of(event)) == ["end_time"]
    # Over midnight into the next day it is fine.
    event.end_date = TODAY + datetime.timedelta(days=1)
    event.full_clean()


@pytest.mark.django_db
def test_event_end_time_without_start_time_is_rejected():
    event = Event(title_de="T", slug="t", start_date=TODAY, end_time=datetime.time(10))
    assert list(errors_of(event)) == ["start_time"]


@pytest.mark.django_db
def test_event_without_start_date_gives_a_field_error_not_a_crash():
    """The admin calls clean() even when the start date was invalid."""
    event = Event(title_de="T", slug="t", end_date=TODAY, end_time=datetime.time(10))
    assert "start_date" in errors_of(event)


@pytest.mark.django_db
def test_project_without_start_date_gives_a_field_error_not_a_crash():
    assert "start_date" in errors_of(
        Project(title_de="P", slug="p", summary_de="S", end_date=TODAY)
    )


# Unique slugs -----------------------------------------------------------------------


@pytest.mark.django_db
def test_duplicate_project_slug_is_rejected():
    make_project("rdz")
    assert "slug" in errors_of(
        Project(title_de="Anderes", slug="rdz", summary_de="S", start_date=TODAY)
    )


@pytest.mark.django_db
def test_duplicate_event_slug_is_rejected():
    make_event("tournee")
    assert "slug" in errors_of(Event(title_de="Andere", slug="tournee", start_date=TODAY))


@pytest.mark.django_db
def test_duplicate_organisation_and_contact_slugs_are_rejected():
    organisation = make_organisation("kreis")
    assert "slug" in errors_of(Organisation(name_de="K", slug="kreis", kind="venue"))
    Contact.objects.create(slug="wf", function_de="Wirtschaftsförderung", organisation=organisation)
    assert "slug" in errors_of(Contact(slug="wf", name="N", organisation=organisation))


@pytest.mark.django_db
def test_milestone_slug_is_unique_per_project():
    project, other = make_project("a"), make_project("b")
    Milestone.objects.create(project=project, slug="start", date=TODAY, title_de="Start")
    assert errors_of(Milestone(project=project, slug="start", date=TODAY, title_de="Noch mal"))
    Milestone(project=other, slug="start", date=TODAY, title_de="Start").full_clean()


@pytest.mark.django_db
def test_goal_and_result_order_are_unique_per_parent():
    project = make_project()
    goal = Goal.objects.create(project=project, order=1, title_de="Ziel")
    assert errors_of(Goal(project=project, order=1, title_de="Zweites Ziel"))
    Result.objects.create(goal=goal, order=1, text_de="Ergebnis")
    assert errors_of(Result(goal=goal, order=1, text_de="Noch eins"))


# Amounts --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_negative_funding_amount_is_rejected():
    funding = Funding(
        project=make_project(), programme_de="Programm", funder_de="Land", max_amount=Decimal("-1")
    )
    assert list(errors_of(funding)) == ["max_amount"]


@pytest.mark.django_db
def test_negative_funding_amount_is_refused_by_the_database_too():
    with pytest.raises(IntegrityError):
        Funding.objects.create(
            project=make_project(), programme_de="P", funder_de="L", max_amount=Decimal("-0.01")
        )


@pytest.mark.django_db
def test_zero_and_missing_funding_amounts_are_valid():
    project = make_project()
    Funding(project=project, programme_de="P", funder_de="L", max_amount=0).full_clean()
    Funding(project=project, order=1, programme_de="P", funder_de="L").full_clean()


# Contacts -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_contact_needs_a_name_or_a_function():
    organisation = make_organisation()
    with override("de"):
        errors = errors_of(Contact(slug="niemand", organisation=organisation))
    assert errors == {"__all__": ["Bitte einen Namen oder eine Funktion angeben."]}
    Contact(slug="person", name="Erika Muster", organisation=organisation).full_clean()
    Contact(
        slug="stelle", function_de="Wirtschaftsförderung", organisation=organisation
    ).full_clean()


@pytest.mark.django_db
def test_contact_shows_its_name_or_else_its_function():
    organisation = make_organisation()
    unit = Contact.objects.create(
        slug="wf",
        function_de="Wirtschaftsförderung",
        function_en="Economic development",
        organisation=organisation,
    )
    with override("de"):
        assert str(unit) == "Wirtschaftsförderung"
    with override("en"):
        assert str(unit) == "Economic development"
        assert unit.get_absolute_url() == "/en/contacts/wf/"
    person = Contact(
        slug="p", name="Erika Muster", function_de="Leitung", organisation=organisation
    )
    assert str(person) == "Erika Muster"


@pytest.mark.parametrize(
    ("shown", "dialled"),
    [
        ("03901 840-0", "+4939018400"),
        ("+49 3901 840-0", "+4939018400"),
        ("0049 (3901) 840 0", "+4939018400"),
    ],
)
def test_phone_numbers_become_tel_uris(shown, dialled):
    assert Organisation(phone=shown).phone_uri == dialled


def test_listed_contacts_are_the_published_ones(empty_site):
    organisation = make_organisation()
    Contact.objects.create(slug="a", name="A", organisation=organisation)
    Contact.objects.create(slug="b", name="B", organisation=organisation, is_published=False)
    assert [contact.slug for contact in Contact.objects.listed()] == ["a"]


# Status and visibility ------------------------------------------------------------------


@pytest.mark.django_db
def test_project_status_follows_its_dates():
    today = timezone.localdate()
    assert make_project("a", end_date=today - datetime.timedelta(days=1)).is_finished
    assert not make_project("b", end_date=today).is_finished
    assert not make_project("c").is_finished


def test_published_projects_only(empty_site):
    make_project("sichtbar")
    make_project("entwurf", is_published=False)
    assert [project.slug for project in Project.objects.published()] == ["sichtbar"]


def test_upcoming_and_past_events(empty_site):
    day = datetime.timedelta(days=1)
    make_event("gestern", start_date=TODAY - day)
    make_event("heute", start_date=TODAY)
    make_event("laeuft-noch", start_date=TODAY - 2 * day, end_date=TODAY + day)
    make_event("morgen", start_date=TODAY + day)
    make_event("morgen-frueh", start_date=TODAY + day, start_time=datetime.time(8))
    make_event("entwurf", start_date=TODAY + day, is_published=False)
    make_event("vorletzte-woche", start_date=TODAY - 14 * day)
    make_event("gestern-abend", start_date=TODAY - day, start_time=datetime.time(18))

    upcoming = [event.slug for event in Event.objects.upcoming(today=TODAY)]
    # All-day events first on the same day.
    assert upcoming == ["laeuft-noch", "heute", "morgen", "morgen-frueh"]
    past = [event.slug for event in Event.objects.past(today=TODAY)]
    # Latest first: the reverse of the upcoming order.
    assert past == ["gestern-abend", "gestern", "vorletzte-woche"]


@pytest.mark.django_db
def test_urls_and_names(content):
    project = Project.objects.get(slug="regionales-digitalisierungszentrum")
    event = Event.objects.get(slug="tournee-digital-auftakt-salzwedel")
    with override("de"):
        assert project.get_absolute_url() == "/projekte/regionales-digitalisierungszentrum/"
        assert str(project) == "Regionales Digitalisierungszentrum"
        assert event.get_absolute_url() == "/veranstaltungen/tournee-digital-auftakt-salzwedel/"
        # The source names no programme: the funding goes by its funder.
        assert str(Funding.objects.get()) == "Wirtschaftsministerium des Landes Sachsen-Anhalt"
        assert str(Milestone.objects.get(slug="haus5")).startswith("Eröffnung des Coworking-Space")
    with override("en"):
        assert project.get_absolute_url() == "/en/projects/regionales-digitalisierungszentrum/"
        assert str(project) == "Regional Digitalisation Centre"
    assert event.all_day


@pytest.mark.django_db
def test_natural_keys_round_trip(content):
    for model in (Project, Goal, Result, Milestone, Funding, Event, Organisation, Contact):
        for instance in model.objects.all():
            key = instance.natural_key()
            assert model.objects.get_by_natural_key(*key) == instance


def test_events_years_ahead_are_upcoming_and_never_past(db):
    make_event("in-zehn-jahren", days_from_today=10 * 365)
    assert "in-zehn-jahren" in [event.slug for event in Event.objects.upcoming()]
    assert not Event.objects.past().filter(slug="in-zehn-jahren").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "address"),
    [
        ("demnaechst", "/veranstaltungen/demnaechst/"),
        ("upcoming", "/en/events/upcoming/"),
        ("kalender", "/veranstaltungen/kalender.ics"),
        ("calendar", "/en/events/calendar.ics"),
    ],
)
def test_event_short_name_cannot_take_another_pages_address(slug, address):
    """Otherwise the event's page (or .ics file) would never be reached: the
    upcoming events or the whole calendar answer at its address."""
    event = Event(title_de="Termin", slug=slug, start_date=TODAY)
    with override("de"):
        assert errors_of(event) == {
            "slug": [
                f"Die Adresse {address} gehört zu einer anderen Seite der Website. "
                "Bitte wählen Sie einen anderen Kurznamen."
            ]
        }


@pytest.mark.django_db
def test_event_short_names_like_the_fixed_pages_but_free_are_valid():
    Event(title_de="Termin", slug="demnaechst-in-salzwedel", start_date=TODAY).full_clean()
    Event(title_de="Termin", slug="feed", start_date=TODAY).full_clean()
