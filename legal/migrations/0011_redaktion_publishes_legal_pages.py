"""The legal pages are public at all times, so changing one is publishing:
the "Redaktion" group gets the new right, "Redaktion (ohne Freigabe)" does
not (its editors read the legal pages; contacts/0007 made both groups)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Redaktion"


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("legal")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    publish = Permission.objects.get(content_type__app_label="legal", codename="publish_legalpage")
    redaktion, _created = Group.objects.get_or_create(name=GROUP)
    redaktion.permissions.add(publish)


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0010_publish_permission"),
        ("contacts", "0007_redaktion_publish_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
