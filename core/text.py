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
