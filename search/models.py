"""The search index: one `SearchEntry` per visible item and language, as the
result list shows it, kept current by search/index.py. A search is one query
on this table (`SearchEntry.objects.search()`), whatever the kinds of content.

Matching: every word of the query somewhere in the entry's text, as a
substring of the lower-case text (`body`). On PostgreSQL a word also matches
in any inflected form through full-text search with the language's
configuration ("Veranstaltungen" finds "Veranstaltung"), and hits are ranked
by `SearchRank`. The substring match stays there too, because full-text
search does not look inside German compounds ("Agenda" in "Digitalagenda").
"""

import functools
import operator

# Fields, expressions and index classes only: they work without
# django.contrib.postgres in INSTALLED_APPS, and only code that runs on
# PostgreSQL builds SQL with them.
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connections, models
from django.db.models import Count, F, FloatField, Q, Value, Window
from django.db.models.functions import RowNumber

# PostgreSQL text search configuration per language (stemming, stop words).
FULL_TEXT_CONFIGS = {"de": "german", "en": "english"}
# Full-text search is for words of at least this many characters (so is the
# trigram index); shorter terms are matched as substrings only.
MIN_WORD_LENGTH = 3


def _config(language):
    return FULL_TEXT_CONFIGS.get(language, "simple")


def _postgresql(queryset):
    return connections[queryset.db].vendor == "postgresql"


class SearchEntryQuerySet(models.QuerySet):
    def search(self, terms, language):
        """Entries in `language` that contain every one of `terms`, with
        `rank`: how well they match (on PostgreSQL; the same for all
        elsewhere)."""
        entries = self.filter(language=language)
        if not _postgresql(self):
            for term in terms:
                entries = entries.filter(body__contains=term.lower())
            return entries.alias(rank=Value(0.0, output_field=FloatField()))
        queries = []
        for term in terms:
            match = Q(body__contains=term.lower())
            if len(term) >= MIN_WORD_LENGTH:
                # Plain text: plainto_tsquery() reads no operators in the term.
                query = SearchQuery(term, config=_config(language))
                queries.append(query)
                match |= Q(words=query)
            entries = entries.filter(match)
        if not queries:
            return entries.alias(rank=Value(0.0, output_field=FloatField()))
        return entries.alias(rank=SearchRank(F("words"), functools.reduce(operator.or_, queries)))

    def first_of_each_kind(self, count):
        """(pk, kind, number of entries of that kind) for the first `count`
        entries of each kind: best rank first, then in the order of the
        kind's own page (`sort_key`)."""
        return (
            self.annotate(
                kind_total=Window(Count("pk"), partition_by=F("kind")),
                kind_row=Window(
                    RowNumber(),
                    partition_by=F("kind"),
                    order_by=(F("rank").desc(), F("sort_key").asc()),
                ),
            )
            .filter(kind_row__lte=count)
            .values_list("pk", "kind", "kind_total")
            .order_by("kind", "kind_row")
        )

    def write(self, entries):
        """Inserts `entries`, or updates those already there (the same kind,
        object and language), in one statement per thousand; on PostgreSQL
        with `words` made from `body`. An upsert, so that two editors saving
        at once (say two contacts of one organisation) cannot both insert the
        same entry."""
        entries = list(entries)
        if _postgresql(self):
            for entry in entries:
                entry.words = SearchVector(Value(entry.body), config=_config(entry.language))
        self.bulk_create(
            entries,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=("kind", "object_id", "language"),
            update_fields=("sort_key", "title", "url", "context", "texts", "body", "words"),
        )
        return len(entries)


class SearchEntry(models.Model):
    """One searchable item (a project, goal, result, milestone, event, contact
    or organisation) in one language, as the page shows it. Where an English
    field is empty the page shows the German text, and so does the entry."""

    kind = models.CharField(max_length=20)
    language = models.CharField(max_length=10)
    object_id = models.PositiveBigIntegerField()
    # Ascending order of the hits within their kind (the pages' own order).
    sort_key = models.TextField()
    title = models.TextField()
    url = models.TextField()
    context = models.TextField(blank=True)
    # The texts an excerpt may come from, best first.
    texts = models.JSONField(default=list)
    # Everything searchable, lower case, one field per line.
    body = models.TextField()
    # PostgreSQL: `body` as a text search vector in the language's
    # configuration, written with it by write(). NULL on other databases.
    words = SearchVectorField(null=True, editable=False)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("kind", "object_id", "language"), name="search_entry_unique"
            )
        ]
        indexes = [
            models.Index(fields=("language", "kind", "sort_key"), name="search_entry_order"),
            # PostgreSQL only: migration 0001 creates them nowhere else, and
            # a migration that changes them must skip other databases too.
            GinIndex(fields=("words",), name="search_entry_words"),
            # The substring match from trigrams (pg_trgm). A condition
            # `substring OR word` needs an index on both sides, or PostgreSQL
            # reads every row of the language.
            GinIndex(fields=("body",), opclasses=("gin_trgm_ops",), name="search_entry_trigram"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.language}): {self.title}"
