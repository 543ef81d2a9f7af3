"""The "Redaktion" group: what the county's editors may do in the admin.

Editors maintain the content (contacts, organisations, projects with their
goals, results, milestones and funding, events, the legal pages and the
accessibility statement's limitations) and answer accessibility feedback.
They get no permission on users, groups, sessions or the login log: an
editor account is made staff and put into this group by an administrator.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")
PERMISSIONS = {
    "contacts": {"organisation": ALL, "contact": ALL},
    "projects": {
        "project": ALL, "goal": ALL, "result": ALL, "milestone": ALL, "funding": ALL, "event": ALL,
    },
    "rdz_site": {
        # The legal pages are a fixed set (imprint, privacy, accessibility):
        # editors write them but don't delete one.
        "legalpage": ("add", "change", "view"),
        "limitation": ALL,
        # Feedback comes from visitors; editors read, answer and delete it.
        "feedback": ("change", "delete", "view"),
    },
}
GROUP = "Redaktion"


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; a
    # fresh database needs them now.
    for label in PERMISSIONS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    codenames = [
        (label, f"{action}_{model}")
        for label, models in PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
    permissions = [
        Permission.objects.get(content_type__app_label=label, codename=codename)
        for label, codename in codenames
    ]
    group.permissions.set(permissions)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("contacts", "0001_initial"),
        ("projects", "0002_event_revision"),
        ("rdz_site", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
