"""Editors of the "Redaktion" group see the broken links (view only: the list
is made by `manage.py check_links`)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Redaktion"


def grant_view(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("links")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="links", codename="view_brokenlink")
    )


def revoke_view(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="links", codename="view_brokenlink")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("links", "0001_broken_links"),
        ("contacts", "0002_redaktion_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_view, revoke_view)]
