"""Data safety: a dump of all content loads into an empty database and dumps
again to exactly the same text, in both languages; every migration of our
apps can be reversed to zero and applied again."""

import io
import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from tests.conftest import FIXTURES

CONTENT_APPS = ("contacts", "projects", "legal.legalpage", "legal.limitation")
OUR_APPS = ("contacts", "projects", "legal", "search", "pagecache", "rdz_site")


def dump():
    out = io.StringIO()
    call_command(
        "dumpdata", *CONTENT_APPS, natural_foreign=True, natural_primary=True, indent=2, stdout=out
    )
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_dump_loads_into_an_empty_database_unchanged(tmp_path):
    call_command("loaddata", *FIXTURES, verbosity=0)
    before = dump()
    records = json.loads(before)
    models = {record["model"] for record in records}
    assert {
        "contacts.organisation",
        "contacts.contact",
        "projects.project",
        "projects.goal",
        "projects.event",
    } <= models
    # Both languages are in the dump, not just the German fallback.
    english = [
        value
        for record in records
        for name, value in record["fields"].items()
        if name.endswith("_en") and value
    ]
    german = [
        value
        for record in records
        for name, value in record["fields"].items()
        if name.endswith("_de") and value
    ]
    assert len(english) > 20 and len(german) > 20
    path = tmp_path / "content.json"
    path.write_text(before, encoding="utf-8")

    call_command("flush", interactive=False, verbosity=0)
    assert json.loads(dump()) == []
    call_command("loaddata", str(path), verbosity=0)

    assert dump() == before


def tables():
    return set(connection.introspection.table_names())


@pytest.mark.django_db(transaction=True)
def test_migrations_reverse_to_zero_and_apply_again():
    assert {"contacts_contact", "projects_project", "projects_event"} <= tables()
    for app in OUR_APPS:
        call_command("migrate", app, "zero", verbosity=0)
    left = {table for table in tables() if table.startswith(tuple(f"{app}_" for app in OUR_APPS))}
    assert left == set()
    assert not Group.objects.filter(name="Redaktion").exists()

    call_command("migrate", verbosity=0)
    assert {"contacts_contact", "projects_project", "projects_event"} <= tables()
    assert Group.objects.get(name="Redaktion").permissions.count() > 30
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
