"""Text as staff and visitors paste it, made safe to store and to write out.

Word processors put vertical tabs (a soft line break) and form feeds into
copied text, and other programs stray control characters; XML (Atom), the
calendar format (RFC 5545) and HTML forbid them, and the same word may come
composed ("ä") or decomposed ("a" + combining diaeresis). `clean_text` is
the one rule: Unicode NFC; a vertical tab, form feed or carriage return
becomes a newline (CRLF one newline); every other C0 or C1 control
character except tab and newline is removed.
"""

import re
import unicodedata

# C0 and C1 control characters, DEL, but not tab (\t) and newline (\n).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c]")


def clean_text(value):
    """`value` by the rule above; anything but a string as it is."""
    if not isinstance(value, str):
        return value
    if CONTROL.search(value):
        value = CONTROL.sub("", LINE_BREAKS.sub("\n", value))
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return value


# Line breaks of every kind, for fields that must hold one line.
ANY_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")


def without_format_characters(value):
    """`value` without Unicode format characters (category Cf): bidi
    overrides and isolates such as U+202E, which make text display in
    another order than it is written, zero-width characters, soft hyphens."""
    return "".join(char for char in value if unicodedata.category(char) != "Cf")


def quoted(value):
    """Text written by someone else, each line after "> ", as e-mail quotes
    it: no line of it can pass for a line of the surrounding text."""
    return "\n".join(f"> {line}" for line in value.splitlines() or [""])
