"""Queries compiled once (rdz_site/prepared.py) give what the ORM gives:
the same rows, in the same order, with the same values, in each language,
and every call reads the database anew."""

import datetime
from decimal import Decimal

import pytest
from django.db import models
from django.utils import timezone, translation

from contacts.models import Organisation
from projects import queries
from projects.models import Event, Funding, Goal, Project
from rdz_site.prepared import Param, PreparedQuery

PROJECT = "regionales-digitalisierungszentrum"


def rows(instances):
    """Everything Django loaded into each instance, in order."""
    return [
        (type(instance), {f.attname: getattr(instance, f.attname) for f in instance._meta.fields})
        for instance in instances
    ]


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_project_lists_are_what_the_orm_loads(content, language):
    project = Project.objects.get(slug=PROJECT)
    orm = {
        "PROJECT_GOALS": project.goals.order_by("order"),
        "PROJECT_MILESTONES": project.milestones.order_by("date"),
        "PROJECT_FUNDINGS": project.fundings.order_by("order"),
        "PROJECT_EVENTS": project.events.published().order_by("-start_date"),
        "PROJECT_CONTACTS": project.contacts.filter(is_published=True),
    }
    with translation.override(language):
        for name, queryset in orm.items():
            prepared = getattr(queries, name)(project=project.pk)
            assert prepared, name  # the fixtures have rows of every kind
            assert rows(prepared) == rows(queryset), name


def test_values_come_back_as_python_types(content):
    """Dates, decimals, booleans and nullable columns are converted as the
    ORM converts them (SQLite stores dates and decimals as text)."""
    project = Project.objects.get(slug=PROJECT).pk
    funding = queries.PROJECT_FUNDINGS(project=project)[0]
    assert isinstance(funding.max_amount, Decimal)
    assert funding.start_date is None  # the source gives no funding period
    milestone = queries.PROJECT_MILESTONES(project=project)[0]
    assert isinstance(milestone.date, datetime.date)
    event = queries.LATEST_EVENTS(today=datetime.date(2100, 1, 1))[0]
    assert event.is_published is True
    assert isinstance(event.start_date, datetime.date)


def test_every_call_reads_the_database(content):
    project = Project.objects.get(slug=PROJECT)
    before = queries.PROJECT_GOALS(project=project.pk)
    Goal.objects.create(project=project, order=99, title_de="Neues Ziel", title_en="New goal")
    Goal.objects.filter(pk=before[0].pk).update(title_de="Geändert")
    after = queries.PROJECT_GOALS(project=project.pk)
    assert len(after) == len(before) + 1
    assert after[0].title_de == "Geändert"
    assert after[-1].title_de == "Neues Ziel"


def test_a_param_is_bound_on_each_call(content):
    """The split between upcoming and past moves with the date given."""
    event = Event.objects.published().order_by("start_date").first()
    day_before = event.start_date - datetime.timedelta(days=1)
    assert event in queries.UPCOMING_EVENTS(today=day_before)
    assert event not in queries.UPCOMING_EVENTS(today=event.last_day + datetime.timedelta(days=1))
    assert list(queries.UPCOMING_EVENTS(today=day_before)) == list(
        Event.objects.upcoming(day_before)
    )
    assert list(queries.LATEST_EVENTS(today=timezone.localdate())) == list(Event.objects.past()[:3])


@pytest.mark.django_db
def test_the_sql_follows_the_language():
    """Sorting by a translated field sorts by the active language's column:
    compiled once per language, not once for all."""
    for slug, german, english in (("a", "Amt", "Zoning office"), ("b", "Zweckverband", "Union")):
        Organisation.objects.create(slug=slug, name_de=german, name_en=english, kind="other")
    by_name = PreparedQuery(lambda: Organisation.objects.order_by("name"))
    for _round in range(2):
        with translation.override("de"):
            assert [o.slug for o in by_name()] == ["a", "b"]
        with translation.override("en"):
            assert [o.slug for o in by_name()] == ["b", "a"]


@pytest.mark.django_db
def test_a_missing_value_is_named():
    query = PreparedQuery(
        lambda: Funding.objects.filter(project_id=Param("project", models.IntegerField()))
    )
    with pytest.raises(TypeError, match="Param\\('project'\\)"):
        query(projekt=1)


@pytest.mark.django_db
def test_related_rows_cannot_be_prepared():
    query = PreparedQuery(lambda: Project.objects.select_related("lead_organisation"))
    with pytest.raises(ValueError, match="select_related"):
        query()
