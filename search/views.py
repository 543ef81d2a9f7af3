"""Site search over projects, goals, results, milestones, events, contacts and
organisations, in one language.

`search(query, language)` is the whole interface: it returns the hits grouped
by kind. It reads the search index (`SearchEntry`, kept current by
rdz_site/search_index.py): two queries, whatever the number of rows; the
total per kind comes from a window function next to the first rows of each kind.

Matching is a case-insensitive substring match, every word of the query
somewhere in the item's text in that language (where an English field is
empty the page shows the German text, and so does the index). On SQLite a
full-text table per language with the trigram tokenizer answers words of three or more
letters from an index; shorter words, and SQLite builds without that
tokenizer, scan the lower-case text with LIKE. On PostgreSQL a word also
matches through full-text search (configuration "german" or "english" by
language), so that "Veranstaltungen" finds "Veranstaltung"; the substring
match stays, because full-text search does not look inside German compounds.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import CharField, Count, F, Q, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.mixins import BreadcrumbMixin
from core.prepared import Param, PreparedQuery

from .index import KINDS
from .models import FULL_TEXT_CONFIGS, SearchEntry, full_text_table

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
HITS_PER_KIND = 20
EXCERPT_LENGTH = 160


@dataclass
class Hit:
    title: str
    url: str
    context: str = ""
    # The excerpt as (text, is_match) pairs.
    excerpt: list = field(default_factory=list)

    @property
    def excerpt_html(self):
        """The excerpt with every part escaped and the matches in <mark>."""
        return format_html_join(
            "",
            "{}",
            (
                (format_html("<mark>{}</mark>", text) if match else text,)
                for text, match in self.excerpt
            ),
        )


@dataclass
class Group:
    kind: str
    label: str
    total: int
    hits: list


# Cleaning the query ---------------------------------------------------------------


# Bidirectional overrides and isolates would turn the rest of the line
# around where the query is shown.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_control(char):
    return unicodedata.category(char) in {"Cc", "Cs"} or char in _BIDI_CONTROLS


def clean_query(raw):
    """Returns (query, truncated). Control characters (a NUL byte would make
    PostgreSQL fail) become spaces, whitespace is collapsed, and the query is
    cut to MAX_QUERY_LENGTH characters."""
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(" " if _is_control(char) else char for char in text)
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_LENGTH
    return text[:MAX_QUERY_LENGTH].strip(), truncated


def query_terms(query):
    """Words of the query, without repeats; at most MAX_TERMS."""
    terms = []
    for word in query.split():
        if word.casefold() not in (term.casefold() for term in terms):
            terms.append(word)
    return terms[:MAX_TERMS]


# Matching ---------------------------------------------------------------------------

# The trigram index answers words of at least this many characters.
TRIGRAM = 3


def _trigram_table(language):
    """This language's trigram table if this SQLite database has it
    (migration 0002 creates them where SQLite can), else None. Looked up once
    per connection."""
    if connection.vendor != "sqlite":
        return None
    tables = getattr(connection, "_rdz_trigram_tables", None)
    if tables is None:
        tables = set(connection.introspection.table_names(include_views=False))
        connection._rdz_trigram_tables = tables
    name = full_text_table(language)
    return name if name in tables else None


def _phrase(term):
    # An FTS5 string: double quotes inside are doubled; nothing else is syntax.
    return '"' + term.replace('"', '""') + '"'


def _matching(language, table, indexed, scanned):
    """The entries of this language with every term somewhere in their text,
    built with placeholders (Param) for the words: "phrases", all long terms
    for the trigram table in one MATCH string; "like0", "like1", ... for the
    terms matched by scanning; on PostgreSQL "word0", ... for those that are
    also looked up by full-text search (`scanned` says which, in order)."""
    entries = SearchEntry.objects.all()
    if indexed:
        # One MATCH for all long terms (FTS5 joins phrases with AND) in the
        # language's own table, which also selects the language: the rows
        # are then read by id, not by walking all entries of the language.
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"  # noqa: S608 - our table
        phrases = Param("phrases", CharField())
        entries = entries.filter(pk__in=RawSQL(sql, (phrases,)))  # noqa: S611
    else:
        entries = entries.filter(language=Param("language", CharField()))
    for index, full_text in enumerate(scanned):
        any_way = Q(body__contains=Param(f"like{index}", CharField()))
        if full_text:
            any_way |= _full_text_matches(Param(f"word{index}", CharField()), language)
        entries = entries.filter(any_way)
    return entries


def _full_text_matches(term, language):
    """PostgreSQL: the term, stemmed, in the entry's text."""
    from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact

    config = FULL_TEXT_CONFIGS.get(language, "simple")
    return Q(
        SearchVectorExact(SearchVector("body", config=config), SearchQuery(term, config=config))
    )


