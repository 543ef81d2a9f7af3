"""vCard 3.0 (RFC 2426) for a contact: the version that phones and address
books import most reliably. Small enough to write by hand; the rules that
matter are the escaping of text values, CRLF line ends and folding of long
lines at 75 octets without splitting a UTF-8 character."""

from django.conf import settings
from django.utils.translation import gettext as _

CONTENT_TYPE = "text/vcard; charset=utf-8"
LINE_OCTETS = 75


def escape(value):
    """Escape a text value (RFC 2426 section 4): backslash, comma, semicolon, newline."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def structured(*components):
    """A structured value (N, ADR, ORG): escaped components joined by ';'."""
    return ";".join(escape(component or "") for component in components)


def fold(line):
    """Fold a content line into pieces of at most 75 octets; each
    continuation starts with a space (RFC 2425 section 5.8.1)."""
    pieces, current, size = [], "", 0
    for char in line:
        octets = len(char.encode())
        limit = LINE_OCTETS if not pieces else LINE_OCTETS - 1
        if size + octets > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += octets
    pieces.append(current)
    return "\r\n ".join(pieces)


def _name_parts(name):
    """'Erika Mustermann' -> family 'Mustermann', given 'Erika'. A best guess:
    the site stores a name as one field."""
    given, _sep, family = name.rpartition(" ")
    return family, given


def contact_vcard(contact):
    """The contact's vCard as text. A contact known only by its function
    (a unit, no person named) gets that function as FN and an empty N, as
    RFC 2426 expects for an organisation's card."""
    organisation = contact.organisation
    lines = ["BEGIN:VCARD", "VERSION:3.0"]
    if contact.name:
        lines.append("N:" + structured(*_name_parts(contact.name), "", "", ""))
    else:
        lines.append("N:;;;;")
    lines.append("FN:" + escape(contact.display_name))
    lines.append("ORG:" + structured(organisation.name, contact.function))
    if contact.role:
        lines.append("TITLE:" + escape(contact.role))
    # The contact's own number, else the organisation's switchboard, marked
    # as such: vCard 3.0 has no type for it, so the number is grouped with a
    # label (X-ABLabel, which the common address books show) and the note
    # says it in words.
    notes = []
    if contact.phone:
        lines.append("TEL;TYPE=WORK,VOICE:" + escape(contact.phone_uri))
    elif organisation.phone:
        lines.append("switchboard.TEL;TYPE=WORK,VOICE:" + escape(organisation.phone_uri))
        lines.append("switchboard.X-ABLabel:" + escape(_("Switchboard")))
        notes.append(
            _("Phone: switchboard (%(organisation)s)") % {"organisation": organisation.name}
        )
    if email := contact.email or organisation.email:
        lines.append("EMAIL;TYPE=INTERNET,WORK:" + escape(email))
    if organisation.has_address:
        lines.append(
            "ADR;TYPE=WORK:"
            + structured(
                "",
                "",
                organisation.street,
                organisation.city,
                "",
                organisation.postal_code,
                _("Germany"),
            )
        )
    if contact.office_hours:
        notes.append(_("Office hours") + ": " + contact.office_hours)
    if notes:
        lines.append("NOTE:" + escape("\n".join(notes)))
    # A URI value, not text: commas and semicolons in it stay as they are.
    lines.append("URL:" + settings.SITE_URL + contact.get_absolute_url())
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)
