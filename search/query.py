"""Site search over projects, goals, results, milestones, events, contacts and
organisations, in one language.

`search(query, language)` is the whole interface: it returns the hits grouped
by kind. It reads the search index (`SearchEntry`, kept current by
search/index.py) in two queries, whatever the number of rows: first which
entries are shown and the total per kind, then their texts. How words match
is the model's business (`SearchEntry.objects.search()`).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join

from .index import KINDS
from .models import SearchEntry

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
HITS_PER_KIND = 10
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


# Hits -------------------------------------------------------------------------------


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


def visible_now(entries):
    """`entries` without those the public may not see at this minute (the
    index holds items outside their visibility window, too)."""
    now = timezone.now()
    for kind in KINDS:
        hidden = kind.hidden(now)
        if hidden is not None:
            entries = entries.exclude(kind=kind.key, object_id__in=hidden.values("pk"))
    return entries


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
    first = visible_now(SearchEntry.objects.search(terms, language)).first_of_each_kind(
        HITS_PER_KIND
    )
    groups = {}
    for pk, kind, total in first:
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
