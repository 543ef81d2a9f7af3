"""The message catalogues: German complete, and the committed .mo files (which
spare users GNU gettext) compiled from the current .po files."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import gettext, override

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["de", "en"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalogue(language):
    folder = LOCALE / language / "LC_MESSAGES"
    return polib.pofile(str(folder / "django.po")), polib.mofile(str(folder / "django.mo"))


def translations(entries):
    """{(context, msgid, plural): msgstr or plural forms} of the translated entries."""
    found = {}
    for entry in entries:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid:
            continue
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
            if any(forms):
                found[(entry.msgctxt, entry.msgid, entry.msgid_plural)] = forms
        elif entry.msgstr:
            found[(entry.msgctxt, entry.msgid, None)] = entry.msgstr
    return found


def test_every_german_msgstr_is_filled():
    po, _mo = catalogue("de")
    entries = [entry for entry in po if not entry.obsolete]
    assert entries
    assert not [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    empty = [
        entry.msgid
        for entry in entries
        if (not all(entry.msgstr_plural.values()) if entry.msgid_plural else not entry.msgstr)
    ]
    assert not empty


def test_german_placeholders_match_the_msgids():
    """A missing or misspelt %(name)s breaks the page at run time."""
    po, _mo = catalogue("de")
    for entry in po:
        expected = set(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            expected |= set(PLACEHOLDER.findall(entry.msgid_plural))
        translated = [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values()
        for msgstr in translated:
            if msgstr:
                found = set(PLACEHOLDER.findall(msgstr))
                # A singular form may leave out the number ("einmal").
                assert found == expected or (entry.msgid_plural and found < expected), entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_is_up_to_date(language):
    po, mo = catalogue(language)
    assert translations(mo) == translations(po), (
        f"locale/{language}/LC_MESSAGES/django.mo is stale: compile the .po file again"
    )


def test_the_catalogue_is_used():
    with override("de"):
        assert gettext("Events") == "Veranstaltungen"
        assert gettext("events/") == "veranstaltungen/"
    with override("en"):
        assert gettext("Events") == "Events"