def _ranked(language, table, indexed, scanned):
    """The matching entries' ids, kinds and totals per kind, the first
    HITS_PER_KIND of each kind in order. Compiled to SQL once per shape of
    query (core/prepared.py): building and compiling it with the ORM
    cost about a sixth of the search page's CPU."""
    shape = (language, table, indexed, scanned)
    query = _RANKED.get(shape)
    if query is None:
        query = _RANKED[shape] = PreparedQuery(
            lambda: (
                _matching(language, table, indexed, scanned)
                .annotate(
                    kind_total=Window(Count("pk"), partition_by=F("kind")),
                    kind_row=Window(
                        RowNumber(), partition_by=F("kind"), order_by=F("sort_key").asc()
                    ),
                )
                .filter(kind_row__lte=HITS_PER_KIND)
                .values_list("pk", "kind", "kind_total")
                .order_by("kind", "kind_row")
            )
        )
    return query


# Prepared ranked queries by shape. Bounded: 2 languages, with or without a
# MATCH, and the terms matched by scanning - at most MAX_TERMS, on
# PostgreSQL those with full-text search first.
_RANKED = {}


def excerpt(text, terms, length=EXCERPT_LENGTH):
    """A piece of `text` around the first match, as (text, is_match) pairs."""
    text = " ".join((text or "").split())
    if not text:
        return []
    lowered = text.lower()
    positions = [lowered.find(term.lower()) for term in terms]
    first = min((pos for pos in positions if pos >= 0), default=0)
    start = max(0, first - length // 3)
    if start:
        # Start at a word boundary.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    piece = text[start : start + length]
    prefix = "… " if start else ""
    suffix = " …" if start + length < len(text) else ""
    if suffix and piece.rfind(" ") > length // 2:
        piece = piece[: piece.rfind(" ")]
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    parts, last = [], 0
    for found in pattern.finditer(piece):
        if found.start() > last:
            parts.append((piece[last : found.start()], False))
        parts.append((found.group(), True))
        last = found.end()
    parts.append((piece[last:], False))
    parts = [(prefix, False), *parts, (suffix, False)]
    return [part for part in parts if part[0]]


def _best_text(texts, terms):
    """The first text that contains a term (else the first one)."""
    for value in texts:
        if any(term.lower() in value.lower() for term in terms):
            return value
    return texts[0] if texts else ""


def search(query, language=None):
    """Hits for `query` in `language` (default: the active one), grouped by
    kind in a fixed order; kinds without hits are left out. Two queries."""
    language = language or translation.get_language()
    terms = query_terms(clean_query(query)[0])
    if not terms:
        return []
    # First the narrow part: which entries, in which order, how many per
    # kind; then the wide columns of the few shown. One query for both would
    # carry every match's texts through the window functions.
    table = _trigram_table(language)
    indexed = [term for term in terms if len(term) >= TRIGRAM] if table else []
    scanned = [term for term in terms if term not in indexed]
    full_text = connection.vendor == "postgresql"
    # Stemming is for words; a term of one or two letters would make
    # PostgreSQL build the text vector of every row. Full-text terms first:
    # fewer shapes of query, the same rows.
    scanned.sort(key=lambda term: not (full_text and len(term) >= TRIGRAM))
    shape = tuple(full_text and len(term) >= TRIGRAM for term in scanned)
    values = {"language": language, "phrases": " ".join(_phrase(term) for term in indexed)}
    for index, term in enumerate(scanned):
        values[f"like{index}"] = term.lower()
        values[f"word{index}"] = term
    ranked = _ranked(language, table, bool(indexed), shape)
    groups = {}
    for pk, kind, total in ranked(**values):
        groups.setdefault(kind, (total, []))[1].append(pk)
    if not groups:
        return []
    entries = SearchEntry.objects.only("title", "url", "context", "texts").in_bulk(
        [pk for _total, pks in groups.values() for pk in pks]
    )
    with translation.override(language):
        return [
            Group(
                kind=kind.key,
                label=str(kind.label),
                total=groups[kind.key][0],
                hits=[_hit(entries[pk], terms) for pk in groups[kind.key][1]],
            )
            for kind in KINDS
            if kind.key in groups
        ]


def _hit(entry, terms):
    return Hit(
        entry.title,
        entry.url,
        context=entry.context,
        excerpt=excerpt(_best_text(entry.texts, terms), terms),
    )


# The page ---------------------------------------------------------------------------


class SearchView(BreadcrumbMixin, TemplateView):
    """The search page: a GET form and the grouped results. No cookie, no
    POST, so results can be bookmarked and shared."""

    template_name = "search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("q", "")
        query, truncated = clean_query(raw)
        groups = search(query) if query else []
        context.update(
            query=query,
            submitted="q" in self.request.GET,
            truncated=truncated,
            max_length=MAX_QUERY_LENGTH,
            groups=groups,
            total=sum(group.total for group in groups),
            hits_per_kind=HITS_PER_KIND,
        )
        return context

    def get_breadcrumb(self):
        return [(reverse("search"), _("Search"))]
