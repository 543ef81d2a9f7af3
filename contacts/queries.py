"""The contacts page's lists, compiled to SQL once (core/prepared.py).

The page shows 25 contacts at a time. Their organisations come in a second
query, all of them: a county directory has a few dozen at most, and loading
them costs less than the join would in Django's row handling."""

from core.prepared import PreparedQuery

from .models import Contact, Organisation

DIRECTORY = PreparedQuery(lambda: Contact.objects.published().in_directory_order())
ORGANISATIONS = PreparedQuery(lambda: Organisation.objects.all())
