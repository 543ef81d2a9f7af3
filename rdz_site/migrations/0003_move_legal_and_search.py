"""The project package hands its models over: the legal pages, limitations
and feedback to the legal app (legal 0001 takes them, rows and all), and
the search index to the search app, which builds its own (search 0001).

The old index is derived data and is dropped, with SQLite's full-text tables
and the triggers that fed them; `migrate` rebuilds the new one at its end.
"""

from django.conf import settings
from django.db import migrations

TABLE = "rdz_site_searchentry"


def drop_sqlite_full_text_tables(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL's indexes go with the table.
    with schema_editor.connection.cursor() as cursor:
        for language, _name in settings.LANGUAGES:
            table = f"{TABLE}_fts_{language}"
            for trigger in ("insert", "delete", "update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_{trigger}")
            cursor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [
        ("rdz_site", "0002_search_entry"),
        ("legal", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_full_text_tables, migrations.RunPython.noop),
        migrations.DeleteModel(name="SearchEntry"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Limitation"),
                migrations.DeleteModel(name="LegalPage"),
                migrations.DeleteModel(name="Feedback"),
            ],
        ),
    ]
