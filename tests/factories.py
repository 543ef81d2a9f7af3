"""The rows tests make, one function per model: each fills in what the model
requires, and a test passes the fields that matter to it. Modules that need
many rows alike bind their own defaults with functools.partial."""

import datetime

from django.utils import timezone

from contacts.models import Contact, Organisation
from legal.models import Feedback
from projects.models import Event, Project


def make_organisation(slug="kreis", **fields):
    fields = {"name_de": "Kreis", "kind": "county_unit", **fields}
    return Organisation.objects.create(slug=slug, **fields)


def make_contact(slug="erika-mustermann", **fields):
    """A contact of the fixtures' county administration."""
    fields = {
        "name": "Erika Mustermann",
        "organisation": Organisation.objects.get(slug="altmarkkreis-salzwedel"),
        **fields,
    }
    return Contact.objects.create(slug=slug, **fields)


def make_project(slug="projekt", **fields):
    fields = {
        "title_de": "Projekt",
        "summary_de": "Worum es geht.",
        "start_date": datetime.date(2019, 7, 1),
        **fields,
    }
    return Project.objects.create(slug=slug, **fields)


def make_event(slug="termin", *, days_from_today=None, **fields):
    """A published event on 31 August 2020, or `days_from_today` days from
    today."""
    if days_from_today is not None:
        fields["start_date"] = timezone.localdate() + datetime.timedelta(days=days_from_today)
    fields = {"title_de": "Termin", "start_date": datetime.date(2020, 8, 31), **fields}
    return Event.objects.create(slug=slug, **fields)


def make_feedback(days_ago=0, *, answered=False, **fields):
    """Feedback received `days_ago` days ago (its answer is due a month
    later), answered today if `answered`; the staff e-mail about it went
    out when it came."""
    received_at = timezone.now() - datetime.timedelta(days=days_ago)
    fields = {
        "page": "/veranstaltungen/",
        "name": "Erika Muster",
        "email": "erika@example.org",
        "message": "Die Termine sind schwer zu lesen.",
        "language": "de",
        "received_at": received_at,
        "answered_at": timezone.localdate() if answered else None,
        "notified_at": received_at,
        **fields,
    }
    return Feedback.objects.create(**fields)
