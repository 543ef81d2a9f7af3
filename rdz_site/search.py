"""Site search over projects, goals, results, milestones, events, contacts and
organisations, in one language.

`search(query, language)` is the whole interface: it returns the hits grouped
by kind. Matching is a case-insensitive substring match (`icontains`) on the
columns of that language, every word of the query in some field; where an
English column is empty the page shows the German text, so the German column
is searched instead. Each kind costs one query, whatever the number of rows:
the total comes from a window function next to the first rows.

On PostgreSQL a term also matches through full-text search on the same
columns (configuration "german" or "english" by language), so that a word
finds its inflected forms ("Veranstaltungen" finds "Veranstaltung"); the
substring match stays, because full-text search does not look inside German
compounds. SQLite has the substring match only.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, Window
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from contacts.models import Contact, Organisation
from projects.models import Event, Goal, Milestone, Project, Result

from .mixins import BreadcrumbMixin

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
HITS_PER_KIND = 20
EXCERPT_LENGTH = 160


@dataclass
class Hit:
    title: str
    url: str
    context: str = ""
    # The excerpt as (text, is_match) pairs, so that the template escapes
    # every part and marks the matches.
    excerpt: list = field(default_factory=list)


@dataclass
class Group:
    kind: str
    label: str
    total: int
    hits: list


@dataclass(frozen=True)
class Kind:
    key: str
    label: object
    translated: tuple = ()
    plain: tuple = ()

    def queryset(self):
        raise NotImplementedError

    def hit(self, obj, terms):
        raise NotImplementedError


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


def _column_matches(path, term, language, translated):
    if not translated:
        return Q(**{f"{path}__icontains": term})
    match = Q(**{f"{path}_{language}__icontains": term})
    fallback = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if language != fallback:
        empty = Q(**{f"{path}_{language}__isnull": True}) | Q(**{f"{path}_{language}": ""})
        match |= empty & Q(**{f"{path}_{fallback}__icontains": term})
    return match


FULL_TEXT_CONFIGS = {"de": "german", "en": "english"}


def _full_text_matches(kind, term, language):
    """PostgreSQL: the term, stemmed, in the kind's columns of this language."""
    from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact

    config = FULL_TEXT_CONFIGS.get(language, "simple")
    columns = [f"{path}_{language}" for path in kind.translated] + list(kind.plain)
    return Q(
        SearchVectorExact(SearchVector(*columns, config=config), SearchQuery(term, config=config))
    )


def _matches(kind, terms, language):
    """Every term in at least one of the kind's columns."""
    full_text = connection.vendor == "postgresql"
    condition = Q()
    for term in terms:
        any_column = Q()
        for path in kind.translated:
            any_column |= _column_matches(path, term, language, translated=True)
        for path in kind.plain:
            any_column |= _column_matches(path, term, language, translated=False)
        if full_text:
            any_column |= _full_text_matches(kind, term, language)
        condition &= any_column
    return condition


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


def _best_text(obj, fields, terms):
    """The first of `fields` that contains a term (else the first non-empty)."""
    values = [getattr(obj, name, "") or "" for name in fields]
    for value in values:
        if any(term.lower() in value.lower() for term in terms):
            return value
    return next((value for value in values if value), "")


# The kinds --------------------------------------------------------------------------


class ProjectKind(Kind):
    def queryset(self):
        return Project.objects.published()

    def hit(self, obj, terms):
        text = _best_text(obj, ("summary", "background", "quote_text", "title"), terms)
        return Hit(obj.title, obj.get_absolute_url(), excerpt=excerpt(text, terms))


# Goals, results and milestones count when their project is published (what
# Project.objects.published() selects). The condition is written on the
# project join that the select_related and the default ordering need anyway:
# cheaper to build than a subquery, and the same rows.


