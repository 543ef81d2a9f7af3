"""Search on PostgreSQL adds full-text search (stemming, ranking) to the
substring match; SQLite keeps the substring match alone. The same suite runs
on both (.ci/run)."""

import datetime

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from projects.models import Event
from search.models import SearchEntry
from search.query import search
from tests.factories import make_event


def on_postgresql():
    return connection.vendor == "postgresql"


@pytest.fixture
def workshop(empty_site):
    return Event.objects.create(
        slug="workshop",
        start_date="2020-09-01",
        title_de="Workshop zur Förderung kleiner Unternehmen",
        title_en="Workshop on funding small businesses",
    )


def titles(query, language):
    return [hit.title for group in search(query, language) for hit in group.hits]


@pytest.mark.parametrize(("query", "language"), [("Förderung", "de"), ("funding", "en")])
def test_substring_match_everywhere(workshop, query, language):
    assert titles(query, language) == [workshop.title_de if language == "de" else workshop.title_en]


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("Förderungen Unternehmens", "de"),  # inflected forms of words in the German title
        ("businesses funded", "en"),
    ],
)
def test_inflected_forms_match_only_with_full_text_search(workshop, query, language):
    found = titles(query, language)
    if on_postgresql():
        assert len(found) == 1
    else:
        assert found == []


def test_no_false_hits_from_stop_words(workshop):
    assert titles("und", "de") == []
    assert titles("the", "en") == []


def test_plural_finds_singular_only_with_full_text_search(db):
    make_event(
        "sprechstunde",
        title_de="Veranstaltung zur Breitbandförderung",
        start_date=datetime.date(2030, 1, 1),
    )
    expected = ["Veranstaltung zur Breitbandförderung"] if on_postgresql() else []
    assert titles("Veranstaltungen", "de") == expected


def test_a_word_inside_a_compound_is_found_everywhere(empty_site):
    make_event(
        "agenda", title_de="Netzwerktreffen Digitalagenda", start_date=datetime.date(2030, 1, 1)
    )
    assert titles("Agenda", "de") == ["Netzwerktreffen Digitalagenda"]


def test_whole_words_rank_before_parts_of_compounds_on_postgresql(empty_site):
    # The events page shows the later one first; SQLite keeps that order.
    make_event(
        "spaeter", title_de="Netzwerktreffen Digitalagenda", start_date=datetime.date(2030, 1, 2)
    )
    make_event("frueher", title_de="Agenda für Salzwedel", start_date=datetime.date(2030, 1, 1))
    found = titles("Agenda", "de")
    if on_postgresql():
        assert found == ["Agenda für Salzwedel", "Netzwerktreffen Digitalagenda"]
    else:
        assert found == ["Netzwerktreffen Digitalagenda", "Agenda für Salzwedel"]


SEARCH_INDEXES = {"search_entry_words", "search_entry_trigram"}


def test_search_indexes_exist_on_postgresql_only(db):
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, SearchEntry._meta.db_table)
    if on_postgresql():
        assert {name: indexes[name]["type"] for name in SEARCH_INDEXES} == dict.fromkeys(
            SEARCH_INDEXES, "gin"
        )
    else:
        assert not SEARCH_INDEXES & set(indexes)


@pytest.mark.skipif(not on_postgresql(), reason="PostgreSQL's indexes")
@pytest.mark.parametrize(
    ("lookup", "index"),
    [
        ({"words": SearchQuery("Workshops", config="german")}, "search_entry_words"),
        ({"body__contains": "workshop"}, "search_entry_trigram"),
    ],
)
def test_both_ways_a_word_matches_can_read_an_index(workshop, lookup, index):
    """So that PostgreSQL need not read every row once the index is large;
    on a table this small it would rather, so it is told not to."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    assert index in SearchEntry.objects.filter(**lookup).explain()
