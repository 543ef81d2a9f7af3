"""Who answered a feedback item: set from the signed-in editor when the
answer date is first entered in the admin."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('legal', '0003_feedback_rate_limit'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='feedback',
            name='answered_by',
            field=models.ForeignKey(blank=True, editable=False, help_text='The editor who entered the answer date.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='answered by'),
        ),
    ]