class GoalKind(Kind):
    def queryset(self):
        return Goal.objects.filter(project__is_published=True).select_related("project")

    def hit(self, obj, terms):
        return Hit(
            obj.title,
            f"{obj.project.get_absolute_url()}#goal-{obj.order}",
            context=obj.project.title,
        )


class ResultKind(Kind):
    def queryset(self):
        return Result.objects.filter(goal__project__is_published=True).select_related(
            "goal__project"
        )

    def hit(self, obj, terms):
        project = obj.goal.project
        return Hit(
            obj.goal.title,
            f"{project.get_absolute_url()}#result-{obj.goal.order}-{obj.order}",
            context=project.title,
            excerpt=excerpt(obj.text, terms),
        )


class MilestoneKind(Kind):
    def queryset(self):
        return Milestone.objects.filter(project__is_published=True).select_related("project")

    def hit(self, obj, terms):
        return Hit(
            obj.title,
            f"{obj.project.get_absolute_url()}#milestone-{obj.slug}",
            context=obj.project.title,
            excerpt=excerpt(_best_text(obj, ("description",), terms), terms),
        )


class EventKind(Kind):
    def queryset(self):
        return Event.objects.published()

    def hit(self, obj, terms):
        text = _best_text(obj, ("description", "venue", "address"), terms)
        return Hit(obj.title, obj.get_absolute_url(), excerpt=excerpt(text, terms))


class ContactKind(Kind):
    def queryset(self):
        return Contact.objects.listed()

    def hit(self, obj, terms):
        text = _best_text(obj, ("role", "office_hours", "function"), terms)
        return Hit(
            obj.display_name,
            obj.get_absolute_url(),
            context=obj.organisation.name,
            excerpt=excerpt(text, terms),
        )


class OrganisationKind(Kind):
    def queryset(self):
        # Only organisations the contacts page shows: those with a listed contact.
        return Organisation.objects.filter(pk__in=Contact.objects.listed().values("organisation"))

    def hit(self, obj, terms):
        address = ", ".join(
            part for part in (obj.street, f"{obj.postal_code} {obj.city}".strip()) if part
        )
        return Hit(
            obj.name,
            f"{reverse('contacts:list')}#org-{obj.slug}",
            excerpt=excerpt(address, terms),
        )


KINDS = (
    ProjectKind(
        "projects",
        gettext_lazy("Projects"),
        translated=("title", "summary", "background", "quote_text", "quote_role"),
        plain=("quote_speaker",),
    ),
    GoalKind("goals", gettext_lazy("Goals"), translated=("title",)),
    ResultKind("results", gettext_lazy("Results"), translated=("text",)),
    MilestoneKind("milestones", gettext_lazy("Milestones"), translated=("title", "description")),
    EventKind(
        "events",
        gettext_lazy("Events"),
        translated=("title", "venue", "description"),
        plain=("address",),
    ),
    ContactKind(
        "contacts",
        gettext_lazy("Contacts"),
        translated=("function", "role", "office_hours", "organisation__name"),
        plain=("name",),
    ),
    OrganisationKind(
        "organisations",
        gettext_lazy("Organisations"),
        translated=("name",),
        plain=("street", "postal_code", "city"),
    ),
)


def _search_kind(kind, terms, language):
    rows = list(
        kind.queryset()
        .filter(_matches(kind, terms, language))
        .annotate(search_total=Window(Count("pk")))[:HITS_PER_KIND]
    )
    if not rows:
        return None
    return Group(
        kind=kind.key,
        label=str(kind.label),
        total=rows[0].search_total,
        hits=[kind.hit(row, terms) for row in rows],
    )


def search(query, language=None):
    """Hits for `query` in `language` (default: the active one), grouped by
    kind; kinds without hits are left out. One database query per kind."""
    language = language or translation.get_language()
    terms = query_terms(clean_query(query)[0])
    if not terms:
        return []
    with translation.override(language):
        groups = (_search_kind(kind, terms, language) for kind in KINDS)
        return [group for group in groups if group]


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
