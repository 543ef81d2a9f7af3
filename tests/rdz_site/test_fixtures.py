"""The content fixtures load the way the README says, into an empty database,
and loading them again (as `make run` does every time) duplicates nothing."""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from modeltranslation.translator import translator

from contacts.models import Contact, Organisation
from projects.models import Event, Funding, Goal, Milestone, Project, Result

CONTENT_MODELS = (Organisation, Contact, Project, Goal, Result, Milestone, Funding, Event)


def makefile_fixtures():
    """The fixtures `make run` loads on every start."""
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    return re.search(r"^FIXTURES\s*:?=\s*(.+)$", makefile, re.MULTILINE).group(1).split()


FIXTURES = makefile_fixtures()


def row_counts():
    """Rows of every model of the site's own apps, and the project contacts."""
    own_apps = [
        config
        for config in apps.get_app_configs()
        if config.path.startswith(str(settings.BASE_DIR)) and ".venv" not in config.path
    ]
    return {
        model._meta.label: model._default_manager.count()
        for config in own_apps
        for model in config.get_models()
    } | {"project-contacts": Project.contacts.through.objects.count()}


def test_fixtures_load_twice_without_duplicates(empty_site):
    assert not any(model.objects.exists() for model in CONTENT_MODELS)
    call_command("loaddata", *FIXTURES, verbosity=0)
    first = row_counts()
    call_command("loaddata", *FIXTURES, verbosity=0)
    assert row_counts() == first
    assert {"organisations", "contacts", "projects", "events"} <= set(FIXTURES)
    assert {
        label: first[label]
        for label in first
        if label.startswith(("contacts.", "projects.", "project-"))
    } == {
        "contacts.Organisation": 3,
        "contacts.Contact": 1,
        "projects.Project": 1,
        "projects.Goal": 3,
        "projects.Result": 3,
        "projects.Milestone": 8,
        "projects.Funding": 1,
        "projects.Event": 1,
        "project-contacts": 1,
    }


@pytest.mark.django_db
def test_loading_again_restores_edited_content_without_new_rows():
    call_command("loaddata", *FIXTURES, verbosity=0)
    Project.objects.update(title_de="Geändert")
    call_command("loaddata", *FIXTURES, verbosity=0)
    assert Project.objects.get().title_de == "Regionales Digitalisierungszentrum"


def test_every_translated_field_is_filled_in_both_languages_or_in_neither(content):
    for model in CONTENT_MODELS:
        fields = translator.get_options_for_model(model).fields
        for instance in model._default_manager.all():
            for name in fields:
                german = getattr(instance, f"{name}_de")
                english = getattr(instance, f"{name}_en")
                where = f"{model._meta.label} {instance.pk} {name}"
                assert bool(german) == bool(english), where
                if not model._meta.get_field(name).blank:
                    assert german and english, where
                assert german == german.strip() and english == english.strip(), where


def test_the_source_facts_are_in_the_fixtures(content):
    project = Project.objects.get()
    assert project.title_en == "Regional Digitalisation Centre"
    assert (str(project.start_date), str(project.end_date)) == ("2019-07-01", "2021-06-30")
    assert (project.quote_speaker, project.quote_role_de) == ("Michael Ziche", "Landrat")
    assert (str(project.quote_date), project.quote_date_precision) == ("2019-07-01", "month")
    assert all(goal.title_en for goal in Goal.objects.all())
    funding = Funding.objects.get()
    assert funding.max_amount == 200000
    assert funding.co_funding_note_de == "zuzüglich eines kommunalen Eigenanteils"
    milestones = {m.slug: (str(m.date), m.date_precision) for m in Milestone.objects.all()}
    assert milestones["breitbandfoerderprojekt"] == ("2012-01-01", "year")
    assert milestones["buergerbefragung"] == ("2020-04-01", "month")
    assert milestones["unternehmensbefragung"] == ("2020-12-01", "month")
    assert milestones["digitale-agenda"] == ("2021-06-28", "day")
    assert milestones["haus5"] == ("2021-09-15", "day")
    event = Event.objects.get()
    assert (str(event.start_date), event.start_time) == ("2020-08-31", None)


def test_no_invented_contact_details(content):
    """The source names no person, phone number or e-mail address; only the
    county's public switchboard and address may be used."""
    assert list(Contact.objects.values_list("name", "phone", "email")) == [("", "", "")]
    phones = set(Organisation.objects.exclude(phone="").values_list("phone", flat=True))
    assert phones == {"03901 840-0"}
    assert not Organisation.objects.exclude(email="").exists()


def test_readme_loads_the_same_fixtures_as_make_run():
    readme = (settings.BASE_DIR / "README.md").read_text()
    commands = re.findall(r"manage\.py loaddata ([\w ]+)", readme)
    assert commands
    assert all(command.split() == FIXTURES for command in commands)
