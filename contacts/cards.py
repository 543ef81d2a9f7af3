"""A contact as the pages show it: its values read from the model once, in
a dict.

The contacts page shows 25 contacts, each in the HTML and again in the
JSON-LD. Read from the model, every translated field goes through
modeltranslation (the active language, the fallback: a few microseconds),
and every template lookup on a model instance first fails as a dict lookup.
Read once into a dict, the page costs about a tenth less CPU (README.md,
"Performance")."""


def card(contact):
    """The contact's fields the contacts page, the home page and their JSON-LD
    use; the organisation must be loaded with it."""
    phone = contact.phone
    return {
        "slug": contact.slug,
        "name": contact.name,
        "function": contact.function,
        "display_name": contact.display_name,
        "role": contact.role,
        "phone": phone,
        "phone_uri": contact.phone_uri if phone else "",
        "email": contact.email,
        "office_hours": contact.office_hours,
        "url": contact.get_absolute_url(),
        "vcard_url": contact.vcard_url,
        "organisation": contact.organisation,
    }
