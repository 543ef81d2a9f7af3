"""How an app tells the site search what it has to find.

An app with content to find lists it in its own `search_index` module as
`KINDS`, one `SearchKind` per kind of hit; search/index.py imports those
lists in the order the result page shows their kinds, keeps one entry per
visible item and language from them and follows every save and delete. The
apps never import search: this module is all they share with it.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class SearchKind:
    """One kind of hit: which rows are visible, what an entry holds, and
    which entries a change to one of its rows touches."""

    key: str
    label: object
    model: type
    # The fields the search looks in (dotted for a related object).
    fields: tuple

    def visible(self):
        """The rows of `model` the search may show."""
        raise NotImplementedError

    def hidden(self, now):
        """The rows of `visible()` the public may not see at `now`: published
        items outside their visibility window, and what belongs to them. The
        search leaves their entries out at the moment of the query. None
        for a kind without a visibility window."""
        return None

    def entry(self, obj):
        """title, url, and optionally context and texts (where an excerpt
        may come from), and sort_key of `obj`, in the active language."""
        raise NotImplementedError

    def affected(self, instance, using):
        """{kind key: ids} of the entries that show `instance`, a row of
        `model` just saved or deleted: its own, and those of kinds whose
        entries show it (a project's title is the context of its goals)."""
        return {self.key: {instance.pk}}


def non_empty(*values):
    """The values that are not empty: an entry's texts."""
    return [value for value in values if value]


def pks(model, using, **filters):
    """The ids of `model`'s rows matching `filters`, as a set."""
    return set(model.objects.using(using).filter(**filters).values_list("pk", flat=True))


# Sort keys. Each kind lists its hits in the order its page uses; the index
# keeps that as one ascending text key, so a descending date becomes its
# distance to 9999-12-31.


def descending(day):
    return f"{(datetime.date.max - day).days:07d}" if day else "9999999"


def ascending(day):
    return day.isoformat() if day else "9999-99-99"


def number(value):
    return f"{value or 0:010d}"
