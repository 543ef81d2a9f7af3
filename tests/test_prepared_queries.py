"""Queries compiled once (rdz_site/prepared.py) give what the ORM gives:
the same rows, in the same order, with the same values, in each language,
and every call reads the database anew."""

import datetime
from decimal import Decimal

import pytest
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone, translation

from contacts.models import Contact, Organisation
from contacts.queries import DIRECTORY
from projects import queries
from projects.models import Event, Funding, Goal, Project
from rdz_site.models import SearchEntry
from rdz_site.prepared import Param, PreparedQuery, PreparedRows

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


def make_events(today, count):
    """`count` published events around `today`, some of several days and
    some at the same date; one unpublished."""
    for i in range(count):
        start = today + datetime.timedelta(days=i // 2 - count // 3)
        Event.objects.create(
            slug=f"event-{i}",
            title_de=f"Termin {i}",
            title_en=f"Event {i}",
            start_date=start,
            start_time=None if i % 3 else datetime.time(9 + i % 8),
            end_date=start + datetime.timedelta(days=2) if i % 5 == 0 else None,
        )
    Event.objects.create(slug="hidden", title="Hidden", start_date=today, is_published=False)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
def test_pages_and_counts_are_what_the_orm_gives(language):
    """Every page of the archive and of the contacts directory, through
    Django's Paginator, on both sides; on several days."""
    today = datetime.date(2026, 3, 1)
    make_events(today, 47)
    for i in range(3):
        Organisation.objects.create(slug=f"org-{i}", name=f"Org {2 - i}", kind="other", order=1)
    for i in range(31):
        Contact.objects.create(
            slug=f"c-{i}",
            name=f"Person {i % 7}",
            organisation=Organisation.objects.get(slug=f"org-{i % 3}"),
            order=i % 4,
            is_published=i != 5,
        )
    with translation.override(language):
        for day in (today - datetime.timedelta(days=30), today, today + datetime.timedelta(days=9)):
            pairs = [
                (PreparedRows(queries.PAST_EVENTS, today=day), Event.objects.past(day)),
                (PreparedRows(DIRECTORY), Contact.objects.published().in_directory_order()),
            ]
            for prepared, queryset in pairs:
                ours, django = Paginator(prepared, 10), Paginator(queryset, 10)
                assert ours.count == django.count
                assert ours.num_pages == django.num_pages
                for number in ours.page_range:
                    assert rows(ours.page(number)) == rows(django.page(number)), (day, number)
        assert queries.PUBLISHED_EVENTS.count() == 47
        assert queries.PAST_EVENTS.count(today=today) == Event.objects.past(today).count() > 0


@pytest.mark.django_db
def test_a_count_of_a_sliced_query_counts_the_slice():
    make_events(datetime.date(2026, 3, 1), 12)
    assert queries.LATEST_EVENTS.count(today=datetime.date(2100, 1, 1)) == 3


@pytest.mark.django_db
def test_pages_need_an_unsliced_query_and_plain_slices():
    with pytest.raises(ValueError, match="unsliced"):
        queries.LATEST_EVENTS.page(0, 10, today=datetime.date(2026, 3, 1))
    rows_ = PreparedRows(queries.PAST_EVENTS, today=datetime.date(2026, 3, 1))
    with pytest.raises(TypeError, match="slices"):
        rows_[3]
    with pytest.raises(TypeError, match="slices"):
        rows_[0:10:2]
    with pytest.raises(ValueError, match="start <= stop"):
        rows_[5:2]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "build",
    [
        lambda: Project.objects.only("slug"),
        lambda: Project.objects.values("slug"),
        lambda: Project.objects.annotate(goal_count=models.Count("goals")),
    ],
)
def test_only_whole_rows_of_the_model_can_be_prepared(build):
    with pytest.raises(ValueError, match="all of its model's own columns"):
        PreparedQuery(build)()


@pytest.mark.django_db
def test_values_list_rows_come_back_as_tuples(content):
    def build():
        return SearchEntry.objects.filter(
            language=Param("language", models.CharField())
        ).values_list("pk", "kind", "url")

    for language in ("de", "en"):
        prepared = PreparedQuery(build)(language=language)
        assert prepared  # the fixtures are indexed in both languages
        assert prepared == list(
            SearchEntry.objects.filter(language=language).values_list("pk", "kind", "url")
        )


@pytest.mark.django_db
def test_values_list_of_a_translated_model_is_refused():
    """modeltranslation fills values_list() with the fallback language in
    Python; run as plain SQL, an English title left empty would stay empty."""
    with pytest.raises(ValueError, match="without translated fields"):
        PreparedQuery(lambda: Event.objects.values_list("title"))()
