"""Publishing is a right of its own. The "Redaktion" group keeps it (a team of
one is never blocked); the new group "Redaktion (ohne Freigabe)" has all of
the Redaktion's other rights: its editors write and submit for approval, and
someone with the right to publish approves."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Redaktion"
WITHOUT = "Redaktion (ohne Freigabe)"
PUBLISH = {
    "contacts": ("publish_organisation", "publish_contact"),
    "projects": ("publish_project", "publish_event"),
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    for label in PUBLISH:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    publish = [
        Permission.objects.get(content_type__app_label=label, codename=codename)
        for label, codenames in PUBLISH.items()
        for codename in codenames
    ]
    redaktion, _created = Group.objects.get_or_create(name=GROUP)
    without, _created = Group.objects.get_or_create(name=WITHOUT)
    without.permissions.set(redaktion.permissions.exclude(pk__in=[p.pk for p in publish]))
    redaktion.permissions.add(*publish)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=WITHOUT).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0006_publish_permission_and_review"),
        ("projects", "0010_publish_permission_and_review"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
