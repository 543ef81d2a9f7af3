"""Search on PostgreSQL adds full-text search (stemming) to the substring match;
SQLite keeps the substring match alone. The same suite runs on both (.ci/run)."""

import pytest
from django.db import connection

from projects.models import Event
from search.views import search


@pytest.fixture
def workshop(db):
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
    if connection.vendor == "postgresql":
        assert len(found) == 1
    else:
        assert found == []


def test_no_false_hits_from_stop_words(workshop):
    assert titles("und", "de") == []
    assert titles("the", "en") == []
