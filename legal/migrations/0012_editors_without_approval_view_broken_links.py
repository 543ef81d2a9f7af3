"""Editors of "Redaktion (ohne Freigabe)" see the broken links, as the
Redaktion does: looking at them is no publishing. contacts/0007 copied the
Redaktion's rights into that group, which held this one only when
links/0002 happened to run first. (Here, not in links/: a links migration
that waits for contacts/0007 would tie the links app's history to it.)"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WITHOUT = "Redaktion (ohne Freigabe)"


def grant_view(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("links")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(content_type__app_label="links", codename="view_brokenlink")
    for group in Group.objects.filter(name=WITHOUT):
        group.permissions.add(view)


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0011_redaktion_publishes_legal_pages"),
        ("links", "0002_redaktion_views_broken_links"),
    ]

    operations = [migrations.RunPython(grant_view, migrations.RunPython.noop)]
