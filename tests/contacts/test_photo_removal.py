"""Contact photos were removed: the migration deletes the column and every
file under media/contacts/, the stored photos and the ones that earlier
uploads left behind."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("contacts", "0007_redaktion_publish_groups")]
AFTER = [("contacts", "0008_remove_contact_photos")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_deletes_the_photo_column_and_files(content, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    folder = tmp_path / "contacts"
    folder.mkdir()
    old_apps = migrate(BEFORE)
    try:
        Contact = old_apps.get_model("contacts", "Contact")
        contact = Contact.objects.get(slug="wirtschaftsfoerderung-projekte")
        (folder / "portrait_ab12.jpg").write_bytes(b"stored photo")
        (folder / "portrait.jpg").write_bytes(b"replaced earlier, left behind")
        contact.photo = "contacts/portrait_ab12.jpg"
        contact.save()
    finally:
        migrate(AFTER)
    assert list(folder.iterdir()) == []
    columns = [c.name for c in connection.introspection.get_table_description(
        connection.cursor(), "contacts_contact"
    )]  # fmt: skip
    assert "photo" not in columns
    assert "slug" in columns
