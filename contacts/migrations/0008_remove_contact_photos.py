"""Contact photos are gone: no page and no vCard showed them, and the source
names no photo. The files go with the field - the stored ones and those
that earlier uploads left behind under contacts/."""

from django.core.files.storage import default_storage
from django.db import migrations


def delete_photo_files(apps, schema_editor):
    Contact = apps.get_model("contacts", "Contact")
    for contact in Contact.objects.exclude(photo=""):
        contact.photo.delete(save=False)
    if default_storage.exists("contacts"):
        _folders, files = default_storage.listdir("contacts")
        for name in files:
            default_storage.delete(f"contacts/{name}")


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0007_redaktion_publish_groups"),
    ]

    operations = [
        # Deleted files cannot come back: going backwards only restores the column.
        migrations.RunPython(delete_photo_files, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="contact",
            name="photo",
        ),
    ]
