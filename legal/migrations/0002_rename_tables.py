"""The moved tables get this app's names (legal_legalpage, ...), like every
other table of the site; foreign keys to them follow the rename."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="feedback", table=None),
        migrations.AlterModelTable(name="legalpage", table=None),
        migrations.AlterModelTable(name="limitation", table=None),
    ]
