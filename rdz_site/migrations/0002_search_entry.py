import re

from django.conf import settings
from django.db import DatabaseError, migrations, models, transaction


# Frozen here: the search index has since moved to the search app, which
# needs neither (rdz_site 0003 drops these tables).
FULL_TEXT_CONFIGS = {"de": "german", "en": "english"}


def full_text_table(language):
    return f"rdz_site_searchentry_fts_{re.sub('[^a-z0-9]', '_', language.lower())}"

# SQLite: one full-text table per language over SearchEntry.body, with the
# trigram tokenizer (SQLite 3.34 or newer), kept in step by triggers. It
# finds any substring of three or more characters through an index,
# case-insensitively also beyond ASCII; one table per language keeps each
# index small. A language without a table (SQLite without the tokenizer, or a
# language added later without a migration for it) is searched with LIKE.
TABLE = "rdz_site_searchentry"


def create_statements(language):
    fts = full_text_table(language)
    code = language.replace("'", "''")
    return [
        f"""CREATE VIRTUAL TABLE {fts} USING fts5(
            body, content='{TABLE}', content_rowid='id', tokenize='trigram')""",
        f"""INSERT INTO {fts}(rowid, body) SELECT id, body FROM {TABLE} WHERE language = '{code}'""",
        f"""CREATE TRIGGER {fts}_insert AFTER INSERT ON {TABLE} WHEN new.language = '{code}'
        BEGIN INSERT INTO {fts}(rowid, body) VALUES (new.id, new.body); END""",
        f"""CREATE TRIGGER {fts}_delete AFTER DELETE ON {TABLE} WHEN old.language = '{code}'
        BEGIN INSERT INTO {fts}({fts}, rowid, body) VALUES ('delete', old.id, old.body); END""",
        # One trigger for updates (an upsert updates), so that the old text
        # leaves the index before the new one enters, whichever language the
        # row had and has.
        f"""CREATE TRIGGER {fts}_update AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {fts}({fts}, rowid, body)
            SELECT 'delete', old.id, old.body WHERE old.language = '{code}';
        INSERT INTO {fts}(rowid, body) SELECT new.id, new.body WHERE new.language = '{code}';
        END""",
    ]


def drop_statements(language):
    fts = full_text_table(language)
    triggers = ("insert", "delete", "update")
    return [f"DROP TRIGGER IF EXISTS {fts}_{name}" for name in triggers] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def _sqlite_trigram_available(cursor):
    try:
        cursor.execute("CREATE VIRTUAL TABLE temp.rdz_trigram_probe USING fts5(x, tokenize='trigram')")
    except Exception:  # noqa: BLE001 - no FTS5, or a SQLite older than 3.34
        return False
    cursor.execute("DROP TABLE temp.rdz_trigram_probe")
    return True


# PostgreSQL: a GIN index per language for the full-text search, on exactly
# the expression Django's SearchVector("body", config=...) writes, and a
# trigram index (extension pg_trgm) for the substring match. Without the
# right to create the extension the substring match reads every row.
def postgresql_statements(language):
    config = FULL_TEXT_CONFIGS.get(language, "simple")
    code = language.replace("'", "''")
    return [
        f"""CREATE INDEX {full_text_table(language)} ON {TABLE}
        USING gin (to_tsvector('{config}'::regconfig, COALESCE(body, '')))
        WHERE language = '{code}'"""
    ]


def create_postgresql_indexes(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for language, _name in settings.LANGUAGES:
            for statement in postgresql_statements(language):
                cursor.execute(statement)  # noqa: S608 - names and codes from our settings
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:
            return
        cursor.execute(f"CREATE INDEX {TABLE}_trigram ON {TABLE} USING gin (body gin_trgm_ops)")


def create_sqlite_tables(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if not _sqlite_trigram_available(cursor):
            return
        for language, _name in settings.LANGUAGES:
            for statement in create_statements(language):
                cursor.execute(statement)  # noqa: S608 - names and codes from our settings


def create_search_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        create_postgresql_indexes(schema_editor)
    elif vendor == "sqlite":
        create_sqlite_tables(schema_editor)


def drop_search_indexes(apps, schema_editor):
    # PostgreSQL's indexes go with the table.
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        for language, _name in settings.LANGUAGES:
            for statement in drop_statements(language):
                cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("rdz_site", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=20)),
                ("language", models.CharField(max_length=10)),
                ("object_id", models.PositiveBigIntegerField()),
                ("sort_key", models.TextField()),
                ("title", models.TextField()),
                ("url", models.TextField()),
                ("context", models.TextField(blank=True)),
                ("texts", models.JSONField(default=list)),
                ("body", models.TextField()),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["language", "kind", "sort_key"], name="search_entry_order"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "object_id", "language"), name="search_entry_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(create_search_indexes, drop_search_indexes, elidable=False),
    ]
